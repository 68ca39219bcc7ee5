#include "tsuikyaku/campaign/business_days.hpp"

#include "tsuikyaku/campaign/planner.hpp"

namespace tsuikyaku::campaign {
namespace {

using core::Instant;
using std::chrono::days;
using std::chrono::local_days;
using std::chrono::year_month_day;

// A moment's local date, and the time since that date's 00:00.
std::pair<year_month_day, std::chrono::seconds> split(Instant t, const core::TimeZone& zone) {
  const core::LocalTime local = zone.to_local(t);
  const local_days day = std::chrono::floor<days>(local);
  return {year_month_day{day}, local - day};
}

Instant at(const year_month_day& date, std::chrono::seconds time_of_day,
           const core::TimeZone& zone) {
  return zone.to_instant(core::LocalTime{local_days{date}} + time_of_day);
}

}  // namespace

Instant due_after(const Trigger& trigger, Instant event, const calendar::ShopDays& days,
                  const core::TimeZone& zone) {
  if (trigger.business_days == 0) return event + trigger.delay;
  const auto [date, time] = split(event, zone);
  return at(days.add_business_days(date, trigger.business_days), time, zone);
}

std::pair<Instant, Instant> events_due_between(const Trigger& trigger, Instant from, Instant until,
                                               const calendar::ShopDays& days,
                                               const core::TimeZone& zone) {
  if (trigger.business_days == 0) return {from - trigger.delay, until - trigger.delay};
  // An event on a date earlier than earliest_event_for falls due before from's date; n
  // business days are at least n calendar days, less an hour a clock change may take.
  const year_month_day first =
      days.earliest_event_for(split(from, zone).first, trigger.business_days);
  const auto at_least = std::chrono::days{trigger.business_days} - std::chrono::hours{1};
  return {at(first, std::chrono::seconds{0}, zone), until - at_least};
}

Instant next_open_moment(Instant t, const calendar::ShopDays& skip, const core::TimeZone& zone) {
  const year_month_day date = split(t, zone).first;
  if (skip.open(date)) return t;
  return at(skip.next_open(date), std::chrono::seconds{0}, zone);
}

Instant held_last_moment(const Campaign& campaign, Instant due,
                         const std::optional<calendar::ShopDays>& marketing_days,
                         const std::optional<core::TimeOfDayRange>& quiet,
                         const core::TimeZone& zone) {
  const Instant last = last_moment(campaign, due, zone);
  if (last == Instant::max() || !marketing_days || campaign.kind != Kind::marketing) return last;
  const Instant after_quiet = next_allowed(due, quiet, zone);
  const Instant open = next_open_moment(after_quiet, *marketing_days, zone);
  return open == after_quiet ? last : last + (next_allowed(open, quiet, zone) - after_quiet);
}

Instant held_since(Instant t, const calendar::ShopDays& skip, const core::TimeZone& zone) {
  const auto previous = [](const year_month_day& d) {
    return year_month_day{std::chrono::sys_days{d} - days{1}};
  };
  year_month_day date = split(t, zone).first;
  if (skip.open(date)) date = previous(date);
  if (skip.open(date)) return t;
  for (int i = 0; i < calendar::k_max_closed_run && !skip.open(previous(date)); ++i) {
    date = previous(date);
  }
  return std::min(t, at(date, std::chrono::seconds{0}, zone));
}

}  // namespace tsuikyaku::campaign
