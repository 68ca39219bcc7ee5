#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

// Instants, local times and real IANA time zones (SPEC §4). Instants are UTC seconds;
// a local time means nothing until it is read in a zone. The zone database is the
// operating system's (tzdata), through date/tz, which stays out of this header.

namespace tsuikyaku::core {

using Instant = std::chrono::sys_seconds;      // a moment, UTC
using LocalTime = std::chrono::local_seconds;  // a wall-clock reading, no zone
using Seconds = std::chrono::seconds;

// Unix seconds <-> Instant, the form the database keeps.
inline std::int64_t to_unix(Instant t) { return t.time_since_epoch().count(); }
inline Instant from_unix(std::int64_t s) { return Instant{Seconds{s}}; }

// A local time from its fields; nullopt when the date or time does not exist on any
// calendar (Feb 30, 24:00).
std::optional<LocalTime> make_local(int year, int month, int day, int hour = 0, int minute = 0,
                                    int second = 0);

struct CivilFields {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int weekday = 0;  // 0 = Sunday
};
CivilFields civil(LocalTime t);

class TimeZone {
 public:
  // The zone of this IANA name ("Asia/Tokyo"), or nullopt when tzdata has none.
  static std::optional<TimeZone> find(std::string_view iana_name);
  static TimeZone utc();

  std::string name() const;

  // The instant a wall clock in this zone reads t. A time that occurs twice (the hour
  // after clocks go back) is the earlier instant; a time that never occurs (skipped when
  // clocks go forward) is read with the offset before the change, so 02:30 on a New
  // York spring-forward night is 03:30 EDT.
  Instant to_instant(LocalTime t) const;
  LocalTime to_local(Instant t) const;
  Seconds offset_at(Instant t) const;

  friend bool operator==(const TimeZone& a, const TimeZone& b) { return a.m_zone == b.m_zone; }

 private:
  friend class InstantReader;
  explicit TimeZone(const void* zone) : m_zone(zone) {}
  const void* m_zone;  // a date::time_zone owned by the process-wide tz database
};

// TimeZone::to_instant for many times in a row (an import's column of naive times): it
// keeps the stretch between two changes of the zone's offset around the last time read,
// so a time in the same stretch costs two comparisons instead of a search of the zone's
// rules. Same results as to_instant; not thread-safe.
class InstantReader {
 public:
  explicit InstantReader(TimeZone zone) : m_zone(zone) {}
  Instant to_instant(LocalTime t);

 private:
  TimeZone m_zone;
  LocalTime m_from{}, m_until{};  // wall-clock times in [from, until) have m_offset
  Seconds m_offset{};
};

// "2026-11-23T09:00:00+09:00": local ISO 8601 with the zone's offset (SPEC §5, §11).
std::string format_iso(Instant t, const TimeZone& zone);
// "2026-11-23 09:00:00" and "2026-11-23".
std::string format_local(LocalTime t);
std::string format_date(LocalTime t);
// "+09:00", "-05:00", "+00:00".
std::string format_offset(Seconds offset);

// A date-time as exports write it: ISO 8601 with "T" or a space ("2025-12-06T10:37:33",
// "2025-12-06 10:37"), "YYYY/MM/DD HH:MM[:SS]" (one-digit month, day and hour allowed),
// or a date alone (00:00); fractions of a second are dropped; an optional offset "Z",
// "+09:00", "+0900" or "-05", also after a space ("2025-12-06 10:37:33 -0500").
struct ParsedDateTime {
  LocalTime local;
  std::optional<Seconds> offset;  // east of UTC; nullopt for a naive time
};
std::optional<ParsedDateTime> parse_datetime(std::string_view text);

// The instant of a parsed time: its own offset when it has one, else read in zone.
Instant resolve(const ParsedDateTime& parsed, const TimeZone& zone);
Instant resolve(const ParsedDateTime& parsed, InstantReader& zone);

// `--as-of` and `--since` take every form parse_datetime() reads: what the tool itself
// prints ("2026-11-20T10:00:00+09:00"), the Japanese "2026/11/20 10:00" and the plain
// "2026-11-20[ 10:00]", which is read in shop.timezone. k_as_of_forms names them for a
// usage error.
inline constexpr const char* k_as_of_forms =
    "2026-11-20, \"2026-11-20 10:00\", 2026-11-20T10:00:00+09:00 or \"2026/11/20 10:00\"";

// A campaign's `on:` "YYYY-MM-DD[ HH:MM[:SS]]": a local time without an offset (it recurs
// in the shop's zone); a date alone is 00:00.
std::optional<LocalTime> parse_local_moment(std::string_view text);

}  // namespace tsuikyaku::core
