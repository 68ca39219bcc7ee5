#pragma once

#include <chrono>
#include <string>
#include <vector>

// Japan's national holidays as the Act on National Holidays (国民の祝日に関する法律, 1948,
// as amended) and its special laws define them (docs/calendar.md): the fixed days, the
// Happy Monday days, the equinox days by the astronomical formula, 振替休日 (a holiday
// on a Sunday moves to the next day that is not one, from 1973-04-12), 国民の休日 (a day
// between two holidays, from 1985-12-27) and the one-off days of the Imperial events.
// Names as Japanese calendars write them: "元日", "春分の日 振替休日", "休日".
// Pure logic: no clock, no zone, no file.

namespace tsuikyaku::calendar {

struct Holiday {
  std::chrono::year_month_day date;
  std::string name;

  bool operator==(const Holiday&) const = default;
};

// The years the rules are known for: the equinox formula holds from 1900 to 2099, and
// the holidays below 1970 follow an older law that is not modelled.
inline constexpr int k_first_year = 1970;
inline constexpr int k_last_year = 2099;

// Every holiday of `year` in date order; empty outside k_first_year..k_last_year.
std::vector<Holiday> holidays_of(int year);

// The holiday on date, or nullptr (also outside k_first_year..k_last_year). A look-up in
// a table of every year's holidays, made once.
const Holiday* holiday_on(const std::chrono::year_month_day& date);

// The day of the vernal and the autumnal equinox of `year` in Japan (1900–2099).
unsigned vernal_equinox_day(int year);
unsigned autumnal_equinox_day(int year);

}  // namespace tsuikyaku::calendar
