#include "tsuikyaku/core/time.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <cctype>

#include "tsuikyaku/core/text_cursor.hpp"

namespace tsuikyaku::core {
namespace {

namespace chr = std::chrono;

const date::time_zone* zone_of(const void* p) { return static_cast<const date::time_zone*>(p); }

date::local_seconds to_date_local(LocalTime t) { return date::local_seconds{t.time_since_epoch()}; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

std::optional<LocalTime> make_local(int year, int month, int day, int hour, int minute,
                                    int second) {
  const chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                                chr::day{static_cast<unsigned>(day)}};
  if (month < 1 || month > 12 || day < 1 || !ymd.ok()) return std::nullopt;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return std::nullopt;
  }
  return LocalTime{chr::local_days{ymd}.time_since_epoch() + chr::hours{hour} +
                   chr::minutes{minute} + Seconds{second}};
}

CivilFields civil(LocalTime t) {
  const auto days = chr::floor<chr::days>(t);
  const chr::year_month_day ymd{days};
  const chr::hh_mm_ss hms{t - days};
  return CivilFields{static_cast<int>(ymd.year()),
                     static_cast<int>(static_cast<unsigned>(ymd.month())),
                     static_cast<int>(static_cast<unsigned>(ymd.day())),
                     static_cast<int>(hms.hours().count()),
                     static_cast<int>(hms.minutes().count()),
                     static_cast<int>(hms.seconds().count()),
                     static_cast<int>(chr::weekday{days}.c_encoding())};
}

std::optional<TimeZone> TimeZone::find(std::string_view iana_name) {
  try {
    return TimeZone(date::locate_zone(iana_name));
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
}

TimeZone TimeZone::utc() { return TimeZone(date::locate_zone("Etc/UTC")); }

std::string TimeZone::name() const { return std::string(zone_of(m_zone)->name()); }

Instant TimeZone::to_instant(LocalTime t) const {
  const date::local_info info = zone_of(m_zone)->get_info(to_date_local(t));
  // unique, ambiguous (earlier instant) and nonexistent (offset before the gap) all
  // read the wall clock with the first offset.
  return Instant{t.time_since_epoch() - info.first.offset};
}

Instant InstantReader::to_instant(LocalTime t) {
  if (m_from <= t && t < m_until) return Instant{t.time_since_epoch() - m_offset};
  const date::local_info info = zone_of(m_zone.m_zone)->get_info(to_date_local(t));
  if (info.result == date::local_info::unique) {
    // Offsets on either side of a change differ by less than two days, so a wall-clock
    // time two days inside the stretch is neither skipped nor repeated.
    constexpr chr::days k_margin{2};
    const chr::sys_seconds begin = info.first.begin, end = info.first.end;
    m_from = LocalTime{(begin + k_margin).time_since_epoch() + info.first.offset};
    m_until = LocalTime{(end - k_margin).time_since_epoch() + info.first.offset};
    m_offset = info.first.offset;
  }
  return Instant{t.time_since_epoch() - info.first.offset};
}

LocalTime TimeZone::to_local(Instant t) const {
  return LocalTime{(t + offset_at(t)).time_since_epoch()};
}

Seconds TimeZone::offset_at(Instant t) const { return zone_of(m_zone)->get_info(t).offset; }

std::string format_offset(Seconds offset) {
  const auto total = offset.count();
  const auto magnitude = total < 0 ? -total : total;
  return fmt::format("{}{:02}:{:02}", total < 0 ? '-' : '+', magnitude / 3600,
                     (magnitude % 3600) / 60);
}

std::string format_local(LocalTime t) {
  const CivilFields c = civil(t);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", c.year, c.month, c.day, c.hour,
                     c.minute, c.second);
}

std::string format_date(LocalTime t) {
  const CivilFields c = civil(t);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

std::string format_iso(Instant t, const TimeZone& zone) {
  const CivilFields c = civil(zone.to_local(t));
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}", c.year, c.month, c.day, c.hour,
                     c.minute, c.second, format_offset(zone.offset_at(t)));
}

std::optional<ParsedDateTime> parse_datetime(std::string_view text) {
  TextCursor in(trim(text));
  const auto year = in.digits(4, 4);
  if (!year) return std::nullopt;
  const char sep = in.peek();
  if (sep != '-' && sep != '/') return std::nullopt;
  in.take(sep);
  const auto month = in.digits(1, 2);
  if (!month || !in.take(sep)) return std::nullopt;
  const auto day = in.digits(1, 2);
  if (!day) return std::nullopt;

  int hour = 0, minute = 0, second = 0;
  if (in.take('T') || in.take('t') || in.take(' ')) {
    while (in.take(' ')) {
    }
    const auto h = in.digits(1, 2);
    if (!h || !in.take(':')) return std::nullopt;
    const auto m = in.digits(2, 2);
    if (!m) return std::nullopt;
    hour = *h;
    minute = *m;
    if (in.take(':')) {
      const auto s = in.digits(2, 2);
      if (!s) return std::nullopt;
      second = *s;
      if (in.take('.') || in.take(',')) {
        if (!in.digits(1, 9)) return std::nullopt;
        in.skip_digits();
      }
    }
  }
  const auto local = make_local(*year, *month, *day, hour, minute, second);
  if (!local) return std::nullopt;

  ParsedDateTime parsed{*local, std::nullopt};
  while (in.take(' ')) {
  }
  if (!in.done()) {
    parsed.offset = in.utc_offset();
    if (!parsed.offset || !in.done()) return std::nullopt;
  }
  return parsed;
}

Instant resolve(const ParsedDateTime& parsed, const TimeZone& zone) {
  InstantReader reader(zone);
  return resolve(parsed, reader);
}

Instant resolve(const ParsedDateTime& parsed, InstantReader& zone) {
  if (parsed.offset) return Instant{parsed.local.time_since_epoch() - *parsed.offset};
  return zone.to_instant(parsed.local);
}

std::optional<LocalTime> parse_local_moment(std::string_view text) {
  const auto parsed = parse_datetime(text);
  if (!parsed || parsed->offset) return std::nullopt;
  // The documented form only: "YYYY-MM-DD" with an optional " HH:MM[:SS]".
  const std::string_view t = trim(text);
  if (t.size() < 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  if (t.size() > 10 && t[10] != ' ' && t[10] != 'T') return std::nullopt;
  return parsed->local;
}

}  // namespace tsuikyaku::core
