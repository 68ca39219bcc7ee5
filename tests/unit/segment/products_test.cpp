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

TEST_CASE("product stats: five gaps make an interval, four do not", "[products]") {
  std::vector<segment::ProductLine> lines;
  for (int n = 0; n < 5; ++n) lines.push_back(line(1, 10 + n, 24 * 7 * n));  // four gaps of 7
  CHECK_FALSE(segment::product_stats("TEA-1", lines).median_reorder_days);
  lines.push_back(line(1, 15, 24 * 7 * 4 + 24 * 30));  // a fifth, of 30 days
  const auto days = segment::product_stats("TEA-1", lines).median_reorder_days;
  REQUIRE(days);
  CHECK(*days == ReorderDays{2 * 7});
}

TEST_CASE("product stats: the mean of the two middle gaps across customers", "[products]") {
  // Customer 1: 10 and 20 days; customer 2: 11, 30 and 5; customer 3: 12. Six gaps.
  const std::vector<segment::ProductLine> lines{
      line(1, 10, 0),   line(1, 11, 240), line(1, 12, 720),                     //
      line(2, 20, 0),   line(2, 21, 264), line(2, 22, 984), line(2, 23, 1104),  //
      line(3, 30, 100), line(3, 31, 388)};
  const auto days = segment::product_stats("TEA-1", lines).median_reorder_days;
  REQUIRE(days);
  CHECK(segment::format_reorder_days(*days) == "11.5");  // 5 10 11 12 20 30
}

TEST_CASE("product stats: a gap across a change of daylight saving time is elapsed hours / 24",
          "[products]") {
  const core::TimeZone london = *core::TimeZone::find("Europe/London");
  const auto at = [&](int month, int day, int hour) {
    return london.to_instant(*core::make_local(2026, month, day, hour));
  };
  // 10:00 on the Saturday to 10:00 on the Sunday: 23 hours in March (0 days), 25 in
  // October (1 day). A week by the calendar across March's change is 167 hours (6 days);
  // 10:00 to 09:00 a week later across October's is 168 (7 days, not 6 by the clock).
  std::vector<segment::ProductLine> lines;
  const auto add = [&](std::int64_t customer, std::int64_t order, core::Instant when) {
    lines.push_back({customer, when, order, 1, {100, 0}, "Sencha"});
  };
  add(1, 10, at(3, 28, 10));
  add(1, 11, at(3, 29, 10));  // 0
  add(2, 20, at(10, 24, 10));
  add(2, 21, at(10, 25, 10));  // 1
  add(3, 30, at(3, 22, 10));
  add(3, 31, at(3, 29, 10));  // 6
  add(4, 40, at(10, 20, 10));
  add(4, 41, at(10, 27, 9));  // 7
  add(5, 50, at(6, 1, 10));
  add(5, 51, at(6, 2, 9));  // 23 hours: 0
  const segment::ProductStats stats = segment::product_stats("TEA-1", lines);
  REQUIRE(stats.median_reorder_days);
  CHECK(*stats.median_reorder_days == ReorderDays{2 * 1});  // 0 0 1 6 7
}

TEST_CASE("sku globs: * any run, ? one character, the rest itself", "[products]") {
  CHECK(segment::sku_matches("TEA-SEN-100", "TEA-SEN-100"));
  CHECK_FALSE(segment::sku_matches("TEA-SEN-100", "tea-sen-100"));  // letter case counts
  CHECK_FALSE(segment::sku_matches("TEA-SEN", "TEA-SEN-100"));      // the whole SKU
  CHECK(segment::sku_matches("TEA-*", "TEA-SEN-100"));
  CHECK(segment::sku_matches("TEA-*", "TEA-"));  // none too
  CHECK_FALSE(segment::sku_matches("TEA-*", "XTEA-1"));
  CHECK(segment::sku_matches("*-100", "TEA-SEN-100"));
  CHECK(segment::sku_matches("*SEN*", "TEA-SEN-100"));
  CHECK(segment::sku_matches("T*-*-1?0", "TEA-SEN-100"));
  CHECK_FALSE(segment::sku_matches("TEA-???", "TEA-SEN-100"));
  CHECK(segment::sku_matches("煎茶?", "煎茶缶"));  // one character, not one byte
  CHECK_FALSE(segment::sku_matches("煎茶?", "煎茶"));
  CHECK(segment::sku_matches("*", ""));
  CHECK(segment::sku_matches("a*b*c", "aXbYbZc"));
  CHECK_FALSE(segment::sku_matches("a*b*c", "aXbYbZ"));
}

TEST_CASE("product key: the SKU, else the name", "[products]") {
  CHECK(segment::product_key("TEA-1", "Sencha") == "TEA-1");
  CHECK(segment::product_key("", "Gift wrapping") == "Gift wrapping");
  CHECK(segment::product_key("", "").empty());
}
