#include <algorithm>
#include <chrono>

#include "tsuikyaku/report/report.hpp"

// The order-based figures of the report (SPEC §9) in one pass over the orders sorted by
// customer and time, so that a million orders cost one sort and one scan, never a query
// per customer.

namespace tsuikyaku::report {
namespace {

Month month_of(core::LocalTime t) {
  const core::CivilFields fields = core::civil(t);
  return {fields.year, fields.month};
}

int months_between(Month from, Month to) {
  return (to.year - from.year) * 12 + (to.month - from.month);
}

// The instants at which the months from `first` on begin in the zone, one past the
// as-of month, so an instant's month is found by a binary search instead of a time
// zone conversion per order.
class MonthIndex {
 public:
  MonthIndex(Month first, Month last, const core::TimeZone& zone) {
    const int count = months_between(first, last) + 1;
    Month month = first;
    for (int i = 0; i <= count; ++i) {
      m_months.push_back(month);
      m_starts.push_back(zone.to_instant(*core::make_local(month.year, month.month, 1)));
      month = next_month(month);
    }
  }

  std::size_t size() const { return m_starts.size() - 1; }
  Month month(std::size_t index) const { return m_months[index]; }
  core::Instant end(std::size_t index) const { return m_starts[index + 1]; }

  std::size_t index_of(core::Instant t) const {
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), t);
    return static_cast<std::size_t>(it - m_starts.begin()) - 1;
  }

 private:
  std::vector<Month> m_months;
  std::vector<core::Instant> m_starts;
};

using Order = std::vector<OrderFact>::const_iterator;

// One customer's orders, earliest first, added to the month and cohort figures.
void add_customer(Order begin, Order end, const MonthIndex& months, OrderSummary& summary,
                  std::vector<Cohort>& cohorts) {
  const std::size_t first_month = months.index_of(begin->ordered_at);
  Cohort& cohort = cohorts[first_month];
  ++cohort.customers;
  if (end - begin >= 2) {
    ++summary.repeat_customers;
    const auto gap = std::next(begin)->ordered_at - begin->ordered_at;
    for (std::size_t w = 0; w < k_repeat_windows.size(); ++w) {
      if (gap <= std::chrono::days{k_repeat_windows[w]}) ++*cohort.ordered_again[w];
    }
  }
  std::size_t last_active = months.size();  // none yet
  for (Order order = begin; order != end; ++order) {
    const std::size_t index = months.index_of(order->ordered_at);
    MonthRevenue& month = summary.months[index];
    if (order == begin) {
      ++month.first_orders;
      month.first_revenue += order->total_minor;
    } else {
      ++month.repeat_orders;
      month.repeat_revenue += order->total_minor;
    }
    ++cohort.orders;
    cohort.revenue += order->total_minor;
    if (index != last_active) ++cohort.active[index - first_month];
    last_active = index;
  }
}

// Empty cohorts for every month; a window's count exists once the window has passed
// since the end of the month, so a young cohort shows "not yet" rather than a low rate.
std::vector<Cohort> empty_cohorts(const MonthIndex& months, core::Instant as_of) {
  std::vector<Cohort> cohorts(months.size());
  for (std::size_t i = 0; i < cohorts.size(); ++i) {
    cohorts[i].month = months.month(i);
    cohorts[i].active.assign(months.size() - i, 0);
    for (std::size_t w = 0; w < k_repeat_windows.size(); ++w) {
      if (months.end(i) + std::chrono::days{k_repeat_windows[w]} <= as_of) {
        cohorts[i].ordered_again[w] = 0;
      }
    }
  }
  return cohorts;
}

}  // namespace

std::string format_month(Month month) {
  std::string text = std::to_string(month.year) + "-";
  if (month.month < 10) text += '0';
  return text + std::to_string(month.month);
}

std::int64_t Cohort::average_spend() const { return average_minor(revenue, customers); }

Month next_month(Month month) {
  return month.month == 12 ? Month{month.year + 1, 1} : Month{month.year, month.month + 1};
}

OrderSummary summarize_orders(std::vector<OrderFact> orders, const core::TimeZone& zone,
                              core::Instant as_of) {
  OrderSummary summary;
  if (orders.empty()) return summary;
  std::sort(orders.begin(), orders.end(), [](const OrderFact& a, const OrderFact& b) {
    if (a.customer_id != b.customer_id) return a.customer_id < b.customer_id;
    if (a.ordered_at != b.ordered_at) return a.ordered_at < b.ordered_at;
    return a.total_minor < b.total_minor;
  });
  const auto [earliest, latest] = std::minmax_element(
      orders.begin(), orders.end(),
      [](const OrderFact& a, const OrderFact& b) { return a.ordered_at < b.ordered_at; });
  const Month last = month_of(zone.to_local(std::max(as_of, latest->ordered_at)));
  const MonthIndex months(month_of(zone.to_local(earliest->ordered_at)), last, zone);

  summary.months.resize(months.size());
  for (std::size_t i = 0; i < months.size(); ++i) summary.months[i].month = months.month(i);
  std::vector<Cohort> cohorts = empty_cohorts(months, as_of);

  for (Order begin = orders.begin(); begin != orders.end();) {
    const Order end = std::find_if(
        begin, orders.cend(),
        [id = begin->customer_id](const OrderFact& order) { return order.customer_id != id; });
    add_customer(begin, end, months, summary, cohorts);
    ++summary.customers;
    begin = end;
  }
  for (const OrderFact& order : orders) summary.revenue += order.total_minor;
  summary.orders = static_cast<std::int64_t>(orders.size());
  for (Cohort& cohort : cohorts) {
    if (cohort.customers > 0) summary.cohorts.push_back(std::move(cohort));
  }
  return summary;
}

}  // namespace tsuikyaku::report
