#include "tsuikyaku/calendar/shop_days.hpp"

#include <stdexcept>

#include "tsuikyaku/calendar/holidays.hpp"

namespace tsuikyaku::calendar {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

year_month_day plus(const year_month_day& date, int n) {
  return year_month_day{sys_days{date} + days{n}};
}

}  // namespace

bool DateSpan::contains(const year_month_day& date) const {
  if (!yearly) return first <= date && date <= last;
  const auto key = [](const year_month_day& d) {
    return static_cast<unsigned>(d.month()) * 100 + static_cast<unsigned>(d.day());
  };
  const unsigned from = key(first);
  const unsigned to = key(last);
  const unsigned at = key(date);
  return from <= to ? from <= at && at <= to : at >= from || at <= to;
}

ShopDays::ShopDays(bool national_holidays, std::vector<DateSpan> closed_spans,
                   std::array<bool, 7> closed_weekdays)
    : m_holidays(national_holidays),
      m_spans(std::move(closed_spans)),
      m_weekdays(closed_weekdays) {}

std::optional<std::string> ShopDays::holiday(const year_month_day& date) const {
  if (!m_holidays) return std::nullopt;
  const Holiday* found = holiday_on(date);
  if (found == nullptr) return std::nullopt;
  return found->name;
}

std::optional<std::string> ShopDays::closure(const year_month_day& date) const {
  const unsigned weekday = std::chrono::weekday{sys_days{date}}.c_encoding();
  if (m_weekdays.at(weekday)) return k_weekday_names.at(weekday);
  for (const DateSpan& span : m_spans) {
    if (span.contains(date)) return span.text;
  }
  return std::nullopt;
}

bool ShopDays::open(const year_month_day& date) const {
  return !closed(date) && !(m_holidays && holiday_on(date) != nullptr);
}

year_month_day ShopDays::next_open(const year_month_day& date) const {
  for (int i = 0; i <= k_max_closed_run; ++i) {
    const year_month_day day = plus(date, i);
    if (open(day)) return day;
  }
  // The config refuses a week with no open day; spans longer than this are not a shop.
  throw std::logic_error("ShopDays: no open day within k_max_closed_run days");
}

year_month_day ShopDays::add_business_days(const year_month_day& date, int n) const {
  year_month_day day = date;
  for (int counted = 0; counted < n; ++counted) day = next_open(plus(day, 1));
  return day;
}

year_month_day ShopDays::earliest_event_for(const year_month_day& date, int n) const {
  year_month_day event = date;
  while (add_business_days(plus(event, -1), n) >= date) event = plus(event, -1);
  return event;
}

}  // namespace tsuikyaku::calendar
