#include "tsuikyaku/campaign/occurrence.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "tsuikyaku/campaign/yearly.hpp"

namespace tsuikyaku::campaign {
namespace {

// The window that holds `at`, else the next one: windows never overlap (the config
// refuses it), so the first that has not closed by then.
Occurrence yearly_at(const Yearly& yearly, const core::TimeZone& zone, core::Instant at) {
  using std::chrono::local_days;
  const std::chrono::year this_year =
      std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(zone.to_local(at))}.year();
  Occurrence out{"", core::Instant::max()};
  for (auto y = this_year - std::chrono::years{1}; y <= this_year + std::chrono::years{9}; ++y) {
    const auto window = window_in(yearly, y);
    if (!window) continue;
    const core::Instant end =
        zone.to_instant(core::LocalTime{local_days{window->last} + std::chrono::days{1}});
    if (end <= at) continue;
    out = {fmt::format("yearly-{}", static_cast<int>(y)),
           zone.to_instant(core::LocalTime{local_days{window->first}}), end};
    break;
  }
  return out;
}

}  // namespace

std::optional<AudienceMoment> audience_moment(const Campaign& campaign, const core::TimeZone& zone,
                                              core::Instant window_start, core::Instant as_of) {
  Occurrence occurrence = occurrence_at(campaign, zone, as_of);
  if (occurrence.start > as_of) return std::nullopt;
  const core::Instant asked =
      campaign.schedule->on ? occurrence.start : std::max(window_start, occurrence.start);
  return AudienceMoment{std::move(occurrence), asked};
}

Occurrence occurrence_at(const Campaign& campaign, const core::TimeZone& zone, core::Instant at) {
  const Schedule& schedule = *campaign.schedule;
  if (schedule.on) return {"on-" + core::format_date(*schedule.on), zone.to_instant(*schedule.on)};
  if (schedule.yearly) return yearly_at(*schedule.yearly, zone, at);
  const std::int64_t period = schedule.every->count();
  const core::Instant start = core::from_unix(core::to_unix(at) / period * period);
  return {"every-" + core::format_date(core::LocalTime{start.time_since_epoch()}), start};
}

std::string order_dedup_key(const Campaign& campaign, std::string_view order_id) {
  return campaign.name + ":order:" + std::string(order_id);
}

std::string customer_dedup_key(const Campaign& campaign, const Occurrence& occurrence,
                               std::string_view customer_key) {
  return campaign.name + ":" + occurrence.name + ":customer:" + std::string(customer_key);
}

KeyRange schedule_keys_from(const Campaign& campaign, const Occurrence& occurrence) {
  // ':' + 1 is ';', '-' + 1 is '.'.
  return {campaign.name + ":" + occurrence.name + ":",
          campaign.name + ":" + (campaign.schedule->every ? "every." : occurrence.name + ";")};
}

}  // namespace tsuikyaku::campaign
