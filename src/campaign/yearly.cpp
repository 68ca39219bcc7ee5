#include "tsuikyaku/campaign/yearly.hpp"

#include <fmt/format.h>

#include <array>

#include "tsuikyaku/calendar/shop_days.hpp"

namespace tsuikyaku::campaign {
namespace {

using std::chrono::days;
using std::chrono::local_days;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;
using std::chrono::years;

constexpr std::array<const char*, 12> k_months{"January",   "February", "March",    "April",
                                               "May",       "June",     "July",     "August",
                                               "September", "October",  "November", "December"};

std::string describe(const YearlyDay& day) {
  if (!day.weekday) return fmt::format("{:02}-{:02}", day.month, day.day);
  constexpr std::array<const char*, 6> k_ordinals{"", "1st", "2nd", "3rd", "4th", "5th"};
  const char* nth = day.nth < 0 ? "last" : k_ordinals.at(static_cast<std::size_t>(day.nth));
  return fmt::format("{} {} of {}", nth, calendar::k_weekday_names.at(day.weekday->c_encoding()),
                     k_months.at(day.month - 1));
}

}  // namespace

std::optional<year_month_day> day_in(const YearlyDay& day, year y) {
  const std::chrono::month m{day.month};
  if (!day.weekday) {
    const year_month_day date = y / m / std::chrono::day{day.day};
    return date.ok() ? date : year_month_day{y / m / std::chrono::last};
  }
  if (day.nth < 0) return year_month_day{sys_days{y / m / std::chrono::weekday_last{*day.weekday}}};
  const std::chrono::year_month_weekday nth =
      y / m / (*day.weekday)[static_cast<unsigned>(day.nth)];
  if (!nth.ok()) return std::nullopt;
  return year_month_day{sys_days{nth}};
}

std::optional<YearlyWindow> window_in(const Yearly& yearly, year y) {
  const auto anchor = day_in(yearly.day, y);
  if (!anchor) return std::nullopt;
  const sys_days first = sys_days{*anchor} - days{yearly.before};
  if (!yearly.until) return YearlyWindow{first, sys_days{*anchor} + days{yearly.after}};
  auto until = day_in(*yearly.until, y);
  if (!until || *until < *anchor) until = day_in(*yearly.until, y + years{1});
  if (!until) return std::nullopt;
  return YearlyWindow{first, *until};
}

std::optional<year> overlapping_year(const Yearly& yearly) {
  for (year y{2000}; y <= year{2060}; ++y) {
    const auto window = window_in(yearly, y);
    if (!window) continue;
    for (year next = y + years{1}; next <= y + years{8}; ++next) {
      const auto later = window_in(yearly, next);
      if (!later) continue;
      if (later->first <= window->last) return y;
      break;
    }
  }
  return std::nullopt;
}

std::string describe(const Yearly& yearly) {
  std::string text = describe(yearly.day);
  if (yearly.before > 0) text = fmt::format("{}d before {}", yearly.before, text);
  if (yearly.until) {
    text += " to " + describe(*yearly.until);
  } else if (yearly.after > 0) {
    text += fmt::format(" to {}d after", yearly.after);
  }
  return "yearly " + text;
}

std::pair<core::Instant, core::Instant> bought_around(core::Instant due, int n,
                                                      const core::TimeZone& zone) {
  const year_month_day date{std::chrono::floor<days>(zone.to_local(due))};
  year_month_day before = (date.year() - years{1}) / date.month() / date.day();
  if (!before.ok()) before = (date.year() - years{1}) / date.month() / std::chrono::last;
  const local_days day{before};
  return {zone.to_instant(core::LocalTime{day - days{n}}),
          zone.to_instant(core::LocalTime{day + days{n + 1}})};
}

}  // namespace tsuikyaku::campaign
