#include "tsuikyaku/campaign/occurrence.hpp"

namespace tsuikyaku::campaign {

Occurrence occurrence_at(const Campaign& campaign, const core::TimeZone& zone, core::Instant at) {
  const Schedule& schedule = *campaign.schedule;
  if (schedule.on) return {"on-" + core::format_date(*schedule.on), zone.to_instant(*schedule.on)};
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
          campaign.name + ":" + (campaign.schedule->on ? occurrence.name + ";" : "every.")};
}

}  // namespace tsuikyaku::campaign
