#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// The small value syntaxes of the config and campaign files (SPEC §2, §6).

namespace tsuikyaku::core {

// Elapsed time (SPEC §4: 1d = 24 h): one or more <count><unit> with units s, m, h, d, w
// ("10d", "15m", "2h", "1d12h"). nullopt for anything else, zero included.
std::optional<std::chrono::seconds> parse_duration(std::string_view text);

// The shortest form that parses back to the same value: 864000 s -> "10d", 5400 -> "1h30m".
std::string format_duration(std::chrono::seconds value);

// A send-rate ceiling: count messages per period ("20/s", "100/min", "3000/h", "10000/d").
struct Rate {
  std::int64_t count = 0;
  std::chrono::seconds per{1};
};
std::optional<Rate> parse_rate(std::string_view text);

// A range of wall-clock minutes, possibly across midnight ("21:00-09:00"): a moment is
// inside when start <= t < end, or, across midnight, t >= start or t < end.
struct TimeOfDayRange {
  int start_minute = 0;  // 0..1439
  int end_minute = 0;    // 0..1439, != start_minute

  bool contains(int minute_of_day) const;
};
std::optional<TimeOfDayRange> parse_time_of_day_range(std::string_view text);

}  // namespace tsuikyaku::core
