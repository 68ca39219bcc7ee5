#include <algorithm>

#include "tsuikyaku/app/segments.hpp"

namespace tsuikyaku::app {

SegmentMembership::SegmentMembership(core::Instant as_of, std::int64_t run_id,
                                     std::vector<std::int64_t> customer_ids,
                                     segment::Segmentation segmentation,
                                     std::vector<core::Instant> last_orders)
    : m_as_of(as_of),
      m_run_id(run_id),
      m_customer_ids(std::move(customer_ids)),
      m_segmentation(std::move(segmentation)),
      m_last_orders(std::move(last_orders)) {}

std::optional<std::size_t> SegmentMembership::find(std::int64_t customer_id) const {
  const auto it = std::lower_bound(m_customer_ids.begin(), m_customer_ids.end(), customer_id);
  if (it == m_customer_ids.end() || *it != customer_id) return std::nullopt;
  return static_cast<std::size_t>(it - m_customer_ids.begin());
}

std::optional<std::string_view> SegmentMembership::segment_of(std::int64_t customer_id) const {
  const auto at = find(customer_id);
  if (!at) return std::nullopt;
  return m_segmentation.names[m_segmentation.segment[*at]];
}

const segment::Rfm* SegmentMembership::rfm_of(std::int64_t customer_id) const {
  const auto at = find(customer_id);
  return at ? &m_segmentation.rfm[*at] : nullptr;
}

std::optional<core::Instant> SegmentMembership::entered_at(
    std::int64_t customer_id, const segment::RuleMatcher& rules) const {
  const auto at = find(customer_id);
  if (!at) return std::nullopt;
  const std::int64_t days = rules.entry_recency(m_segmentation.rfm[*at]);
  return m_last_orders[*at] + std::chrono::days{days};
}

std::vector<std::int64_t> SegmentMembership::members(std::string_view segment) const {
  std::vector<std::int64_t> out;
  const auto& names = m_segmentation.names;
  const auto found = std::find(names.begin(), names.end(), segment);
  if (found == names.end()) return out;
  const auto index = static_cast<std::uint32_t>(found - names.begin());
  for (std::size_t i = 0; i < m_customer_ids.size(); ++i) {
    if (m_segmentation.segment[i] == index) out.push_back(m_customer_ids[i]);
  }
  return out;
}

}  // namespace tsuikyaku::app
