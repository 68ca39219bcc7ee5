#include "tsuikyaku/segment/products.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;
using segment::median_reorder_days;
using segment::ReorderDays;

namespace {

core::Instant at_hours(std::int64_t hours) { return core::from_unix(hours * 3600); }

segment::ProductLine line(std::int64_t customer, std::int64_t order, std::int64_t hours,
                          std::int64_t quantity = 1, core::Decimal price = {100, 0},
                          std::string name = "Sencha") {
  return {customer, at_hours(hours), order, quantity, price, std::move(name)};
}

}  // namespace

TEST_CASE("median reorder days: none under five gaps", "[products]") {
  CHECK_FALSE(median_reorder_days({}));
  CHECK_FALSE(median_reorder_days({3}));
  CHECK_FALSE(median_reorder_days({3, 4}));
  CHECK_FALSE(median_reorder_days({3, 4, 5}));
  CHECK_FALSE(median_reorder_days({3, 4, 5, 6}));
}

TEST_CASE("median reorder days: the middle gap of an odd count", "[products]") {
  CHECK(median_reorder_days({30, 10, 20, 50, 40}) == ReorderDays{2 * 30});
}

TEST_CASE("median reorder days: the mean of the two middle gaps of an even count", "[products]") {
  const auto days = median_reorder_days({40, 10, 13, 12, 90, 1});
  REQUIRE(days);
  CHECK(days->halves == 25);
  CHECK(segment::format_reorder_days(*days) == "12.5");
  CHECK(segment::format_reorder_days(*median_reorder_days({1, 2, 4, 4, 9, 9})) == "4");
}

TEST_CASE("product stats: gaps are whole days, rounded down, per customer", "[products]") {
  // Customer 1: orders 47 h and 48 h apart (1 and 2 days); customer 2: 23 h (0 days),
  // then 72 h (3), 95 h (3): five gaps, median 2. The first order of each customer is no gap.
  const std::vector<segment::ProductLine> lines{
      line(1, 10, 0),    line(1, 11, 47),   line(1, 12, 95),  //
      line(2, 20, 1000), line(2, 21, 1023), line(2, 22, 1095), line(2, 23, 1190)};
  const segment::ProductStats stats = segment::product_stats("TEA-1", lines);
  CHECK(stats.orders == 7);
  CHECK(stats.customers == 2);
  CHECK(stats.repeat_customers == 2);
  REQUIRE(stats.median_reorder_days);
  CHECK(stats.median_reorder_days->halves == 4);
}

TEST_CASE("product stats: two lines of one order are one order, units and revenue add up",
          "[products]") {
  const std::vector<segment::ProductLine> lines{
      line(1, 10, 0, 2, {1250, 2}, "Old name"), line(1, 10, 0, 1, {1250, 2}, "Old name"),
      line(2, 20, 5, 3, {999, 2}, "New name"), line(3, 30, 2, 1, {1, 3}, "")};
  const segment::ProductStats stats = segment::product_stats("TEA-1", lines);
  CHECK(stats.orders == 3);
  CHECK(stats.customers == 3);
  CHECK(stats.repeat_customers == 0);
  CHECK(stats.units == 7);
  CHECK(core::round_half_even(stats.revenue, 2) == 3750 + 2997);  // 0.001 rounds to 0.00
  CHECK(stats.name == "New name");                                // the newest line's
  CHECK_FALSE(stats.median_reorder_days);
}
