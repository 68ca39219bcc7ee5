#include <fmt/format.h>

#include "config_parts.hpp"
#include "tsuikyaku/campaign/yearly.hpp"
#include "tsuikyaku/core/duration.hpp"
#include "tsuikyaku/core/strings.hpp"

// `schedule: { yearly: …, until: | before: | after: }` and `audience.bought_around`
// (docs/campaigns.md, "Yearly schedules").

namespace tsuikyaku::config {
namespace {

using yaml::MapReader;

constexpr std::string_view k_day_expected =
    "expected a day of the year like \"12-01\" (month-day), or the nth weekday of "
    "a month like { month: 5, weekday: sunday, nth: 2 }";

std::chrono::weekday parse_weekday(const MapReader& map) {
  const std::string text = core::to_lower_ascii(map.string("weekday"));
  std::vector<std::string> names;
  for (unsigned i = 0; i < calendar::k_weekday_names.size(); ++i) {
    if (text == calendar::k_weekday_names[i]) return std::chrono::weekday{i};
    names.emplace_back(calendar::k_weekday_names[i]);
  }
  std::string message =
      fmt::format("'{}': expected a weekday: sunday, monday, … or saturday", map.string("weekday"));
  if (const std::string nearest = core::suggest(text, names); !nearest.empty()) {
    message += fmt::format("; did you mean '{}'?", nearest);
  }
  throw map.error("weekday", message);
}

campaign::YearlyDay parse_day(const MapReader& schedule, std::string_view key) {
  const YAML::Node node = schedule.get(key);
  campaign::YearlyDay out;
  if (!node.IsMap()) {
    const std::string text = yaml::scalar(node, schedule.file(), key);
    const auto date = month_day(text);
    if (!date) throw schedule.error(key, fmt::format("'{}': {}", text, k_day_expected));
    out.month = static_cast<unsigned>(date->month());
    out.day = static_cast<unsigned>(date->day());
    return out;
  }
  const MapReader map(node, schedule.file(), std::string(key));
  map.allow({"month", "weekday", "nth"});
  if (!map.has("month")) throw map.missing("month");
  out.month = static_cast<unsigned>(*map.optional_int("month", 1, 12));
  out.weekday = parse_weekday(map);
  if (!map.has("nth")) throw map.missing("nth");
  if (map.string("nth") == "last") {
    out.nth = -1;
  } else {
    const auto nth = map.optional_parsed(
        "nth",
        [](const std::string& text) -> std::optional<int> {
          if (text.size() != 1 || text[0] < '1' || text[0] > '5') return std::nullopt;
          return text[0] - '0';
        },
        "1 to 5 (nth: 2 for the second sunday of the month), or last");
    out.nth = *nth;
  }
  return out;
}

int whole_days(const MapReader& schedule, std::string_view key) {
  const auto value = schedule.optional_parsed(
      key,
      [](const std::string& text) -> std::optional<int> {
        const auto d = core::parse_duration(text);
        if (!d || d->count() % 86400 != 0 || *d > std::chrono::days{366}) return std::nullopt;
        return static_cast<int>(d->count() / 86400);
      },
      "whole days like 14d (at most 366d)");
  return value.value_or(0);
}

}  // namespace

std::optional<campaign::Yearly> parse_yearly(const MapReader& schedule) {
  if (!schedule.has("yearly")) {
    for (const std::string_view key : {"until", "before", "after"}) {
      if (schedule.has(key)) {
        throw schedule.error(key,
                             "only a yearly schedule has it: add yearly: \"12-01\" or "
                             "take it out");
      }
    }
    return std::nullopt;
  }
  if (schedule.has("on") || schedule.has("every")) {
    throw schedule.error("yearly", "expected one of on:, every: or yearly:, not two");
  }
  if (schedule.has("expires")) {
    throw schedule.error("expires",
                         "a yearly window closes by itself: take expires out and "
                         "set the window with until:, before: or after:");
  }
  if (schedule.has("until") && schedule.has("after")) {
    throw schedule.error("after", "expected until: or after:, not both");
  }
  campaign::Yearly out;
  out.day = parse_day(schedule, "yearly");
  if (schedule.has("until")) out.until = parse_day(schedule, "until");
  out.before = whole_days(schedule, "before");
  out.after = whole_days(schedule, "after");
  if (const auto year = campaign::overlapping_year(out)) {
    throw schedule.error(
        "yearly", fmt::format("the window of {} lasts into the next year's window; a yearly "
                              "window is shorter than a year: shorten until:, before: or after:",
                              static_cast<int>(*year)));
  }
  return out;
}

int parse_bought_around(const MapReader& audience, bool scheduled) {
  if (!audience.has("bought_around")) return 0;
  if (!scheduled) {
    throw audience.error("bought_around",
                         "only a schedule's audience has it; a trigger "
                         "follows an order already");
  }
  const MapReader map(audience.get("bought_around"), audience.file(), "bought_around");
  map.allow({"days"});
  if (!map.has("days")) throw map.missing("days");
  return static_cast<int>(*map.optional_int("days", 1, 182));
}

}  // namespace tsuikyaku::config
