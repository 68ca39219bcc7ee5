#include "tsuikyaku/segment/rfm.hpp"

#include <algorithm>
#include <numeric>

namespace tsuikyaku::segment {
namespace {

constexpr std::int64_t k_seconds_per_day = 86'400;

// The position of each customer in customer_key byte order, which breaks quintile ties.
// The store hands customers over in that order already; then this is the identity.
std::vector<std::uint32_t> key_order(std::span<const Activity> customers) {
  std::vector<std::uint32_t> order(customers.size());
  std::iota(order.begin(), order.end(), 0U);
  const auto by_key = [&](std::uint32_t a, std::uint32_t b) {
    return customers[a].customer_key < customers[b].customer_key;
  };
  if (!std::is_sorted(order.begin(), order.end(), by_key)) {
    std::vector<std::uint32_t> sorted = order;
    std::sort(sorted.begin(), sorted.end(), by_key);
    for (std::uint32_t rank = 0; rank < sorted.size(); ++rank) order[sorted[rank]] = rank;
  }
  return order;
}

template <typename Field>
std::vector<std::int64_t> column(std::span<const Rfm> rows, Field field) {
  std::vector<std::int64_t> values(rows.size());
  std::transform(rows.begin(), rows.end(), values.begin(), field);
  return values;
}

}  // namespace

std::int64_t recency_days(core::Instant last_order_at, core::Instant as_of) {
  const std::int64_t elapsed = core::to_unix(as_of) - core::to_unix(last_order_at);
  // Floor, not truncation, should a last order ever lie after as_of.
  return elapsed >= 0 ? elapsed / k_seconds_per_day
                      : -((-elapsed + k_seconds_per_day - 1) / k_seconds_per_day);
}

std::vector<int> percentile_scores(std::span<const std::int64_t> values) {
  // Sorted with their positions, so that one pass gives every score: a binary search per
  // value was half the cost of scoring a few hundred thousand customers.
  std::vector<std::pair<std::int64_t, std::uint32_t>> sorted(values.size());
  for (std::uint32_t i = 0; i < values.size(); ++i) sorted[i] = {values[i], i};
  std::sort(sorted.begin(), sorted.end());
  // score = min(5, 1 + floor(5L / (N − 1))), and 3 for a lone customer (SPEC §5): the best
  // of two customers scores 5.
  const auto divisor = static_cast<std::int64_t>(values.size()) - 1;
  std::vector<int> scores(values.size(), 3);
  if (divisor < 1) return scores;
  std::int64_t smaller = 0;  // L: how many values are strictly smaller
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0 && sorted[i].first != sorted[i - 1].first) smaller = static_cast<std::int64_t>(i);
    scores[sorted[i].second] =
        static_cast<int>(std::min<std::int64_t>(5, 1 + 5 * smaller / divisor));
  }
  return scores;
}

std::vector<int> quintile_bins(std::span<const std::int64_t> values,
                               std::span<const std::uint32_t> tie_order) {
  std::vector<std::uint32_t> ranked(values.size());
  std::iota(ranked.begin(), ranked.end(), 0U);
  std::sort(ranked.begin(), ranked.end(), [&](std::uint32_t a, std::uint32_t b) {
    return values[a] != values[b] ? values[a] < values[b] : tie_order[a] < tie_order[b];
  });
  const auto span = static_cast<std::int64_t>(values.size()) - 1;  // N − 1
  std::vector<int> bins(values.size());
  for (std::size_t position = 0; position < ranked.size(); ++position) {
    // The smallest k with 5 × (rank − 1) ≤ k × (N − 1) is ceil(5 × (rank − 1) / (N − 1)),
    // at least 1; with N = 1 every k holds, so k = 1.
    const auto steps = 5 * static_cast<std::int64_t>(position);
    const std::int64_t k = span == 0 ? 1 : std::max<std::int64_t>(1, (steps + span - 1) / span);
    bins[ranked[position]] = static_cast<int>(k);
  }
  return bins;
}

std::vector<Rfm> score_customers(std::span<const Activity> customers, core::Instant as_of,
                                 Scoring scoring) {
  std::vector<Rfm> rows(customers.size());
  for (std::size_t i = 0; i < customers.size(); ++i) {
    rows[i].recency_days = recency_days(customers[i].last_order_at, as_of);
    rows[i].frequency = customers[i].frequency;
    rows[i].monetary = customers[i].monetary;
  }
  const auto recency = [](const Rfm& row) { return row.recency_days; };
  const auto frequency = [](const Rfm& row) { return row.frequency; };
  const auto monetary = [](const Rfm& row) { return row.monetary; };
  std::vector<int> r, f, m;
  if (scoring == Scoring::percentile) {
    r = percentile_scores(column(rows, [](const Rfm& row) { return -row.recency_days; }));
    f = percentile_scores(column(rows, frequency));
    m = percentile_scores(column(rows, monetary));
  } else {
    const std::vector<std::uint32_t> ties = key_order(customers);
    r = quintile_bins(column(rows, recency), ties);
    for (int& bin : r) bin = 6 - bin;
    f = quintile_bins(column(rows, frequency), ties);
    m = quintile_bins(column(rows, monetary), ties);
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].r = r[i];
    rows[i].f = f[i];
    rows[i].m = m[i];
  }
  return rows;
}

}  // namespace tsuikyaku::segment
