#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tsuikyaku/segment/rfm.hpp"
#include "tsuikyaku/segment/rules.hpp"

// Customers sorted into segments by the rules (SPEC §5), and the per-segment figures of
// `tsuikyaku segments` and the report.

namespace tsuikyaku::segment {

struct Segmentation {
  std::vector<std::string> names;      // the rules' names in order, then "other"
  std::vector<Rfm> rfm;                // one per customer, in the order given
  std::vector<std::uint32_t> segment;  // one per customer: an index into names
};

// Scores the customers and gives each the first rule it matches, else `other`.
Segmentation segment_customers(std::span<const Activity> customers, core::Instant as_of,
                               Scoring scoring, std::span<const Rule> rules);

// The segment names a set of rules produces, in order, ending with "other".
std::vector<std::string> segment_names(std::span<const Rule> rules);

struct SegmentTotals {
  std::string name;
  std::int64_t customers = 0;
  std::int64_t orders = 0;
  std::int64_t revenue = 0;  // minor units

  // Revenue per order and per customer in minor units, rounded half to even; nullopt
  // when there is nothing to divide by.
  std::optional<std::int64_t> average_order_value() const;
  std::optional<std::int64_t> average_spend() const;
};

struct Summary {
  // Every rule's segment in rule order, empty ones too, then `other` when anyone is in it.
  std::vector<SegmentTotals> segments;
  SegmentTotals total;  // name "total"
};

// Adds up frequency (orders) and monetary (revenue) per segment.
Summary summarize(const Segmentation& segmentation);

// numerator × scale / denominator rounded half to even, for shares ("25.1%" is
// share(c, n, 1000) = 251); 0 when denominator is 0.
std::int64_t scaled_ratio(std::int64_t numerator, std::int64_t denominator, std::int64_t scale);

}  // namespace tsuikyaku::segment
