#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/segment/rules.hpp"

// RFM metrics and the two scoring methods of SPEC §5. Pure: the store gathers each
// customer's qualifying orders, this turns them into metrics and scores. Scoring sorts
// arrays of integers: a few hundred thousand customers take tens of milliseconds.

namespace tsuikyaku::segment {

// One customer's qualifying orders: not cancelled, refunded or voided, and placed at or
// before the as-of moment. A customer without such an order has no Activity: it is in no
// segment and not counted in N.
struct Activity {
  std::int64_t customer_id = 0;  // the store's row id, carried through untouched
  std::string customer_key;      // quintile ties are broken by this, in byte order
  std::int64_t frequency = 0;    // number of orders, at least 1
  std::int64_t monetary = 0;     // sum of the order totals, minor units
  core::Instant last_order_at;
};

// Whole days elapsed from last_order_at to as_of: floor(elapsed seconds / 86400). Elapsed
// time, so a day across a DST change is still 24 hours (SPEC §4).
std::int64_t recency_days(core::Instant last_order_at, core::Instant as_of);

// Percentile scores: 1 + floor(5 × L / N), where L counts the values strictly smaller than
// each one. Equal values get equal scores. Same order as values.
std::vector<int> percentile_scores(std::span<const std::int64_t> values);

// Quintile bins: rank 1..N by value ascending, ties by tie_order ascending (a permutation
// of 0..N-1); bin = the smallest k in 1..5 with 5 × (rank − 1) ≤ k × (N − 1).
// Same order as values.
std::vector<int> quintile_bins(std::span<const std::int64_t> values,
                               std::span<const std::uint32_t> tie_order);

// Metrics and scores of every customer, in the order of customers. For r the percentile
// method scores v = −recency_days, the quintile method 6 − bin of recency_days.
std::vector<Rfm> score_customers(std::span<const Activity> customers, core::Instant as_of,
                                 Scoring scoring);

}  // namespace tsuikyaku::segment
