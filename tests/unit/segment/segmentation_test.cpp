#include "tsuikyaku/segment/segmentation.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;
using segment::Activity;
using segment::Scoring;

namespace {

const core::Instant k_as_of = core::from_unix(1'795'000'000);

core::Instant days_ago(int days) { return k_as_of - std::chrono::hours{24 * days}; }

}  // namespace

TEST_CASE("segment: customers get the first matching rule, the rest other", "[segment]") {
  segment::Rule dormant;
  dormant.name = "dormant";
  dormant.recency_days.min = 90;
  segment::Rule repeat;
  repeat.name = "repeat";
  repeat.frequency.min = 2;
  const std::vector rules{dormant, repeat};
  const std::vector<Activity> customers{
      {1, "a", 1, 1000, days_ago(100)},
      {2, "b", 4, 9000, days_ago(100)},
      {3, "c", 2, 3000, days_ago(3)},
      {4, "d", 1, 500, days_ago(3)},
  };
  const auto result = segment::segment_customers(customers, k_as_of, Scoring::percentile, rules);
  CHECK(result.names == std::vector<std::string>{"dormant", "repeat", "other"});
  CHECK(result.segment == std::vector<std::uint32_t>{0, 0, 1, 2});
  CHECK(result.rfm[1].recency_days == 100);
  CHECK(result.rfm[1].frequency == 4);
  CHECK(result.rfm[1].monetary == 9000);
}

TEST_CASE("segment: the summary adds customers, orders and revenue per segment", "[segment]") {
  const std::vector<Activity> customers{
      {1, "a", 1, 1000, days_ago(100)},
      {2, "b", 3, 10001, days_ago(100)},
      {3, "c", 2, 3000, days_ago(3)},
      {4, "d", 1, 500, days_ago(3)},
  };
  const auto rules = segment::default_rules();
  const auto summary = segment::summarize(
      segment::segment_customers(customers, k_as_of, Scoring::percentile, rules));
  // dormant, loyal (empty, still listed), repeat, new; no `other` with nobody in it.
  REQUIRE(summary.segments.size() == 4);
  const auto& dormant = summary.segments[0];
  CHECK(dormant.name == "dormant");
  CHECK(dormant.customers == 2);
  CHECK(dormant.orders == 4);
  CHECK(dormant.revenue == 11001);
  CHECK(dormant.average_order_value() == 2750);  // 2750.25
  CHECK(dormant.average_spend() == 5500);        // 5500.5, half to even
  CHECK(summary.segments[1].name == "loyal");
  CHECK(summary.segments[1].customers == 0);
  CHECK_FALSE(summary.segments[1].average_order_value().has_value());
  CHECK_FALSE(summary.segments[1].average_spend().has_value());
  CHECK(summary.segments[2].customers == 1);
  CHECK(summary.segments[3].name == "new");
  CHECK(summary.total.name == "total");
  CHECK(summary.total.customers == 4);
  CHECK(summary.total.orders == 7);
  CHECK(summary.total.revenue == 14501);
  CHECK(summary.total.average_spend() == 3625);  // 3625.25
}

TEST_CASE("segment: other is listed when someone matches no rule", "[segment]") {
  segment::Rule loyal;
  loyal.name = "loyal";
  loyal.frequency.min = 5;
  const std::vector rules{loyal};
  const std::vector<Activity> customers{{1, "a", 1, 1000, days_ago(1)}};
  const auto summary =
      segment::summarize(segment::segment_customers(customers, k_as_of, Scoring::quintile, rules));
  REQUIRE(summary.segments.size() == 2);
  CHECK(summary.segments[1].name == "other");
  CHECK(summary.segments[1].customers == 1);
}

TEST_CASE("segment: shares and averages round half to even", "[segment]") {
  CHECK(segment::scaled_ratio(1, 3, 1000) == 333);
  CHECK(segment::scaled_ratio(2, 3, 1000) == 667);
  CHECK(segment::scaled_ratio(1, 8, 100) == 12);  // 12.5
  CHECK(segment::scaled_ratio(3, 8, 100) == 38);  // 37.5
  CHECK(segment::scaled_ratio(5, 5, 1000) == 1000);
  CHECK(segment::scaled_ratio(1, 0, 1000) == 0);
  segment::SegmentTotals refunds{"x", 2, 2, -3};
  CHECK(refunds.average_spend() == -2);  // -1.5
}
