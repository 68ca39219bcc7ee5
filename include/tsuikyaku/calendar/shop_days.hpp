#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

// The days a shop is open (docs/calendar.md): Japan's national holidays when the shop
// keeps them (`shop.holidays`), and its own closed days (`shop.closed`: dates, spans of
// dates such as 年末年始 or お盆, and weekdays). Business-day delays count open days;
// `send.skip` moves marketing mail off the others. Pure logic: no clock, no zone.

namespace tsuikyaku::calendar {

// A span of whole days as `shop.closed` writes it: dates ("2026-12-29..2027-01-03",
// first <= last; one date is first == last), or month and day every year ("12-29..01-03",
// which may wrap over the year's end; the year of first and last is then ignored).
struct DateSpan {
  std::chrono::year_month_day first;
  std::chrono::year_month_day last;
  bool yearly = false;
  std::string text;  // as the config wrote it, for the calendar's listing

  bool contains(const std::chrono::year_month_day& date) const;
};

// The weekday names of `shop.closed`, by weekday::c_encoding() (0 Sunday).
inline constexpr std::array<const char*, 7> k_weekday_names{
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

// How far an open day is looked for before the calendar is taken to have none: a year
// and more, longer than any closure a config can mean (every weekday closed is refused).
inline constexpr int k_max_closed_run = 400;

class ShopDays {
 public:
  ShopDays() = default;
  ShopDays(bool national_holidays, std::vector<DateSpan> closed_spans,
           std::array<bool, 7> closed_weekdays);  // indexed by weekday::c_encoding(), 0 Sunday

  bool keeps_national_holidays() const { return m_holidays; }
  const std::vector<DateSpan>& closed_spans() const { return m_spans; }
  const std::array<bool, 7>& closed_weekdays() const { return m_weekdays; }

  // The national holiday's name when the shop keeps the holidays and the date is one.
  std::optional<std::string> holiday(const std::chrono::year_month_day& date) const;
  // Closed by the shop's own list (a date, a span or a weekday).
  bool closed(const std::chrono::year_month_day& date) const { return closure(date).has_value(); }
  // What of the list closes date, as the config wrote it ("sunday", "12-29..01-03").
  std::optional<std::string> closure(const std::chrono::year_month_day& date) const;
  // Neither a kept holiday nor closed.
  bool open(const std::chrono::year_month_day& date) const;

  // The first open day at or after date.
  std::chrono::year_month_day next_open(const std::chrono::year_month_day& date) const;
  // The n-th open day after date (n >= 1): "3 business days after the 26th". date itself
  // never counts, open or not.
  std::chrono::year_month_day add_business_days(const std::chrono::year_month_day& date,
                                                int n) const;
  // The earliest date d such that add_business_days(d, n) >= date: for reading back from a
  // due date to the events that can fall due on it.
  std::chrono::year_month_day earliest_event_for(const std::chrono::year_month_day& date,
                                                 int n) const;

 private:
  bool m_holidays = false;
  std::vector<DateSpan> m_spans;
  std::array<bool, 7> m_weekdays{};
};

}  // namespace tsuikyaku::calendar
