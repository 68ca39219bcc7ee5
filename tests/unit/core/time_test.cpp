#include "tsuikyaku/core/time.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku::core;
using std::chrono::hours;

namespace {

TimeZone zone(std::string_view name) {
  const auto found = TimeZone::find(name);
  REQUIRE(found.has_value());
  return *found;
}

LocalTime local(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  const auto t = make_local(y, mo, d, h, mi, s);
  REQUIRE(t.has_value());
  return *t;
}

Instant utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  return Instant{local(y, mo, d, h, mi, s).time_since_epoch()};
}

}  // namespace

TEST_CASE("time: IANA zones come from the system's tzdata", "[core]") {
  CHECK(zone("Asia/Tokyo").name() == "Asia/Tokyo");
  CHECK_FALSE(TimeZone::find("Mars/Olympus").has_value());
  CHECK_FALSE(TimeZone::find("").has_value());
}

TEST_CASE("time: a naive time is read in the shop's zone", "[core]") {
  const TimeZone tokyo = zone("Asia/Tokyo");
  CHECK(tokyo.to_instant(local(2026, 11, 23, 9)) == utc(2026, 11, 23, 0));
  CHECK(tokyo.to_local(utc(2026, 11, 22, 15)) == local(2026, 11, 23, 0));
  CHECK(format_iso(utc(2026, 11, 23, 0), tokyo) == "2026-11-23T09:00:00+09:00");
}

TEST_CASE("time: New York across the spring-forward change", "[core]") {
  const TimeZone ny = zone("America/New_York");
  // 2026-03-08: 02:00 EST becomes 03:00 EDT.
  CHECK(ny.to_instant(local(2026, 3, 8, 1, 59, 59)) == utc(2026, 3, 8, 6, 59, 59));
  CHECK(ny.to_instant(local(2026, 3, 8, 3)) == utc(2026, 3, 8, 7));
  // 02:30 never happens: read with the offset before the gap, it is 03:30 EDT.
  CHECK(ny.to_instant(local(2026, 3, 8, 2, 30)) == utc(2026, 3, 8, 7, 30));
  CHECK(format_iso(utc(2026, 3, 8, 7, 30), ny) == "2026-03-08T03:30:00-04:00");
  // Noon to noon across the change is 23 hours of elapsed time.
  CHECK(ny.to_instant(local(2026, 3, 8, 12)) - ny.to_instant(local(2026, 3, 7, 12)) == hours{23});
}

TEST_CASE("time: New York across the fall-back change", "[core]") {
  const TimeZone ny = zone("America/New_York");
  // 2026-11-01: 02:00 EDT becomes 01:00 EST; 01:30 happens twice, the earlier is taken.
  CHECK(ny.to_instant(local(2026, 11, 1, 1, 30)) == utc(2026, 11, 1, 5, 30));
  CHECK(ny.to_local(utc(2026, 11, 1, 6, 30)) == local(2026, 11, 1, 1, 30));
  CHECK(format_iso(utc(2026, 11, 1, 5, 30), ny) == "2026-11-01T01:30:00-04:00");
  CHECK(format_iso(utc(2026, 11, 1, 6, 30), ny) == "2026-11-01T01:30:00-05:00");
  CHECK(ny.offset_at(utc(2026, 11, 1, 7)) == hours{-5});
  CHECK(ny.to_instant(local(2026, 11, 2, 12)) - ny.to_instant(local(2026, 11, 1, 0)) == hours{37});
}

TEST_CASE("time: an InstantReader reads every hour of a year as the zone does", "[core]") {
  // It remembers the offset between two changes: times on both sides of each change, and
  // the skipped and repeated hours, must still come out as TimeZone::to_instant says.
  const TimeZone ny = zone("America/New_York");
  InstantReader reader(ny);
  for (LocalTime t = local(2026, 1, 1); t < local(2027, 1, 1); t += std::chrono::minutes{30}) {
    CHECK(reader.to_instant(t) == ny.to_instant(t));
  }
  // Backwards across the fall-back change, after a time far away.
  CHECK(reader.to_instant(local(2026, 11, 1, 1, 30)) == utc(2026, 11, 1, 5, 30));
  CHECK(reader.to_instant(local(2026, 3, 8, 2, 30)) == utc(2026, 3, 8, 7, 30));
  CHECK(reader.to_instant(local(2026, 3, 8, 1, 59, 59)) == utc(2026, 3, 8, 6, 59, 59));
}

