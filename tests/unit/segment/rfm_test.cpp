#include "tsuikyaku/segment/rfm.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <numeric>

using namespace tsuikyaku;
using segment::Activity;
using segment::Scoring;

namespace {

core::TimeZone zone(std::string_view name) {
  const auto found = core::TimeZone::find(name);
  REQUIRE(found.has_value());
  return *found;
}

core::Instant at(const core::TimeZone& tz, int y, int mo, int d, int h = 0, int mi = 0) {
  const auto local = core::make_local(y, mo, d, h, mi);
  REQUIRE(local.has_value());
  return tz.to_instant(*local);
}

std::vector<std::uint32_t> identity(std::size_t n) {
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0U);
  return order;
}

// How many customers fall in each bin 1..5 when N distinct values are binned.
std::map<int, int> bin_sizes(std::size_t n) {
  std::vector<std::int64_t> values(n);
  std::iota(values.begin(), values.end(), 0);
  std::map<int, int> sizes;
  for (const int bin : segment::quintile_bins(values, identity(n))) ++sizes[bin];
  return sizes;
}

Activity customer(std::string key, std::int64_t orders, std::int64_t spent, core::Instant last) {
  return Activity{0, std::move(key), orders, spent, last};
}

}  // namespace

TEST_CASE("segment: recency is whole elapsed days, floor of hours / 24", "[segment]") {
  const auto utc = core::TimeZone::utc();
  const auto as_of = at(utc, 2026, 11, 18);
  CHECK(segment::recency_days(as_of, as_of) == 0);
  CHECK(segment::recency_days(as_of - std::chrono::seconds{1}, as_of) == 0);
  CHECK(segment::recency_days(at(utc, 2026, 11, 17), as_of) == 1);  // exactly 24 h
  CHECK(segment::recency_days(at(utc, 2026, 11, 17) + std::chrono::seconds{1}, as_of) == 0);
  CHECK(segment::recency_days(at(utc, 2026, 8, 20), as_of) == 90);
  CHECK(segment::recency_days(as_of + std::chrono::seconds{1}, as_of) == -1);
}

TEST_CASE("segment: recency across a DST change counts elapsed hours, not dates", "[segment]") {
  // New York springs forward on 2026-03-08: noon to noon across it is 23 hours.
  const auto new_york = zone("America/New_York");
  CHECK(segment::recency_days(at(new_york, 2026, 3, 7, 12), at(new_york, 2026, 3, 8, 12)) == 0);
  CHECK(segment::recency_days(at(new_york, 2026, 3, 7, 12), at(new_york, 2026, 3, 8, 13)) == 1);
  // It falls back on 2026-11-01: a day is 24 elapsed hours, so 11:00 the next day, not noon.
  const auto before = at(new_york, 2026, 10, 31, 12);
  CHECK(segment::recency_days(before, at(new_york, 2026, 11, 1, 10, 59)) == 0);
  CHECK(segment::recency_days(before, at(new_york, 2026, 11, 1, 11)) == 1);
  CHECK(segment::recency_days(before, at(new_york, 2026, 11, 1, 12)) == 1);
}

