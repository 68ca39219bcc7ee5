#include <catch2/catch.hpp>

#include "segment_shop.hpp"
#include "tsuikyaku/app/segments.hpp"
#include "tsuikyaku/core/error.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;
using testing::utc;

namespace {

const core::Instant k_now = utc(2026, 11, 18, 3);

}  // namespace

TEST_CASE("segments: membership answers a customer's segment and scores as of a moment",
          "[segments]") {
  testing::SegmentShop shop;
  const auto a = shop.customer("a");
  const auto b = shop.customer("b");
  const auto none = shop.customer("none");
  shop.order(a, utc(2026, 1, 1), 1000);
  shop.order(b, utc(2026, 11, 1), 1000);
  shop.order(b, utc(2026, 11, 2), 1000);
  shop.order(none, utc(2026, 11, 2), 1000, "refunded");
  auto workspace = shop.workspace();

  const auto members = app::segment_membership(workspace, k_now, k_now, app::StoreRun::no);
  CHECK(members.as_of() == k_now);
  CHECK(members.run_id() == 0);
  CHECK(members.names() == std::vector<std::string>{"dormant", "loyal", "repeat", "new", "other"});
  CHECK(members.segment_of(a) == "dormant");
  CHECK(members.segment_of(b) == "repeat");
  CHECK_FALSE(members.segment_of(none).has_value());
  CHECK(members.rfm_of(none) == nullptr);
  REQUIRE(members.rfm_of(b) != nullptr);
  CHECK(members.rfm_of(b)->frequency == 2);
  CHECK(members.members("dormant") == std::vector<std::int64_t>{a});
  CHECK(members.members("loyal").empty());
  CHECK(members.members("nonsense").empty());
  CHECK(app::segment_runs(workspace).empty());

  // Earlier, a was not dormant yet and b had no order.
  const auto before =
      app::segment_membership(workspace, utc(2026, 2, 1), k_now, app::StoreRun::yes);
  CHECK(before.segment_of(a) == "new");
  CHECK_FALSE(before.segment_of(b).has_value());
  CHECK(before.run_id() != 0);
}

TEST_CASE("segments: the report reads stored runs' sizes and who moved", "[segments]") {
  testing::SegmentShop shop;
  const auto a = shop.customer("a");
  const auto b = shop.customer("b");
  shop.order(a, utc(2026, 1, 1), 1000);
  shop.order(b, utc(2026, 3, 1), 5000);
  auto workspace = shop.workspace();
  const auto march = app::segment_membership(workspace, utc(2026, 3, 2), k_now, app::StoreRun::yes);
  const auto now = app::run_segments(workspace, {std::nullopt, k_now, app::StoreRun::yes});
  REQUIRE(now.run_id != 0);

  const auto runs = app::segment_runs(workspace);
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].id == march.run_id());
  CHECK(runs[1].id == now.run_id);
  CHECK(runs[1].as_of == k_now);
  CHECK(runs[1].computed_at == k_now);

  const auto summary = app::stored_segment_summary(workspace, march.run_id());
  REQUIRE(summary);
  REQUIRE(summary->segments.size() == 4);
  CHECK(summary->segments[3].name == "new");
  CHECK(summary->segments[3].customers == 2);
  CHECK(summary->total.revenue == 6000);
  const auto stored_now = app::stored_segment_summary(workspace, now.run_id);
  REQUIRE(stored_now);
  CHECK(stored_now->segments[0].customers == now.summary.segments[0].customers);
  CHECK(stored_now->total.orders == now.summary.total.orders);
  CHECK_FALSE(app::stored_segment_summary(workspace, now.run_id + 100));

  const auto moves = app::segment_movement(workspace, march.run_id(), now.run_id);
  REQUIRE(moves.size() == 1);
  CHECK(moves[0].from == "new");
  CHECK(moves[0].to == "dormant");
  CHECK(moves[0].customers == 2);
}

TEST_CASE("segments: list filters one segment and resolves --as-of in the shop's zone",
          "[segments]") {
  testing::SegmentShop shop("", "America/New_York", "USD");
  const auto a = shop.customer("a", {"a@example.com", "Ann", "", "", ""});
  const auto b = shop.customer("b");
  shop.order(a, utc(2026, 3, 7, 17), 1999);  // noon in New York, the day before DST starts
  shop.order(b, utc(2026, 3, 8, 15), 500);
  shop.order(b, utc(2026, 3, 8, 16), 500);
  auto workspace = shop.workspace();
  const auto noon = core::ParsedDateTime{*core::make_local(2026, 3, 8, 12), std::nullopt};
  CHECK(app::resolve_as_of(workspace.config, noon, k_now) == utc(2026, 3, 8, 16));
  CHECK(app::resolve_as_of(workspace.config, std::nullopt, k_now) == k_now);

  // Noon to noon across the change is 23 hours: not yet a day.
  auto result = app::list_segment_customers(workspace, {noon, k_now, std::string("new")});
  REQUIRE(result.size() == 1);
  CHECK(result[0].customer_key == "a");
  CHECK(result[0].contact.name == "Ann");
  CHECK(result[0].contact.email == "a@example.com");
  CHECK(result[0].segment == "new");
  CHECK(result[0].rfm.recency_days == 0);
  CHECK(result[0].rfm.monetary == 1999);
  CHECK(result[0].last_order_at == utc(2026, 3, 7, 17));

  result = app::list_segment_customers(workspace, {noon, k_now, std::nullopt});
  REQUIRE(result.size() == 2);
  CHECK(result[0].segment == "repeat");  // rule order: repeat before new
  CHECK(result[0].customer_key == "b");
  CHECK(result[0].contact.name.empty());
  CHECK(result[1].segment == "new");
  CHECK(result[1].contact.name == "Ann");

  try {
    app::list_segment_customers(workspace, {noon, k_now, std::string("Loyal")});
    FAIL("no error");
  } catch (const core::Error& e) {
    CHECK(e.kind() == core::ErrorKind::usage);
    CHECK_THAT(e.what(), Equals("unknown segment 'Loyal'; did you mean 'loyal'?"));
  }
}
