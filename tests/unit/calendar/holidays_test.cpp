#include "tsuikyaku/calendar/holidays.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>

using namespace tsuikyaku;

namespace {

// "MM-DD name" for each holiday of the year, as a calendar would list them.
std::vector<std::string> listed(int year) {
  std::vector<std::string> out;
  for (const calendar::Holiday& holiday : calendar::holidays_of(year)) {
    out.push_back(fmt::format("{:02}-{:02} {}", static_cast<unsigned>(holiday.date.month()),
                              static_cast<unsigned>(holiday.date.day()), holiday.name));
  }
  return out;
}

}  // namespace

TEST_CASE("calendar: 2026, with a substitute for a Sunday in Golden Week and a day between",
          "[calendar]") {
  CHECK(listed(2026) ==
        std::vector<std::string>{"01-01 元日", "01-12 成人の日", "02-11 建国記念の日",
                                 "02-23 天皇誕生日", "03-20 春分の日", "04-29 昭和の日",
                                 "05-03 憲法記念日", "05-04 みどりの日", "05-05 こどもの日",
                                 "05-06 こどもの日 振替休日", "07-20 海の日", "08-11 山の日",
                                 "09-21 敬老の日", "09-22 休日", "09-23 秋分の日",
                                 "10-12 スポーツの日", "11-03 文化の日", "11-23 勤労感謝の日"});
}

TEST_CASE("calendar: 2019, the year of the accession, by its special law", "[calendar]") {
  const auto days = listed(2019);
  // 4/30 and 5/2 lie between holidays; no 天皇誕生日 that year (12/23 no longer, 2/23 not yet).
  for (const char* day :
       {"04-29 昭和の日", "04-30 休日", "05-01 天皇の即位の日", "05-02 休日", "05-03 憲法記念日",
        "05-06 こどもの日 振替休日", "10-22 即位礼正殿の儀"}) {
    CHECK(std::count(days.begin(), days.end(), day) == 1);
  }
  CHECK(std::none_of(days.begin(), days.end(),
                     [](const std::string& day) { return day.ends_with("天皇誕生日"); }));
}

TEST_CASE("calendar: the Olympic years move three days by their laws", "[calendar]") {
  const auto y2020 = listed(2020);
  const auto y2021 = listed(2021);
  for (const char* day : {"07-23 海の日", "07-24 スポーツの日", "08-10 山の日"}) {
    CHECK(std::count(y2020.begin(), y2020.end(), day) == 1);
  }
  // 8/8/2021 is a Sunday: the next day is its substitute.
  for (const char* day :
       {"07-22 海の日", "07-23 スポーツの日", "08-08 山の日", "08-09 山の日 振替休日"}) {
    CHECK(std::count(y2021.begin(), y2021.end(), day) == 1);
  }
  CHECK(std::count(y2021.begin(), y2021.end(), "10-11 スポーツの日") == 0);
}

TEST_CASE("calendar: from 2007 a substitute goes past the holidays that follow", "[calendar]") {
  // 2009: 5/3 is a Sunday, 5/4 and 5/5 are holidays, so 5/6, named after the day before
  // it; until 2006 a Sunday before a holiday gave none.
  const auto y2009 = listed(2009);
  CHECK(std::count(y2009.begin(), y2009.end(), "05-06 こどもの日 振替休日") == 1);
  const auto y1998 = listed(1998);  // 5/3/1998 a Sunday: 5/4 its substitute, not a 休日
  CHECK(std::count(y1998.begin(), y1998.end(), "05-04 憲法記念日 振替休日") == 1);
}

TEST_CASE("calendar: the equinoxes by the formula", "[calendar]") {
  CHECK(calendar::vernal_equinox_day(1979) == 21);
  CHECK(calendar::vernal_equinox_day(2024) == 20);
  CHECK(calendar::vernal_equinox_day(2025) == 20);
  CHECK(calendar::vernal_equinox_day(2092) == 19);
  CHECK(calendar::autumnal_equinox_day(1979) == 24);
  CHECK(calendar::autumnal_equinox_day(2012) == 22);
  CHECK(calendar::autumnal_equinox_day(2025) == 23);
}

TEST_CASE("calendar: years outside the rules have no list", "[calendar]") {
  CHECK(calendar::holidays_of(1969).empty());
  CHECK(calendar::holidays_of(2100).empty());
  CHECK(listed(1970).size() == 12);
  CHECK(listed(2099).front() == "01-01 元日");
}
