#include <catch2/catch.hpp>

#include "report_shop.hpp"
#include "support.hpp"
#include "tsuikyaku/app/report.hpp"
#include "tsuikyaku/store/report.hpp"
#include "tsuikyaku/store/segments.hpp"

using namespace tsuikyaku;

namespace {

struct ExampleShop {
  testing::TempDir dir;
  store::Database db = store::Database::open(dir / "shop.db");
  core::TimeZone zone = *core::TimeZone::find("Asia/Tokyo");
  testing::ReportShop shop{db, zone};

  ExampleShop() { testing::fill_example_shop(shop); }

  report::Report report(std::string_view as_of, std::string_view since = "") {
    app::ReportRequest request;
    request.as_of = shop.at(as_of);
    if (!since.empty()) request.since = shop.at(since);
    return app::build_report(db, zone, request);
  }
};

}  // namespace

TEST_CASE("store: counted orders leave out cancelled, refunded, voided and later orders",
          "[store]") {
  ExampleShop example;
  const auto orders = store::counted_orders(example.db, example.shop.at("2026-06-01"));
  CHECK(orders.size() == 7);
  std::int64_t total = 0;
  for (const auto& order : orders) total += order.total_minor;
  CHECK(total == 12700);
  // An order placed exactly at the as-of moment counts.
  CHECK(store::counted_orders(example.db, example.shop.at("2026-01-10 10:00")).size() == 1);
}

TEST_CASE("store: the segment run of a report is the newest at or before its as-of", "[store]") {
  ExampleShop example;
  const auto run = store::segment_run_at(example.db, example.shop.at("2026-04-30"));
  REQUIRE(run);
  CHECK(run->id == 2);
  CHECK(run->rules == std::vector<std::string>{"dormant", "loyal", "repeat", "new"});
  CHECK(store::segment_run_before(example.db, run->as_of)->id == 1);
  CHECK_FALSE(store::segment_run_at(example.db, example.shop.at("2026-02-14")));
}

TEST_CASE("store: segment tallies and moves are grouped in SQL", "[store]") {
  ExampleShop example;
  auto tallies = store::segment_tallies(example.db, 3);
  std::sort(tallies.begin(), tallies.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  REQUIRE(tallies.size() == 3);
  CHECK((tallies[0].name == "dormant" && tallies[0].customers == 1 && tallies[0].orders == 3 &&
         tallies[0].revenue == 6000));
  CHECK((tallies[1].name == "new" && tallies[1].customers == 2 && tallies[1].revenue == 5500));
  std::vector<report::Move> moves;
  for (const auto& move : store::segment_moves(example.db, 1, 3)) {
    moves.push_back({move.from.value_or(""), move.to.value_or(""), move.customers});
  }
  const auto movement = report::summarize_movement({}, {}, moves);
  CHECK(movement.count("repeat", "dormant") == 1);
  CHECK(movement.count("new", "repeat") == 1);
  CHECK(movement.count("new", "new") == 1);
  CHECK(movement.count("", "new") == 1);  // D's first order came after run 1
}

TEST_CASE("store: campaigns count orders within 14 days after a sent message", "[store]") {
  ExampleShop example;
  const auto campaigns =
      store::campaign_tallies(example.db, example.shop.at("2026-06-01"), std::chrono::days{14});
  REQUIRE(campaigns.size() == 3);
  const auto& check_in = campaigns[0];
  CHECK(check_in.name == "check-in");
  CHECK((check_in.messages_sent == 2 && check_in.recipients == 2));
  CHECK((check_in.customers_ordered == 1 && check_in.orders == 1 && check_in.revenue == 2000));
  CHECK_FALSE(check_in.has_coupons());
  const auto& winback = campaigns[2];  // exactly 14 days counts, 14 days and a second not
  CHECK(winback.name == "winback");
  CHECK((winback.messages_sent == 2 && winback.customers_ordered == 1 && winback.revenue == 700));
}

TEST_CASE("store: an order after two messages of a campaign counts once", "[store]") {
  ExampleShop example;
  const auto campaigns =
      store::campaign_tallies(example.db, example.shop.at("2026-06-01"), std::chrono::days{14});
  const auto& loyal = campaigns[1];
  CHECK(loyal.name == "loyal-thanks");
  CHECK((loyal.messages_sent == 3 && loyal.recipients == 2));
  CHECK((loyal.customers_ordered == 1 && loyal.orders == 1 && loyal.revenue == 3000));
}

TEST_CASE("store: coupon codes redeemed are orders with a code the campaign handed out",
          "[store]") {
  ExampleShop example;
  const auto campaigns =
      store::campaign_tallies(example.db, example.shop.at("2026-06-01"), std::chrono::days{14});
  const auto& loyal = campaigns[1];
  CHECK(loyal.coupons_sent == 3);
  // loyal-1 by A (letter case aside) and LOYAL-3 passed on to D; C's cancelled order not.
  CHECK(loyal.coupons_redeemed == 2);
  CHECK(loyal.coupon_orders == 2);
  CHECK(loyal.coupon_revenue == 4500);
}

TEST_CASE("store: messages and orders after the as-of do not count", "[store]") {
  ExampleShop example;
  const auto campaigns =
      store::campaign_tallies(example.db, example.shop.at("2026-03-01"), std::chrono::days{14});
  REQUIRE(campaigns.size() == 2);          // winback's first message is on March 6
  CHECK(campaigns[1].messages_sent == 2);  // loyal-thanks' March 1 10:00 message is later
  CHECK(campaigns[1].coupons_redeemed == 0);
}

TEST_CASE("app: movement compares with the run before the latest by default", "[app]") {
  ExampleShop example;
  const auto result = example.report("2026-06-01");
  REQUIRE(result.segments);
  CHECK(result.segments->run.id == 3);
  REQUIRE(result.movement);
  CHECK(result.movement_gap == report::MovementGap::none);
  CHECK((result.movement->from.id == 2 && result.movement->to.id == 3));
  CHECK(result.movement->named("new", "repeat") == std::optional<std::int64_t>(1));
  CHECK(result.movement->named("loyal", "dormant") == std::optional<std::int64_t>(1));
  CHECK(result.orders.customers == 4);
  CHECK(result.campaigns.size() == 3);
}

TEST_CASE("app: --since picks the run at or before it to compare with", "[app]") {
  ExampleShop example;
  auto result = example.report("2026-06-01", "2026-03-01");
  REQUIRE(result.movement);
  CHECK(result.movement->from.id == 1);
  CHECK(result.movement->count("repeat", "dormant") == 1);

  result = example.report("2026-06-01", "2026-02-01");
  CHECK_FALSE(result.movement);
  CHECK(result.movement_gap == report::MovementGap::none_at_since);

  result = example.report("2026-06-01", "2026-05-25");  // after the latest run: the default
  REQUIRE(result.movement);
  CHECK(result.movement->from.id == 2);
}

TEST_CASE("app: without two runs the movement section says why", "[app]") {
  ExampleShop example;
  auto result = example.report("2026-03-01");
  CHECK(result.segments);
  CHECK(result.movement_gap == report::MovementGap::single_run);
  result = example.report("2026-02-01");
  CHECK_FALSE(result.segments);
  CHECK(result.movement_gap == report::MovementGap::no_runs);
}
