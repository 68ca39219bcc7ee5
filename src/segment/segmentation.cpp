#include "tsuikyaku/segment/segmentation.hpp"

#include "tsuikyaku/core/decimal.hpp"

namespace tsuikyaku::segment {
namespace {

// a / b rounded half to even, for b > 0. Amounts are far from the int64 limits (a shop's
// revenue in minor units), but the products of scaled_ratio use 128 bits anyway.
std::int64_t divide_half_even(core::Int128 a, core::Int128 b) {
  core::Int128 quotient = a / b;
  core::Int128 remainder = a % b;
  if (remainder < 0) {  // floor division, so the remainder is in [0, b)
    quotient -= 1;
    remainder += b;
  }
  const core::Int128 twice = 2 * remainder;
  if (twice > b || (twice == b && quotient % 2 != 0)) quotient += 1;
  return static_cast<std::int64_t>(quotient);
}

}  // namespace

std::vector<std::string> segment_names(std::span<const Rule> rules) {
  std::vector<std::string> names;
  names.reserve(rules.size() + 1);
  for (const Rule& rule : rules) names.push_back(rule.name);
  names.emplace_back(k_other_segment);
  return names;
}

Segmentation segment_customers(std::span<const Activity> customers, core::Instant as_of,
                               Scoring scoring, std::span<const Rule> rules) {
  Segmentation out;
  out.names = segment_names(rules);
  out.rfm = score_customers(customers, as_of, scoring);
  out.segment.resize(out.rfm.size());
  const RuleMatcher matcher(rules);
  for (std::size_t i = 0; i < out.rfm.size(); ++i) {
    out.segment[i] = static_cast<std::uint32_t>(matcher.match(out.rfm[i]));
  }
  return out;
}

std::optional<std::int64_t> SegmentTotals::average_order_value() const {
  if (orders == 0) return std::nullopt;
  return divide_half_even(revenue, orders);
}

std::optional<std::int64_t> SegmentTotals::average_spend() const {
  if (customers == 0) return std::nullopt;
  return divide_half_even(revenue, customers);
}

Summary summarize(const Segmentation& segmentation) {
  Summary out;
  out.segments.resize(segmentation.names.size());
  for (std::size_t i = 0; i < out.segments.size(); ++i) {
    out.segments[i].name = segmentation.names[i];
  }
  out.total.name = "total";
  for (std::size_t i = 0; i < segmentation.rfm.size(); ++i) {
    const Rfm& customer = segmentation.rfm[i];
    for (SegmentTotals* totals : {&out.segments[segmentation.segment[i]], &out.total}) {
      totals->customers += 1;
      totals->orders += customer.frequency;
      totals->revenue += customer.monetary;
    }
  }
  // `other` is last; shown only when some customer matched no rule.
  if (!out.segments.empty() && out.segments.back().customers == 0) out.segments.pop_back();
  return out;
}

std::int64_t scaled_ratio(std::int64_t numerator, std::int64_t denominator, std::int64_t scale) {
  if (denominator == 0) return 0;
  return divide_half_even(core::Int128{numerator} * scale, denominator);
}

}  // namespace tsuikyaku::segment
