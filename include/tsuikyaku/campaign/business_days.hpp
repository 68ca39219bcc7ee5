#pragma once

#include <utility>

#include "tsuikyaku/calendar/shop_days.hpp"
#include "tsuikyaku/campaign/campaign.hpp"
#include "tsuikyaku/core/duration.hpp"
#include "tsuikyaku/core/time.hpp"

// Schedules that know the shop's calendar (docs/calendar.md): business-day delays
// (`delay: 3bd`) and `send.skip`.

namespace tsuikyaku::campaign {

// When a triggered campaign falls due after its event: the event plus `delay`, or, for a
// delay in business days, the event's wall-clock time on the n-th open day after the
// event's local date (shipped Friday 16:00 with the weekend closed, 2bd: Tuesday 16:00).
core::Instant due_after(const Trigger& trigger, core::Instant event, const calendar::ShopDays& days,
                        const core::TimeZone& zone);

// The event times [first, last] whose due moment can fall within [from, until]: where
// the planner reads events from. Wider than exact for business days, never narrower.
std::pair<core::Instant, core::Instant> events_due_between(const Trigger& trigger,
                                                           core::Instant from, core::Instant until,
                                                           const calendar::ShopDays& days,
                                                           const core::TimeZone& zone);

// The last moment a message due at `due` may go out (planner.hpp's last_moment), moved on
// by the days of send.skip that hold a marketing message (marketing_days, as PlanInput
// has it): due on 30 December with 年末年始 skipped, its expiry counts from 4 January.
core::Instant held_last_moment(const Campaign& campaign, core::Instant due,
                               const std::optional<calendar::ShopDays>& marketing_days,
                               const std::optional<core::TimeOfDayRange>& quiet,
                               const core::TimeZone& zone);

// `send.skip`: t when its local date is open in skip (the days mail may go out), else
// 00:00 of the next such day.
core::Instant next_open_moment(core::Instant t, const calendar::ShopDays& skip,
                               const core::TimeZone& zone);

// The start of the run of days off skip that holds mail due at or before t, or t when t's
// date and the day before are open: a plan at t must read the events due since then.
core::Instant held_since(core::Instant t, const calendar::ShopDays& skip,
                         const core::TimeZone& zone);

}  // namespace tsuikyaku::campaign
