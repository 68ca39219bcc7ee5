#include <fmt/format.h>

#include <array>
#include <nlohmann/json.hpp>
#include <ostream>

#include "commands.hpp"
#include "text_table.hpp"
#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/calendar/holidays.hpp"
#include "tsuikyaku/calendar/shop_days.hpp"
#include "tsuikyaku/config/config.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/time.hpp"

// `tsuikyaku calendar [--from D] [--to D] [--json]` (docs/calendar.md): Japan's national
// holidays; in a workspace, the shop's calendar (the holidays it keeps, its closed days).

namespace tsuikyaku::cli {
namespace {

using json = nlohmann::ordered_json;
using std::chrono::year_month_day;

struct Day {
  year_month_day date;
  std::string name;  // the holiday's, or what of shop.closed closes the day
  const char* kind;  // "holiday" or "closed"
};

struct CalendarOptions {
  std::string from;
  std::string to;
  bool json = false;
};

std::string iso(const year_month_day& date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

// A YYYY-MM-DD flag, a date that exists, in the years the rules cover.
year_month_day date_flag(const std::string& flag, const std::string& text) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  char tail = 0;
  const bool read =
      text.size() == 10 && std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) == 3;
  const year_month_day date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
  if (!read || !date.ok()) {
    throw core::Error(
        core::ErrorKind::usage,
        fmt::format("{} {}: not a date; write it as YYYY-MM-DD, e.g. 2026-05-03", flag, text));
  }
  if (y < calendar::k_first_year || y > calendar::k_last_year) {
    throw core::Error(core::ErrorKind::usage,
                      fmt::format("{} {}: the holidays are known for {} to {} only", flag, text,
                                  calendar::k_first_year, calendar::k_last_year));
  }
  return date;
}

// Today in Japan, whose calendar this is.
year_month_day today_in_japan(const core::Clock& clock) {
  const auto zone = core::TimeZone::find("Asia/Tokyo");
  if (!zone) throw core::Error(core::ErrorKind::internal, "tzdata has no Asia/Tokyo");
  const auto local = zone->to_local(clock.now());
  return year_month_day{std::chrono::floor<std::chrono::days>(local).time_since_epoch() +
                        std::chrono::sys_days{}};
}

core::ExitCode run_calendar(Context& ctx, const CalendarOptions& options) {
  const year_month_day today = today_in_japan(ctx.clock());
  const year_month_day from = options.from.empty() ? today.year() / std::chrono::January / 1
                                                   : date_flag("--from", options.from);
  const year_month_day to =
      options.to.empty() ? from.year() / std::chrono::December / 31 : date_flag("--to", options.to);
  if (to < from) {
    throw core::Error(core::ErrorKind::usage,
                      fmt::format("--to {} is before --from {}", iso(to), iso(from)));
  }
  // In a workspace, the shop's calendar: the holidays it keeps and its closed days.
  const std::filesystem::path config_file = app::config_path(ctx.location());
  std::error_code ec;
  const calendar::ShopDays shop = std::filesystem::exists(config_file, ec)
                                      ? config::load_config(config_file).shop.days
                                      : calendar::ShopDays(true, {}, {});
  std::vector<Day> days;
  std::size_t holidays = 0;
  for (auto date = std::chrono::sys_days{from}; date <= std::chrono::sys_days{to};
       date += std::chrono::days{1}) {
    const year_month_day day{date};
    if (const auto name = shop.holiday(day)) {
      days.push_back({day, *name, "holiday"});
      ++holidays;
    }
    if (const auto closure = shop.closure(day)) days.push_back({day, *closure, "closed"});
  }
  std::ostream& out = ctx.io().out;
  if (options.json) {
    json document{{"days", json::array()}};
    for (const Day& day : days) {
      document["days"].push_back({{"date", iso(day.date)}, {"name", day.name}, {"kind", day.kind}});
    }
    out << document.dump(2, ' ', false) << '\n';
    return core::ExitCode::ok;
  }
  static constexpr std::array<const char*, 7> k_days{"Sun", "Mon", "Tue", "Wed",
                                                     "Thu", "Fri", "Sat"};
  TextTable table({{"date"}, {"day"}, {"name"}});
  for (const Day& day : days) {
    const std::chrono::weekday weekday{std::chrono::sys_days{day.date}};
    const bool closed = day.kind == std::string_view("closed");
    table.add_row({iso(day.date), k_days.at(weekday.c_encoding()),
                   closed ? "closed: " + day.name : day.name});
  }
  if (!days.empty()) table.print(out);
  if (!ctx.global().quiet) {
    const std::size_t closed = days.size() - holidays;
    const std::string closed_days =
        closed == 0 ? "" : fmt::format(" and {} closed day{}", closed, closed == 1 ? "" : "s");
    out << fmt::format("{} holiday{}{} from {} to {}\n", holidays, holidays == 1 ? "" : "s",
                       closed_days, iso(from), iso(to));
  }
  return core::ExitCode::ok;
}

}  // namespace

Registered add_calendar(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<CalendarOptions>();
  CLI::App* sub =
      app.add_subcommand("calendar", "Japan's national holidays (祝日) and the shop's closed days");
  sub->add_option("--from", options->from, "First day, YYYY-MM-DD (default: 1 January this year)");
  sub->add_option("--to", options->to,
                  "Last day, YYYY-MM-DD (default: 31 December of the --from year)");
  sub->add_flag("--json", options->json, json_help());
  sub->footer(
      "By the Act on National Holidays: fixed days, Happy Monday days, the equinoxes, "
      "振替休日 and 国民の休日, for 1970 to 2099; see docs/calendar.md. In a workspace, also the "
      "shop's closed days (shop.closed), and the holidays only if the shop keeps them "
      "(shop.holidays).");
  return {sub, [&ctx, options]() -> core::ExitCode { return run_calendar(ctx, *options); }};
}

}  // namespace tsuikyaku::cli
