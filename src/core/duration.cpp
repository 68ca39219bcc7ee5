#include "tsuikyaku/core/duration.hpp"

#include <array>
#include <cctype>
#include <limits>
#include <utility>

namespace tsuikyaku::core {
namespace {

constexpr std::int64_t k_minute = 60;
constexpr std::int64_t k_hour = 60 * k_minute;
constexpr std::int64_t k_day = 24 * k_hour;
constexpr std::int64_t k_week = 7 * k_day;

std::optional<std::int64_t> unit_seconds(char unit) {
  switch (unit) {
    case 's':
      return 1;
    case 'm':
      return k_minute;
    case 'h':
      return k_hour;
    case 'd':
      return k_day;
    case 'w':
      return k_week;
    default:
      return std::nullopt;
  }
}

// Reads a run of ASCII digits; nullopt when there is none or it overflows.
std::optional<std::int64_t> take_count(std::string_view& text) {
  std::int64_t value = 0;
  std::size_t n = 0;
  while (n < text.size() && std::isdigit(static_cast<unsigned char>(text[n]))) {
    if (value > (std::numeric_limits<std::int64_t>::max() - 9) / 10) return std::nullopt;
    value = value * 10 + (text[n] - '0');
    ++n;
  }
  if (n == 0) return std::nullopt;
  text.remove_prefix(n);
  return value;
}

std::optional<int> parse_clock(std::string_view text) {
  // "H:MM" or "HH:MM", 00:00..23:59
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2) return std::nullopt;
  std::string_view hours = text.substr(0, colon);
  std::string_view minutes = text.substr(colon + 1);
  if (minutes.size() != 2) return std::nullopt;
  const auto h = take_count(hours);
  const auto m = take_count(minutes);
  if (!h || !m || !hours.empty() || !minutes.empty() || *h > 23 || *m > 59) return std::nullopt;
  return static_cast<int>(*h * 60 + *m);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  std::int64_t total = 0;
  while (!text.empty()) {
    const auto count = take_count(text);
    if (!count || text.empty()) return std::nullopt;
    const auto unit = unit_seconds(text.front());
    if (!unit) return std::nullopt;
    text.remove_prefix(1);
    if (*count > (std::numeric_limits<std::int64_t>::max() - total) / *unit) return std::nullopt;
    total += *count * *unit;
  }
  if (total == 0) return std::nullopt;
  return std::chrono::seconds{total};
}

std::string format_duration(std::chrono::seconds value) {
  std::int64_t rest = value.count();
  if (rest <= 0) return "0s";
  constexpr std::array<std::pair<std::int64_t, char>, 4> k_units{
      {{k_day, 'd'}, {k_hour, 'h'}, {k_minute, 'm'}, {1, 's'}}};
  std::string out;
  for (const auto& [size, unit] : k_units) {
    if (rest >= size) {
      out += std::to_string(rest / size);
      out += unit;
      rest %= size;
    }
  }
  return out;
}

std::optional<Rate> parse_rate(std::string_view text) {
  text = trim(text);
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view count_text = trim(text.substr(0, slash));
  const std::string_view unit = trim(text.substr(slash + 1));
  const auto count = take_count(count_text);
  if (!count || !count_text.empty() || *count == 0) return std::nullopt;
  std::int64_t per = 0;
  if (unit == "s" || unit == "sec" || unit == "second") {
    per = 1;
  } else if (unit == "m" || unit == "min" || unit == "minute") {
    per = k_minute;
  } else if (unit == "h" || unit == "hour") {
    per = k_hour;
  } else if (unit == "d" || unit == "day") {
    per = k_day;
  } else {
    return std::nullopt;
  }
  return Rate{*count, std::chrono::seconds{per}};
}

bool TimeOfDayRange::contains(int minute_of_day) const {
  if (start_minute < end_minute) {
    return minute_of_day >= start_minute && minute_of_day < end_minute;
  }
  return minute_of_day >= start_minute || minute_of_day < end_minute;
}

std::optional<TimeOfDayRange> parse_time_of_day_range(std::string_view text) {
  text = trim(text);
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto start = parse_clock(trim(text.substr(0, dash)));
  const auto end = parse_clock(trim(text.substr(dash + 1)));
  if (!start || !end || *start == *end) return std::nullopt;
  return TimeOfDayRange{*start, *end};
}

}  // namespace tsuikyaku::core
