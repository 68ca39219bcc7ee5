#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "config_parts.hpp"
#include "tsuikyaku/core/strings.hpp"

// `shop.holidays`, `shop.closed` and `send.skip` (docs/calendar.md).

namespace tsuikyaku::config {
namespace {

using calendar::DateSpan;
using std::chrono::year_month_day;

constexpr int k_longest_closure = 366;  // below calendar::k_max_closed_run, holidays and all
static_assert(k_longest_closure + 14 < calendar::k_max_closed_run);

constexpr std::string_view k_closed_expected =
    "expected a date (2026-08-13), a span of dates (2026-12-29..2027-01-03), a span every "
    "year (12-29..01-03) or a weekday (sunday)";

// "2026-12-29" (with_year) or "12-29" (yearly, read in the leap year 2000 so 02-29 exists).
std::optional<year_month_day> day_of(std::string_view text, bool with_year) {
  int y = 2000;
  unsigned m = 0;
  unsigned d = 0;
  char tail = 0;
  const std::string s(text);
  const bool read =
      with_year ? s.size() == 10 && std::sscanf(s.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) == 3
                : s.size() == 5 && std::sscanf(s.c_str(), "%2u-%2u%c", &m, &d, &tail) == 2;
  const year_month_day date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
  if (!read || !date.ok()) return std::nullopt;
  return date;
}

}  // namespace

std::optional<year_month_day> month_day(std::string_view text) { return day_of(text, false); }

namespace {

std::optional<DateSpan> span_of(const std::string& text) {
  const auto dots = text.find("..");
  const std::string_view first = std::string_view(text).substr(0, dots);
  const std::string_view last =
      dots == std::string::npos ? first : std::string_view(text).substr(dots + 2);
  const bool yearly = first.size() == 5;
  const auto from = day_of(first, !yearly);
  const auto to = day_of(last, !yearly);
  if (!from || !to || (!yearly && *to < *from)) return std::nullopt;
  return DateSpan{*from, *to, yearly, text};
}

// A closure longer than a year (a span that long, or spans that join up, or a yearly span
// of every day) leaves business days and send.skip no day to move to: a config error.
void refuse_endless_closure(const yaml::MapReader& shop, const calendar::ShopDays& closed) {
  using std::chrono::sys_days;
  sys_days first{std::chrono::year{2000} / 1 / 1};
  sys_days last{std::chrono::year{2001} / 12 / 31};  // two years of the yearly spans
  for (const DateSpan& span : closed.closed_spans()) {
    if (span.yearly) continue;
    first = std::min(first, sys_days{span.first});
    last = std::max(last, sys_days{span.last} + std::chrono::days{1});
  }
  int run = 0;
  for (sys_days day = first; day <= last; day += std::chrono::days{1}) {
    run = closed.closed(year_month_day{day}) ? run + 1 : 0;
    if (run > k_longest_closure) {
      throw shop.error("closed", fmt::format("the shop would be closed for more than {} days in "
                                             "a row; a closure is at most {} days",
                                             k_longest_closure, k_longest_closure));
    }
  }
}

}  // namespace

calendar::ShopDays parse_shop_days(const yaml::MapReader& shop, const core::TimeZone& zone) {
  bool holidays = zone.name() == "Asia/Tokyo";
  if (const auto kept = shop.optional_string("holidays")) {
    if (*kept != "japan" && *kept != "none") {
      throw shop.error("holidays", "expected japan (Japan's national holidays) or none");
    }
    holidays = *kept == "japan";
  }
  std::vector<DateSpan> spans;
  std::array<bool, 7> weekdays{};
  if (shop.has("closed")) {
    const YAML::Node list = shop.get("closed");
    if (!list.IsSequence()) {
      throw yaml::error_at(list, shop.file(), "closed",
                           "expected a list like [2026-12-29..2027-01-03, sunday]");
    }
    for (const auto& item : list) {
      const std::string text = yaml::scalar(item, shop.file(), "closed");
      const std::string lower = core::to_lower_ascii(text);
      bool weekday = false;
      for (std::size_t i = 0; i < calendar::k_weekday_names.size(); ++i) {
        if (lower == calendar::k_weekday_names[i]) weekdays[i] = weekday = true;
      }
      if (weekday) continue;
      const auto span = span_of(text);
      if (!span) {
        throw yaml::error_at(item, shop.file(), "closed",
                             fmt::format("'{}': {}", text, k_closed_expected));
      }
      spans.push_back(*span);
    }
    if (std::count(weekdays.begin(), weekdays.end(), true) == 7) {
      throw shop.error("closed", "every weekday is closed: a shop needs at least one open day");
    }
    refuse_endless_closure(shop, {false, spans, weekdays});
  }
  return {holidays, std::move(spans), weekdays};
}

SendSkip parse_send_skip(const yaml::MapReader& send, const calendar::ShopDays& days) {
  SendSkip out;
  if (!send.has("skip")) return out;
  const YAML::Node list = send.get("skip");
  if (!list.IsSequence()) {
    throw yaml::error_at(list, send.file(), "skip", "expected a list like [holidays, closed]");
  }
  for (const auto& item : list) {
    const std::string text = yaml::scalar(item, send.file(), "skip");
    if (text == "holidays") {
      if (!days.keeps_national_holidays()) {
        throw yaml::error_at(item, send.file(), "skip",
                             "holidays: the shop keeps no national holidays (shop.holidays is "
                             "none, or its timezone is not Asia/Tokyo); set shop.holidays: japan");
      }
      out.holidays = true;
    } else if (text == "closed") {
      out.closed = true;
    } else {
      throw yaml::error_at(item, send.file(), "skip",
                           fmt::format("'{}': expected holidays or closed", text));
    }
  }
  return out;
}

std::optional<calendar::ShopDays> marketing_days(const Config& config) {
  const SendSkip& skip = config.send.skip;
  if (!skip.any()) return std::nullopt;
  const calendar::ShopDays& days = config.shop.days;
  return calendar::ShopDays(skip.holidays && days.keeps_national_holidays(),
                            skip.closed ? days.closed_spans() : std::vector<calendar::DateSpan>{},
                            skip.closed ? days.closed_weekdays() : std::array<bool, 7>{});
}

}  // namespace tsuikyaku::config
