#include "tsuikyaku/app/planning.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "planning_internal.hpp"
#include "tsuikyaku/config/campaigns.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/store/campaign_starts.hpp"
#include "tsuikyaku/store/ledger_queue.hpp"
#include "tsuikyaku/store/offline.hpp"

namespace tsuikyaku::app {
namespace {

using campaign::Campaign;

// Whether planning asks for segments: an audience, or a schedule (whose audience is the
// customers with a segment).
bool asks_segments(const std::vector<Campaign>& campaigns) {
  return std::any_of(campaigns.begin(), campaigns.end(), [](const Campaign& c) {
    return !c.segments.empty() || c.schedule.has_value();
  });
}

campaign::Plan plan_of(Workspace& ws, const std::vector<Campaign>& campaigns, core::Instant now,
                       SegmentTimeline& timeline, const MarketingDays& marketing_days) {
  const PlanningWorld world(ws, campaigns, now, now, timeline, marketing_days);
  campaign::Plan plan = campaign::plan(world.input);
  drop_history(plan.candidates, campaigns, world);
  return plan;
}

store::NewMessage ledger_row(const Campaign& campaign, const campaign::Candidate& c,
                             const PlanningWorld& world) {
  store::NewMessage row;
  row.dedup_key = c.dedup_key;
  row.campaign = c.campaign;
  row.kind = c.kind;
  row.channel = campaign.channel;
  row.customer_id = world.customer_id(c.customer);
  if (!c.order.empty()) row.order_id = world.order_ids.at(c.order);
  row.occurrence = c.occurrence;
  row.due_at = c.due_at;
  row.send_at = c.send_at;
  if (c.outcome == campaign::Outcome::skip) {
    row.skip_reason = std::string(campaign::to_string(c.reason));
  } else if (campaign.coupon) {
    row.coupon_code = campaign.coupon->code;  // empty for a pool: assigned below
  }
  return row;
}

// Writes the plan's decisions and counts what this run added (another run may have
// planned some first).
std::vector<CampaignQueue> record(Workspace& ws, const std::vector<Campaign>& campaigns,
                                  const campaign::Plan& plan, const PlanningWorld& world) {
  std::vector<CampaignQueue> out;
  for (const Campaign& c : campaigns) out.push_back({c.name, 0, {}, 0, 0});
  for (const campaign::Candidate& c : plan.candidates) {
    const auto at = std::find_if(campaigns.begin(), campaigns.end(),
                                 [&](const Campaign& x) { return x.name == c.campaign; });
    CampaignQueue& counts = out[static_cast<std::size_t>(at - campaigns.begin())];
    if (c.outcome == campaign::Outcome::later) {
      ++counts.later;
      if (c.reason == campaign::Reason::not_started) ++counts.held;
      continue;
    }
    const auto id = store::insert_message(ws.db, ledger_row(*at, c, world), world.input.now);
    if (!id) continue;
    if (c.outcome == campaign::Outcome::skip) {
      ++counts.skipped[c.reason];
      continue;
    }
    if (++counts.queued == 1 && at->kind == campaign::Kind::marketing) {
      store::record_first_run(ws.db, at->name, world.input.now);
    }
    if (at->coupon && !at->coupon->pool.empty() &&
        !store::assign_coupon(ws.db, at->coupon->pool, *id, world.input.now)) {
      // Planned under the same write lock from the same rows: cannot happen.
      throw core::Error(core::ErrorKind::internal,
                        fmt::format("coupon pool {} ran out while queueing", at->coupon->pool));
    }
  }
  for (const CampaignQueue& counts : out) {
    store::record_campaign_hold(ws.db, counts.name, counts.held, world.input.now);
  }
  return out;
}

}  // namespace

std::vector<Campaign> planned(std::vector<Campaign> all, const std::optional<std::string>& only) {
  if (only) {
    const Campaign& chosen = find_campaign(all, *only);
    if (!chosen.enabled) {
      throw core::Error(core::ErrorKind::usage,
                        fmt::format("campaign '{}' is disabled (enabled: false in {})", chosen.name,
                                    chosen.places.file.file));
    }
    return {chosen};
  }
  std::erase_if(all, [](const Campaign& c) { return !c.enabled; });
  return all;
}

std::vector<Campaign> planned(Workspace& ws, const std::optional<std::string>& only) {
  return planned(config::load_valid_campaigns(ws.config), only);
}

campaign::Plan plan_due(Workspace& ws, const PlanRequest& request) {
  return plan_due_with(ws, request, config::marketing_days(ws.config));
}

campaign::Plan plan_due_with(Workspace& ws, const PlanRequest& request,
                             const MarketingDays& marketing_days) {
  const std::vector<Campaign> campaigns = planned(ws, request.campaign);
  SegmentTimeline timeline(ws, request.now);
  return plan_of(ws, campaigns, request.now, timeline, marketing_days);
}

QueueResult queue_due(Workspace& ws, const PlanRequest& request) {
  return queue_due_of(ws, request, std::nullopt);
}

QueueResult queue_due_of(Workspace& ws, const PlanRequest& request,
                         std::optional<campaign::Channel> channel) {
  return queue_due_of(ws, request, channel, config::marketing_days(ws.config));
}

QueueResult queue_due_of(Workspace& ws, const PlanRequest& request,
                         std::optional<campaign::Channel> channel,
                         const MarketingDays& marketing_days) {
  std::vector<Campaign> campaigns = planned(ws, request.campaign);
  if (channel) {
    std::erase_if(campaigns, [&](const Campaign& c) { return c.channel != *channel; });
  }
  QueueResult result;
  result.as_of = request.now;
  SegmentTimeline timeline(ws, request.now);
  // Stored before the write transaction below: storing a run is a transaction of its own.
  std::optional<SegmentMembership> exact;
  if (asks_segments(campaigns)) {
    exact = segment_membership(ws, request.now, request.now, StoreRun::yes);
    timeline.set_now(&*exact);
    result.segment_run = exact->run_id();
  }
  store::in_write_transaction(ws.db, [&] {
    // An insert whose parcel left, or whose order was cancelled, is no longer to pack.
    store::settle_inserts(ws.db, request.now);
    for (const Campaign& c : campaigns) {
      if (!c.coupon || c.coupon->pool.empty()) continue;
      store::sync_coupon_pool(ws.db, c.coupon->pool,
                              config::read_coupon_pool(ws.config.dir / c.coupon->pool));
    }
    const PlanningWorld world(ws, campaigns, request.now, request.now, timeline, marketing_days);
    campaign::Plan plan = campaign::plan(world.input);
    drop_history(plan.candidates, campaigns, world);
    result.campaigns = record(ws, campaigns, plan, world);
    result.pools = std::move(plan.pools);
  });
  return result;
}

CampaignsOverview campaigns_overview(Workspace& ws, core::Instant now) {
  CampaignsOverview out;
  out.as_of = now;
  out.campaigns = config::load_valid_campaigns(ws.config);
  SegmentTimeline timeline(ws, now);
  out.plan = plan_of(ws, planned(out.campaigns, std::nullopt), now, timeline,
                     config::marketing_days(ws.config));
  return out;
}

ForecastResult forecast_plan(Workspace& ws, const ForecastRequest& request) {
  ForecastResult out;
  out.as_of = request.now;
  out.campaigns = planned(ws, request.campaign);
  const core::TimeZone& zone = ws.config.shop.timezone;
  const auto today = std::chrono::floor<std::chrono::days>(zone.to_local(request.now));
  const core::Instant horizon = zone.to_instant(today + std::chrono::days{request.days});
  SegmentTimeline timeline(ws, request.now);
  const PlanningWorld world(ws, out.campaigns, request.now, horizon, timeline,
                            config::marketing_days(ws.config));
  out.days = campaign::forecast(world.input, request.days);
  for (campaign::ForecastDay& day : out.days) drop_history(day.skips, out.campaigns, world);
  return out;
}

}  // namespace tsuikyaku::app
