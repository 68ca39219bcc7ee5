#include <algorithm>

#include "planning_internal.hpp"
#include "tsuikyaku/segment/activity.hpp"

// Segments at many moments for the planner (SPEC §5, §6; the rounding is documented in
// app/planning.hpp). The same orders count as for `tsuikyaku segments`
// (segment/activity.hpp) and the same scoring runs (segment::segment_customers), so a
// moment's segments are those `segments --as-of` shows for it.

namespace tsuikyaku::app {

SegmentTimeline::SegmentTimeline(Workspace& ws, core::Instant now)
    : m_ws(ws),
      m_now(now),
      m_names(segment::segment_names(ws.config.segments)),
      m_matcher(ws.config.segments) {}

core::Instant SegmentTimeline::moment_of(core::Instant at) const {
  const core::TimeZone& zone = m_ws.config.shop.timezone;
  const core::LocalTime local = zone.to_local(at);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const core::Instant midnight = local == day ? at : zone.to_instant(day + std::chrono::days{1});
  return at <= m_now ? std::min(midnight, m_now) : midnight;
}

void SegmentTimeline::ask(core::Instant at) {
  // A schedule asks about every customer at one moment: the last answer's moment is kept.
  if (m_last_at && at == *m_last_at) return;
  m_last_at = at;
  const core::Instant moment = moment_of(at);
  m_last_moment = moment;
  m_last = moment == m_now && m_now_exact != nullptr ? nullptr : &segments_at(moment);
}

std::optional<core::Instant> SegmentTimeline::entered_at(std::int64_t customer_id,
                                                         core::Instant at) {
  ask(at);
  if (m_last == nullptr) return m_now_exact->entered_at(customer_id, m_matcher);
  const auto slot = m_orders->find(customer_id);
  if (!slot || m_last->segment[*slot] == k_none) return std::nullopt;
  // The last counted order by the moment, as the segments counted them.
  const store::CountedOrders& orders = *m_orders;
  const std::int64_t until = core::to_unix(*m_last_moment);
  std::int64_t last = 0;
  for (std::uint32_t i = orders.first[*slot]; i < orders.first[*slot + 1]; ++i) {
    if (orders.ordered_at[i] <= until) last = std::max(last, orders.ordered_at[i]);
  }
  return core::from_unix(last) + std::chrono::days{m_last->entry_days[*slot]};
}

std::optional<std::string> SegmentTimeline::segment_at(std::int64_t customer_id, core::Instant at) {
  ask(at);
  if (m_last == nullptr) {
    const auto segment = m_now_exact->segment_of(customer_id);
    return segment ? std::optional<std::string>(*segment) : std::nullopt;
  }
  const auto slot = m_orders->find(customer_id);
  if (!slot) return std::nullopt;
  const std::uint32_t segment = m_last->segment[*slot];
  if (segment == k_none) return std::nullopt;
  return m_names[segment];
}

const store::CountedOrders& SegmentTimeline::orders() {
  if (!m_orders) {
    // Keys only break quintile ties: percentile scoring is spared reading them.
    m_orders =
        store::load_counted_orders(m_ws.db, m_ws.config.scoring == segment::Scoring::quintile);
    const auto& times = m_orders->ordered_at;
    m_newest_order = times.empty() ? 0 : *std::max_element(times.begin(), times.end());
  }
  return *m_orders;
}

bool SegmentTimeline::ordered_between(std::int64_t customer_id, core::Instant from,
                                      core::Instant until) {
  const store::CountedOrders& counted = orders();
  const auto slot = counted.find(customer_id);
  if (!slot) return false;
  for (std::uint32_t i = counted.first[*slot]; i < counted.first[*slot + 1]; ++i) {
    const core::Instant at = core::from_unix(counted.ordered_at[i]);
    if (at >= from && at < until) return true;
  }
  return false;
}

SegmentTimeline::Counted SegmentTimeline::count_orders(std::int64_t until) const {
  const store::CountedOrders& orders = *m_orders;
  Counted out;
  out.activity.reserve(orders.customer_ids.size());
  out.slots.reserve(orders.customer_ids.size());
  // Customers without a counted order by then are in no segment and not counted (SPEC §5).
  for (std::uint32_t c = 0; c + 1 < orders.first.size(); ++c) {
    segment::ActivityTally tally;
    for (std::uint32_t i = orders.first[c]; i < orders.first[c + 1]; ++i) {
      if (orders.ordered_at[i] <= until) tally.add(orders.ordered_at[i], orders.total[i]);
    }
    if (tally.empty()) continue;
    out.activity.push_back(tally.activity(
        orders.customer_ids[c], orders.customer_keys.empty() ? "" : orders.customer_keys[c]));
    out.slots.push_back(c);
  }
  return out;
}

const SegmentTimeline::Moment& SegmentTimeline::segments_at(core::Instant moment) {
  const auto known = m_moments.find(moment);
  if (known != m_moments.end()) return known->second;
  orders();
  // From the newest order on (the forecast's days), every order counts: counted once, and
  // kept from the second such moment on (a plan asks one; its memory is the plan's).
  const std::int64_t until = core::to_unix(moment);
  std::optional<Counted> some;
  if (until < m_newest_order) {
    some = count_orders(until);
  } else if (!m_all_counted && !m_counted_all_once) {
    m_counted_all_once = true;
    some = count_orders(until);
  } else if (!m_all_counted) {
    m_all_counted = count_orders(until);
  }
  const Counted& counted = some ? *some : *m_all_counted;
  const segment::Segmentation segmentation = segment::segment_customers(
      counted.activity, moment, m_ws.config.scoring, m_ws.config.segments);
  Moment out{std::vector<std::uint32_t>(m_orders->customer_ids.size(), k_none),
             std::vector<std::uint16_t>(m_orders->customer_ids.size(), 0)};
  for (std::size_t i = 0; i < counted.slots.size(); ++i) {
    out.segment[counted.slots[i]] = segmentation.segment[i];
    out.entry_days[counted.slots[i]] = static_cast<std::uint16_t>(
        std::min<std::int64_t>(m_matcher.entry_recency(segmentation.rfm[i]), 0xFFFF));
  }
  return m_moments.emplace(moment, std::move(out)).first->second;
}

}  // namespace tsuikyaku::app
