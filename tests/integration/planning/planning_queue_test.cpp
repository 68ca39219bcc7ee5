#include <catch2/catch.hpp>
#include <thread>

#include "planning/planning_fixture.hpp"
#include "tsuikyaku/app/planning.hpp"
#include "tsuikyaku/app/segments.hpp"
#include "tsuikyaku/config/campaigns.hpp"
#include "tsuikyaku/core/error.hpp"

// Coupon pools, two runs at once, the forecast and the render request, on real SQLite files.

using namespace tsuikyaku;
using Catch::Matchers::Equals;
using testing::tokyo;

namespace {

const std::string k_thanks =
    "kind: marketing\nlang: en\nschedule: { every: 30d }\ncoupon: { pool: coupons/thanks.csv }\n"
    "subject: \"A gift: {{coupon.code}}\"\n";

// n customers who accept marketing, each with an order on Nov 18 at 10:00.
void customers_with_orders(testing::PlanningShop& shop, int n) {
  for (int i = 1; i <= n; ++i) {
    const std::string key = "C" + std::to_string(100 + i);
    shop.order({"O" + std::to_string(100 + i), shop.customer(key, key + "@example.com"),
                tokyo(11, 18, 10)});
  }
}

void pool(testing::PlanningShop& shop, int n) {
  std::string csv = "code\n";
  for (int i = 1; i <= n; ++i) csv += "GIFT-" + std::to_string(100 + i) + "\n";
  testing::write_file(shop.path() / "coupons/thanks.csv", csv);
}

}  // namespace

TEST_CASE("planning: each queued member gets a pool code of its own, in the file's order",
          "[planning]") {
  testing::PlanningShop shop;
  shop.campaign("thanks", k_thanks, "Your code: {{coupon.code}}\n");
  customers_with_orders(shop, 4);
  pool(shop, 3);
  auto ws = shop.workspace();
  const auto result = app::queue_due(ws, {tokyo(11, 18, 12), std::nullopt});
  CHECK(result.campaigns[0].queued == 3);
  CHECK(result.campaigns[0].skipped.at(campaign::Reason::no_coupon) == 1);
  REQUIRE(result.pools.size() == 1);
  CHECK(result.pools[0].pool == "coupons/thanks.csv");
  CHECK(result.pools[0].left == 0);
  CHECK(result.pools[0].assigned == 3);
  CHECK(result.pools[0].low);
  CHECK_THAT(
      shop.rows("SELECT m.customer_id, m.state, m.coupon_code, c.code FROM messages m "
                "LEFT JOIN coupons c ON c.message_id = m.id ORDER BY m.customer_id"),
      Equals(std::vector<std::string>{"1|queued|GIFT-101|GIFT-101", "2|queued|GIFT-102|GIFT-102",
                                      "3|queued|GIFT-103|GIFT-103", "4|skipped|-|-"}));
}

