#include "tsuikyaku/calendar/holidays.hpp"

#include <algorithm>
#include <cmath>

namespace tsuikyaku::calendar {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::weekday;
using std::chrono::year;
using std::chrono::year_month_day;

year_month_day on(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

// The n-th Monday of a month: the Happy Monday days (from 2000 and 2003).
year_month_day nth_monday(int y, unsigned m, unsigned n) {
  return year_month_day{sys_days{year{y} / month{m} / std::chrono::Monday[n]}};
}

bool is_sunday(const year_month_day& date) {
  return weekday{sys_days{date}} == std::chrono::Sunday;
}

// 国民の祝日 of the year: the days the Act names, and the one-off days of the special laws.
std::vector<Holiday> national_holidays(int y) {
  std::vector<Holiday> days;
  const auto add = [&days](year_month_day date, const char* name) { days.push_back({date, name}); };
  add(on(y, 1, 1), "元日");
  add(y >= 2000 ? nth_monday(y, 1, 2) : on(y, 1, 15), "成人の日");
  add(on(y, 2, 11), "建国記念の日");
  if (y >= 2020) add(on(y, 2, 23), "天皇誕生日");
  add(on(y, 3, vernal_equinox_day(y)), "春分の日");
  if (y <= 1988) {
    add(on(y, 4, 29), "天皇誕生日");
  } else {
    add(on(y, 4, 29), y <= 2006 ? "みどりの日" : "昭和の日");
  }
  add(on(y, 5, 3), "憲法記念日");
  if (y >= 2007) add(on(y, 5, 4), "みどりの日");
  add(on(y, 5, 5), "こどもの日");
  // 2020 and 2021: the days moved for the Olympic Games by their special laws.
  if (y == 2020) {
    add(on(y, 7, 23), "海の日");
    add(on(y, 7, 24), "スポーツの日");
    add(on(y, 8, 10), "山の日");
  } else if (y == 2021) {
    add(on(y, 7, 22), "海の日");
    add(on(y, 7, 23), "スポーツの日");
    add(on(y, 8, 8), "山の日");
  } else {
    if (y >= 2003) {
      add(nth_monday(y, 7, 3), "海の日");
    } else if (y >= 1996) {
      add(on(y, 7, 20), "海の日");
    }
    if (y >= 2016) add(on(y, 8, 11), "山の日");
    if (y >= 2020) {
      add(nth_monday(y, 10, 2), "スポーツの日");
    } else {
      add(y >= 2000 ? nth_monday(y, 10, 2) : on(y, 10, 10), "体育の日");
    }
  }
  add(y >= 2003 ? nth_monday(y, 9, 3) : on(y, 9, 15), "敬老の日");
  add(on(y, 9, autumnal_equinox_day(y)), "秋分の日");
  add(on(y, 11, 3), "文化の日");
  add(on(y, 11, 23), "勤労感謝の日");
  if (y >= 1989 && y <= 2018) add(on(y, 12, 23), "天皇誕生日");
  // The one-off days, each by a law of its own.
  if (y == 1989) add(on(y, 2, 24), "大喪の礼");
  if (y == 1990) add(on(y, 11, 12), "即位礼正殿の儀");
  if (y == 1993) add(on(y, 6, 9), "結婚の儀");
  if (y == 2019) {
    add(on(y, 5, 1), "天皇の即位の日");
    add(on(y, 10, 22), "即位礼正殿の儀");
  }
  std::sort(days.begin(), days.end(),
            [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return days;
}

bool listed(const std::vector<Holiday>& days, const year_month_day& date) {
  return std::any_of(days.begin(), days.end(),
                     [&date](const Holiday& holiday) { return holiday.date == date; });
}

// The equinox day by the formula of the National Astronomical Observatory's almanac,
// with the leap-year correction; the 1900–1979 form differs in its constant and base year.
unsigned equinox_day(int y, double from_1980, double before_1980) {
  // The leap-year terms are integer divisions that truncate toward zero, as the almanac
  // writes them: (1970 - 1983) / 4 is -3, not -4.
  const int since = y - 1980;
  const double base = y >= 1980 ? from_1980 : before_1980;
  const int leaps = y >= 1980 ? since / 4 : (y - 1983) / 4;
  return static_cast<unsigned>(std::floor(base + 0.242194 * since - leaps));
}

}  // namespace

unsigned vernal_equinox_day(int y) { return equinox_day(y, 20.8431, 20.8357); }
unsigned autumnal_equinox_day(int y) { return equinox_day(y, 23.2488, 23.2588); }

std::vector<Holiday> holidays_of(int y) {
  if (y < k_first_year || y > k_last_year) return {};
  const std::vector<Holiday> national = national_holidays(y);
  std::vector<Holiday> days = national;
  // 振替休日, from 1973-04-12: a holiday on a Sunday gives the next day, when that is not
  // a holiday itself (until 2006), or the nearest following day that is not (from 2007).
  const year_month_day substitutes_from = on(1973, 4, 12);
  std::vector<Holiday> substitutes;
  for (const Holiday& holiday : national) {
    if (holiday.date < substitutes_from || !is_sunday(holiday.date)) continue;
    const Holiday* before = &holiday;  // calendars name a substitute after the day before it
    year_month_day next{sys_days{holiday.date} + std::chrono::days{1}};
    if (y < 2007 && listed(national, next)) continue;
    for (auto at = std::find(national.begin(), national.end(), holiday) + 1;
         at != national.end() && at->date == next; ++at) {
      before = &*at;
      next = year_month_day{sys_days{next} + std::chrono::days{1}};
    }
    substitutes.push_back({next, before->name + " 振替休日"});
  }
  days.insert(days.end(), substitutes.begin(), substitutes.end());
  // 国民の休日, from 1985-12-27: a day between two national holidays that is neither a
  // Sunday nor a substitute holiday.
  const year_month_day between_from = on(1985, 12, 27);
  for (std::size_t i = 0; i + 1 < national.size(); ++i) {
    const sys_days after{national[i].date};
    const year_month_day middle{after + std::chrono::days{1}};
    if (middle < between_from || is_sunday(middle) || listed(days, middle)) continue;
    if (year_month_day{after + std::chrono::days{2}} == national[i + 1].date) {
      days.push_back({middle, "休日"});
    }
  }
  std::sort(days.begin(), days.end(),
            [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return days;
}

const Holiday* holiday_on(const year_month_day& date) {
  static const std::vector<Holiday> k_all = [] {
    std::vector<Holiday> all;
    for (int y = k_first_year; y <= k_last_year; ++y) {
      for (Holiday& holiday : holidays_of(y)) all.push_back(std::move(holiday));
    }
    return all;
  }();
  const auto it =
      std::lower_bound(k_all.begin(), k_all.end(), date,
                       [](const Holiday& h, const year_month_day& d) { return h.date < d; });
  return it != k_all.end() && it->date == date ? &*it : nullptr;
}

}  // namespace tsuikyaku::calendar