TEST_CASE("segment: percentile scores count the strictly smaller values", "[segment]") {
  // N = 10: L = 0, 1, …, 9 gives min(5, 1 + floor(5L/9)) = 1,1,2,2,3,3,4,4,5,5.
  const std::vector<std::int64_t> values{10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
  CHECK(segment::percentile_scores(values) == std::vector<int>{1, 1, 2, 2, 3, 3, 4, 4, 5, 5});
  // Order does not matter, only the values: N = 3, L = 2, 0, 1.
  const std::vector<std::int64_t> shuffled{100, 10, 60};
  CHECK(segment::percentile_scores(shuffled) == std::vector<int>{5, 1, 3});
}

TEST_CASE("segment: equal values get equal percentile scores", "[segment]") {
  // Seven one-order customers and three repeaters: the seven all have L = 0.
  const std::vector<std::int64_t> orders{1, 1, 1, 1, 1, 1, 1, 2, 2, 5};
  CHECK(segment::percentile_scores(orders) == std::vector<int>{1, 1, 1, 1, 1, 1, 1, 4, 4, 5});
  const std::vector<std::int64_t> same{7, 7, 7, 7};
  CHECK(segment::percentile_scores(same) == std::vector<int>{1, 1, 1, 1});
}

TEST_CASE("segment: percentile scores of a small shop divide by N - 1", "[segment]") {
  // N = 1: nobody to compare with, every score is the middle one.
  CHECK(segment::percentile_scores(std::vector<std::int64_t>{42}) == std::vector<int>{3});
  CHECK(segment::percentile_scores(std::vector<std::int64_t>{}).empty());
  // N = 2: the better of two customers gets 5, not 3.
  CHECK(segment::percentile_scores(std::vector<std::int64_t>{7, 3}) == std::vector<int>{5, 1});
  CHECK(segment::percentile_scores(std::vector<std::int64_t>{4, 4}) == std::vector<int>{1, 1});
  // N = 3: L = 0, 1, 2 gives 1, 1 + floor(5/2) = 3, and 5.
  CHECK(segment::percentile_scores(std::vector<std::int64_t>{1, 2, 3}) ==
        std::vector<int>{1, 3, 5});
  // N = 5: L = 0..4 gives 1 + floor(5L/4) = 1, 2, 3, 4, 5: every score once.
  CHECK(segment::percentile_scores(std::vector<std::int64_t>{50, 40, 30, 20, 10}) ==
        std::vector<int>{5, 4, 3, 2, 1});
}

TEST_CASE("segment: quintile bins for N = 1, 5 and 7", "[segment]") {
  CHECK(segment::quintile_bins(std::vector<std::int64_t>{3}, identity(1)) == std::vector<int>{1});
  CHECK(segment::quintile_bins(std::vector<std::int64_t>{1, 2, 3, 4, 5}, identity(5)) ==
        std::vector<int>{1, 2, 3, 4, 5});
  // pandas: qcut([1..7], 5) puts 1 and 2 in the first bin and 6 and 7 in the last.
  CHECK(segment::quintile_bins(std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7}, identity(7)) ==
        std::vector<int>{1, 1, 2, 3, 4, 5, 5});
}

TEST_CASE("segment: quintile bins for N = 4,338 match pandas qcut", "[segment]") {
  // The Online Retail customers: edges at ranks 868.4, 1735.8, 2603.2 and 3470.6.
  CHECK(bin_sizes(4338) == std::map<int, int>{{1, 868}, {2, 867}, {3, 868}, {4, 867}, {5, 868}});
  std::vector<std::int64_t> values(4338);
  std::iota(values.begin(), values.end(), 1);
  const auto bins = segment::quintile_bins(values, identity(values.size()));
  CHECK(bins[867] == 1);  // rank 868
  CHECK(bins[868] == 2);  // rank 869
  CHECK(bins[3469] == 4);
  CHECK(bins[3470] == 5);
}

TEST_CASE("segment: quintile ties are broken by the given order, not by value", "[segment]") {
  // All equal: ranks follow tie_order, so the bins are those of 1..5 in that order.
  const std::vector<std::int64_t> same{9, 9, 9, 9, 9};
  const std::vector<std::uint32_t> order{4, 3, 2, 1, 0};
  CHECK(segment::quintile_bins(same, order) == std::vector<int>{5, 4, 3, 2, 1});
}

TEST_CASE("segment: quintile scoring breaks ties by customer key in byte order", "[segment]") {
  const auto as_of = at(core::TimeZone::utc(), 2026, 11, 18);
  // Given out of key order; byte order puts "B" before "a" and "a10" before "a9".
  const std::vector<Activity> customers{
      customer("a9", 1, 100, as_of), customer("a10", 1, 100, as_of), customer("B", 1, 100, as_of),
      customer("a", 1, 100, as_of),  customer("b", 1, 100, as_of),
  };
  const auto rows = segment::score_customers(customers, as_of, Scoring::quintile);
  // Key order B, a, a10, a9, b takes bins 1..5; r is 6 − bin.
  CHECK(rows[2].f == 1);
  CHECK(rows[3].f == 2);
  CHECK(rows[1].f == 3);
  CHECK(rows[0].f == 4);
  CHECK(rows[4].f == 5);
  CHECK(rows[2].r == 5);
  CHECK(rows[4].r == 1);
  CHECK(rows[2].m == 1);
}