TEST_CASE("planning: two runs at once queue every message once and give no code twice",
          "[planning]") {
  testing::PlanningShop shop("send:\n  first_run_limit: 1000\n");  // no first-run hold
  shop.campaign("thank-you", testing::k_thank_you_yaml);
  shop.campaign("thanks", k_thanks, "Your code: {{coupon.code}}\n");
  customers_with_orders(shop, 40);
  pool(shop, 25);

  std::vector<app::QueueResult> results(2);
  std::vector<std::string> errors(2);
  std::vector<std::thread> runs;
  for (std::size_t i = 0; i < 2; ++i) {
    runs.emplace_back([&, i] {
      try {
        auto ws = shop.workspace();  // a connection of its own, as another process has
        results[i] = app::queue_due(ws, {tokyo(11, 18, 12), std::nullopt});
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  }
  for (auto& run : runs) run.join();
  CHECK(errors[0].empty());
  CHECK(errors[1].empty());
  // By file name: thank-you, then thanks.
  CHECK(results[0].campaigns[0].queued + results[1].campaigns[0].queued == 40);
  CHECK(results[0].campaigns[1].queued + results[1].campaigns[1].queued == 25);
  CHECK(shop.scalar("SELECT count(*) FROM messages") == 80);
  CHECK(shop.scalar("SELECT count(*) FROM messages WHERE campaign = 'thanks' AND state = "
                    "'queued' AND coupon_code IS NOT NULL") == 25);
  CHECK(shop.scalar("SELECT count(DISTINCT coupon_code) FROM messages") == 25);
  CHECK(shop.scalar("SELECT count(DISTINCT message_id) FROM coupons") == 25);
  CHECK(shop.scalar("SELECT count(*) FROM messages m JOIN coupons c ON c.message_id = m.id "
                    "WHERE c.code = m.coupon_code") == 25);
}

TEST_CASE("planning: the forecast follows segments day by day", "[planning]") {
  testing::PlanningShop shop;
  shop.campaign("winback",
                "kind: marketing\nlang: en\naudience: { segments: [dormant] }\n"
                "schedule: { every: 180d }\nsubject: \"Hello again\"\n");
  // 88 days before Nov 18 10:00: dormant (90 days) from Nov 20 10:00, asked at midnight.
  const auto a = shop.customer("A", "a@example.com");
  shop.order({"1", a, tokyo(11, 18, 10) - std::chrono::days{88}});
  auto ws = shop.workspace();
  const auto result = app::forecast_plan(ws, {tokyo(11, 18, 12), 7, std::nullopt});
  REQUIRE(result.days.size() == 7);
  for (std::size_t d = 0; d < 7; ++d) {
    INFO("day " << d);
    CHECK(result.days[d].sends.size() == (d == 3 ? 1u : 0u));
  }
  CHECK(result.days[3].sends[0].send_at == tokyo(11, 21, 9));  // quiet until 09:00
  CHECK(result.days[3].sends[0].segment == "dormant");
  CHECK(shop.scalar("SELECT count(*) FROM segment_runs") == 0);
}

TEST_CASE("planning: message_request reads the customer, the order and the stored segment",
          "[planning]") {
  testing::PlanningShop shop;
  shop.campaign("thank-you", testing::k_thank_you_yaml);
  const auto a = shop.customer("A-1", "a@example.com", true, "Ada Lovelace");
  testing::OrderSpec spec{"1001", a, tokyo(11, 18, 10)};
  spec.total = 12345;
  spec.shipped_at = tokyo(11, 19, 10);
  spec.tracking_number = "TN-1";
  spec.carrier = "Yamato";
  const auto order = shop.order(spec);
  auto ws = shop.workspace();
  app::segment_membership(ws, tokyo(11, 18, 12), tokyo(11, 18, 12), app::StoreRun::yes);
  const auto campaigns = config::load_valid_campaigns(ws.config);

  const auto request =
      app::message_request(ws, campaigns[0], a, order, "CODE", tokyo(11, 20), "token.1");
  CHECK(request.campaign == &campaigns[0]);
  CHECK(request.shop == &ws.config.shop);
  CHECK(request.customer.key == "A-1");
  CHECK(request.customer.name == "Ada Lovelace");
  CHECK(request.customer.email == "a@example.com");
  CHECK(request.customer.segment == "new");
  REQUIRE(request.order);
  CHECK(request.order->id == "1001");
  CHECK(core::format_money(*request.order->total, core::Language::en) == "¥12,345");
  CHECK(request.order->shipped_at == tokyo(11, 19, 10));
  CHECK(request.order->tracking_number == "TN-1");
  CHECK(request.order->carrier == "Yamato");
  CHECK(request.coupon_code == "CODE");
  CHECK(request.message_token == "token.1");
  // Before the stored run, no segment is known.
  CHECK(app::message_request(ws, campaigns[0], a, order, "", tokyo(11, 17), "t")
            .customer.segment.empty());
  try {
    app::message_request(ws, campaigns[0], 99, std::nullopt, "", tokyo(11, 20), "t");
    FAIL("no error");
  } catch (const core::Error& e) {
    CHECK(e.kind() == core::ErrorKind::data);
    CHECK_THAT(e.what(), Equals("customer 99 is not in the database"));
  }
}

TEST_CASE("planning: a member who got this period's message is due again in the next period",
          "[planning]") {
  testing::PlanningShop shop;
  shop.campaign("monthly",
                "kind: marketing\nlang: en\nschedule: { every: 30d }\n"
                "subject: \"News\"\n");
  shop.order({"1", shop.customer("A", "a@example.com"), tokyo(11, 1, 10)});
  auto ws = shop.workspace();
  // Periods of 30 days from the epoch: one began on Nov 3, the next begins on Dec 3 (09:00
  // in Tokyo). A gets this period's message on Nov 4.
  REQUIRE(app::queue_due(ws, {tokyo(11, 4, 12), std::nullopt}).campaigns[0].queued == 1);

  const auto within = app::forecast_plan(ws, {tokyo(11, 30, 12), 2, std::nullopt});
  for (const auto& day : within.days) CHECK(day.sends.empty());
  const auto across = app::forecast_plan(ws, {tokyo(11, 30, 12), 7, std::nullopt});
  REQUIRE(across.days.size() == 7);
  REQUIRE(across.days[4].sends.size() == 1);  // Dec 4: 30 days after the last one
  CHECK(across.days[4].sends[0].occurrence == "every-2026-12-03");
  CHECK(across.days[4].sends[0].send_at == tokyo(12, 4, 12));
}
