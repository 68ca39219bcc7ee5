#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/segment/rfm.hpp"

// Which orders count (SPEC §5) and what they add up to: one definition for RFM, the
// report, campaign audiences and the triggers' cancellation rule, so that `segments`,
// `report` and the planner never disagree on a customer. The store turns the statuses
// into SQL (store/counted_orders.hpp); the planner and the tests call the predicate.

namespace tsuikyaku::segment {

// The statuses of an order that does not count, compared ignoring ASCII case
// ("Cancelled"); every other status counts.
inline constexpr std::array<std::string_view, 4> k_uncounted_statuses{"cancelled", "canceled",
                                                                      "refunded", "voided"};

// True when an order of this status counts for RFM, the report and audiences.
bool is_counted_status(std::string_view status);

// One customer's counted orders, added in any order, as its RFM Activity.
class ActivityTally {
 public:
  void add(std::int64_t ordered_at_unix, std::int64_t total_minor) {
    m_orders += 1;
    m_monetary += total_minor;
    m_last = std::max(m_last, ordered_at_unix);
  }

  // No order added: the customer is in no segment and not counted in N.
  bool empty() const { return m_orders == 0; }

  // The activity of the orders added; only when !empty().
  Activity activity(std::int64_t customer_id, std::string customer_key) const {
    return {customer_id, std::move(customer_key), m_orders, m_monetary, core::from_unix(m_last)};
  }

 private:
  std::int64_t m_orders = 0;
  std::int64_t m_monetary = 0;                                     // minor units
  std::int64_t m_last = std::numeric_limits<std::int64_t>::min();  // Unix seconds
};

}  // namespace tsuikyaku::segment