TEST_CASE("segment: quintile r is 6 minus the bin of recency_days", "[segment]") {
  const auto as_of = at(core::TimeZone::utc(), 2026, 11, 18);
  const auto days_ago = [&](int days) { return as_of - std::chrono::hours{24 * days}; };
  const std::vector<Activity> customers{
      customer("c1", 1, 500, days_ago(0)),   customer("c2", 2, 400, days_ago(10)),
      customer("c3", 3, 300, days_ago(20)),  customer("c4", 4, 200, days_ago(30)),
      customer("c5", 5, 100, days_ago(400)),
  };
  const auto rows = segment::score_customers(customers, as_of, Scoring::quintile);
  CHECK(rows[0].recency_days == 0);
  CHECK(rows[4].recency_days == 400);
  CHECK(rows[0].code() == 515);
  CHECK(rows[2].code() == 333);
  CHECK(rows[4].code() == 151);
}

TEST_CASE("segment: percentile r scores minus recency_days", "[segment]") {
  const auto as_of = at(core::TimeZone::utc(), 2026, 11, 18);
  const auto days_ago = [&](int days) { return as_of - std::chrono::hours{24 * days}; };
  const std::vector<Activity> customers{
      customer("c1", 1, 100, days_ago(0)),
      customer("c2", 1, 100, days_ago(0)),
      customer("c3", 1, 100, days_ago(50)),
      customer("c4", 3, 900, days_ago(100)),
  };
  const auto rows = segment::score_customers(customers, as_of, Scoring::percentile);
  // N = 4, v = −recency: c4 has L = 0, c3 has L = 1, c1 and c2 have L = 2: r = 1, 2, 4.
  CHECK(rows[0].code() == 411);
  CHECK(rows[1].code() == 411);
  CHECK(rows[2].code() == 211);
  CHECK(rows[3].code() == 155);
}

TEST_CASE("segment: one customer scores 3 by percentile, and r 5 by quintile", "[segment]") {
  const auto as_of = at(core::TimeZone::utc(), 2026, 11, 18);
  const std::vector<Activity> one{customer("only", 3, 9000, as_of - std::chrono::hours{240})};
  const auto percentile = segment::score_customers(one, as_of, Scoring::percentile);
  CHECK(percentile[0].code() == 333);
  CHECK(percentile[0].recency_days == 10);
  // Quintile: bin 1 everywhere, and r = 6 − 1.
  const auto quintile = segment::score_customers(one, as_of, Scoring::quintile);
  CHECK(quintile[0].code() == 511);
  CHECK(segment::score_customers({}, as_of, Scoring::quintile).empty());
}

TEST_CASE("segment: the worked example of docs/segments.md", "[segment]") {
  // Seven customers A..G: frequency and recency_days as the document's tables give them.
  const std::vector<std::int64_t> frequency{1, 1, 1, 2, 2, 3, 8};
  const std::vector<std::int64_t> recency{3, 10, 40, 40, 100, 200, 400};
  CHECK(segment::percentile_scores(frequency) == std::vector<int>{1, 1, 1, 3, 3, 5, 5});
  CHECK(segment::quintile_bins(frequency, identity(7)) == std::vector<int>{1, 1, 2, 3, 4, 5, 5});
  std::vector<std::int64_t> minus(recency.size());
  std::transform(recency.begin(), recency.end(), minus.begin(), [](auto d) { return -d; });
  CHECK(segment::percentile_scores(minus) == std::vector<int>{5, 5, 3, 3, 2, 1, 1});
  CHECK(segment::quintile_bins(recency, identity(7)) == std::vector<int>{1, 1, 2, 3, 4, 5, 5});
}
