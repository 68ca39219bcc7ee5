#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include "tsuikyaku/campaign/campaign.hpp"
#include "tsuikyaku/core/time.hpp"

// The seasons (docs/campaigns.md, "Yearly schedules"): the window a `yearly` schedule opens
// each year, and the `bought_around` audience ("ordered around this date last year").
// Dates are local dates of the shop; the occurrences are in occurrence.hpp.

namespace tsuikyaku::campaign {

// The date of day in year y: 02-29 is 28 February in a year without it; nullopt for a
// 5th weekday the month does not have that year.
std::optional<std::chrono::year_month_day> day_in(const YearlyDay& day, std::chrono::year y);

// The first and last day of the window whose `day` falls in year y; nullopt when day is
// not in that year (a missing 5th weekday).
struct YearlyWindow {
  std::chrono::year_month_day first;
  std::chrono::year_month_day last;
};
std::optional<YearlyWindow> window_in(const Yearly& yearly, std::chrono::year y);

// A year from 2000 to 2060 whose window reaches the next window (a window of a year or
// more), or nullopt when every window closes before the next opens.
std::optional<std::chrono::year> overlapping_year(const Yearly& yearly);

// "12-01 to 12-20", "14d before the 2nd sunday of May": for `campaigns` and `plan`.
std::string describe(const Yearly& yearly);

// `bought_around: { days: n }` for a message due at `due`: [from, until) from 00:00 of n
// days before to 00:00 after n days after the due date's same day a year earlier (its local
// date; 29 February's is 28 February), in zone.
std::pair<core::Instant, core::Instant> bought_around(core::Instant due, int days,
                                                      const core::TimeZone& zone);

}  // namespace tsuikyaku::campaign