TEST_CASE("time: export date-time forms", "[core]") {
  const TimeZone tokyo = zone("Asia/Tokyo");
  const auto read = [&](std::string_view text) {
    const auto parsed = parse_datetime(text);
    REQUIRE(parsed.has_value());
    return resolve(*parsed, tokyo);
  };
  CHECK(read("2025-12-06T10:37:33") == utc(2025, 12, 6, 1, 37, 33));
  CHECK(read("2025-12-06 10:37") == utc(2025, 12, 6, 1, 37));
  CHECK(read("2025/12/06 10:37:33") == utc(2025, 12, 6, 1, 37, 33));
  CHECK(read("2025/1/5 9:03") == utc(2025, 1, 5, 0, 3));
  CHECK(read("2025-12-06") == utc(2025, 12, 5, 15));
  CHECK(read("2025-12-06T10:37:33+09:00") == utc(2025, 12, 6, 1, 37, 33));
  CHECK(read("2025-12-06T10:37:33Z") == utc(2025, 12, 6, 10, 37, 33));
  CHECK(read("2025-12-06 10:37:33 -0500") == utc(2025, 12, 6, 15, 37, 33));
  CHECK(read("2025-12-06T10:37:33.250+05:30") == utc(2025, 12, 6, 5, 7, 33));
  CHECK(read("2025-12-06T10:37:33-05") == utc(2025, 12, 6, 15, 37, 33));
}

TEST_CASE("time: impossible or malformed date-times are refused", "[core]") {
  for (const char* bad :
       {"", "2025-02-30", "2025-13-01 00:00", "2025-12-06 24:00", "2025-12-06 10:60",
        "06/12/2025 10:00", "2025-12-06 10", "yesterday", "2025-12-06T10:37:33+25:00",
        "2025-12-06T10:37:33 EST", "2025-12-06X10:37"}) {
    INFO(bad);
    CHECK_FALSE(parse_datetime(bad).has_value());
  }
}

TEST_CASE("time: a campaign's on: takes a local date and an optional time", "[core]") {
  CHECK(parse_local_moment("2011-12-10 12:50") == local(2011, 12, 10, 12, 50));
  CHECK(parse_local_moment("2011-12-10 12:50:30") == local(2011, 12, 10, 12, 50, 30));
  CHECK(parse_local_moment("2011-12-10") == local(2011, 12, 10));
  CHECK_FALSE(parse_local_moment("2011/12/10").has_value());
  CHECK_FALSE(parse_local_moment("2011-12-10 12:50+09:00").has_value());
  CHECK_FALSE(parse_local_moment("tomorrow").has_value());
}

TEST_CASE("time: --as-of reads the forms the tool prints and the Japanese one", "[core]") {
  const TimeZone tokyo = *TimeZone::find("Asia/Tokyo");
  const Instant ten_in_tokyo = tokyo.to_instant(local(2026, 11, 20, 10));
  for (const auto* text : {"2026-11-20T10:00:00+09:00", "2026-11-20T01:00:00Z", "2026/11/20 10:00",
                           "2026-11-20 10:00", "2026-11-20 10:00:00 +0900"}) {
    INFO(text);
    const auto parsed = parse_datetime(text);
    REQUIRE(parsed.has_value());
    CHECK(resolve(*parsed, tokyo) == ten_in_tokyo);
  }
}

TEST_CASE("time: civil fields and formats", "[core]") {
  const CivilFields c = civil(local(2026, 11, 23, 9, 5, 7));
  CHECK(c.year == 2026);
  CHECK(c.month == 11);
  CHECK(c.day == 23);
  CHECK(c.hour == 9);
  CHECK(c.minute == 5);
  CHECK(c.second == 7);
  CHECK(c.weekday == 1);  // a Monday
  CHECK(format_local(local(2026, 1, 2, 3, 4, 5)) == "2026-01-02 03:04:05");
  CHECK(format_date(local(2026, 1, 2, 3, 4, 5)) == "2026-01-02");
  CHECK(format_offset(std::chrono::seconds{-(3 * 3600 + 30 * 60)}) == "-03:30");
}
