#include "tsuikyaku/core/duration.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku::core;
using std::chrono::seconds;

TEST_CASE("duration: units are elapsed time, 1d = 24 h", "[core]") {
  CHECK(parse_duration("10d") == seconds{10 * 86400});
  CHECK(parse_duration("15m") == seconds{900});
  CHECK(parse_duration("2h") == seconds{7200});
  CHECK(parse_duration("30s") == seconds{30});
  CHECK(parse_duration("1w") == seconds{7 * 86400});
  CHECK(parse_duration("1d12h") == seconds{36 * 3600});
  CHECK(parse_duration(" 3d ") == seconds{3 * 86400});
}

TEST_CASE("duration: anything else is refused", "[core]") {
  for (const char* bad : {"", "10", "d", "10x", "1.5d", "-1d", "0d", "10 d", "10D", "1d 2h",
                          "99999999999999999999d"}) {
    INFO(bad);
    CHECK_FALSE(parse_duration(bad).has_value());
  }
}

TEST_CASE("duration: formats back to what parses", "[core]") {
  CHECK(format_duration(seconds{10 * 86400}) == "10d");
  CHECK(format_duration(seconds{5400}) == "1h30m");
  CHECK(format_duration(seconds{7 * 86400}) == "7d");
  CHECK(format_duration(seconds{90061}) == "1d1h1m1s");
  CHECK(parse_duration(format_duration(seconds{90061})) == seconds{90061});
}

TEST_CASE("duration: rates per second, minute, hour, day", "[core]") {
  const auto per_second = parse_rate("20/s");
  REQUIRE(per_second);
  CHECK(per_second->count == 20);
  CHECK(per_second->per == seconds{1});
  CHECK(parse_rate("100/min")->per == seconds{60});
  CHECK(parse_rate("3000/h")->per == seconds{3600});
  CHECK(parse_rate("10000/d")->per == seconds{86400});
  for (const char* bad : {"20", "/s", "0/s", "20/week", "-1/s", "2.5/s"}) {
    INFO(bad);
    CHECK_FALSE(parse_rate(bad).has_value());
  }
}

TEST_CASE("duration: quiet hours may cross midnight", "[core]") {
  const auto night = parse_time_of_day_range("21:00-09:00");
  REQUIRE(night);
  CHECK(night->contains(21 * 60));
  CHECK(night->contains(23 * 60 + 59));
  CHECK(night->contains(0));
  CHECK(night->contains(8 * 60 + 59));
  CHECK_FALSE(night->contains(9 * 60));
  CHECK_FALSE(night->contains(12 * 60));
  CHECK_FALSE(night->contains(20 * 60 + 59));

  const auto lunch = parse_time_of_day_range("12:00-13:30");
  REQUIRE(lunch);
  CHECK(lunch->contains(12 * 60));
  CHECK_FALSE(lunch->contains(13 * 60 + 30));
  CHECK_FALSE(lunch->contains(11 * 60));

  for (const char* bad : {"21:00", "25:00-09:00", "21:00-09:60", "9-10", "10:00-10:00", "a-b"}) {
    INFO(bad);
    CHECK_FALSE(parse_time_of_day_range(bad).has_value());
  }
}
