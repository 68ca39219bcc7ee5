#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/campaign/planner.hpp"
#include "tsuikyaku/render/message.hpp"

// Planning from the database (SPEC §6, §8.1): the store reads the facts, the pure planner
// (campaign/planner.hpp) decides, and queue_due records the decisions in the ledger. Used
// by `send`, `campaigns`, `plan` and `preview`.
//
// What a run looks at. A message whose last moment to go out (due + expires) came before
// the previous planning run is history: it is neither planned nor recorded. The previous
// run is the newest ledger row at or before now, at most 30 days back; on an empty ledger it
// is now. So importing two years of orders queues and records nothing for last year's
// customers, and a daily cron job still records, as skipped, every message that expired
// between two runs (nothing due is silently dropped, SPEC §8.1). Orders are read through
// the indexes on their event times, only those the campaigns' delay and expires can reach.
//
// Segments at a moment. The planner asks for a customer's segment when a message falls due
// (the audience of a check-in is "new" when it is due, not when the order came in). A full
// segmentation per distinct moment would cost a scan of the orders each, so segments are
// computed per local day, from one read of the orders: a moment is answered with the
// segments at the end of its local day (the next midnight, shop.timezone), or at `now`
// when that comes first. Schedules are asked at now or at a midnight, so they are exact;
// so is a `send` for everything due today. An audience check of a message that fell due on
// an earlier day counts the orders of that whole day: a customer who ordered again later
// on the day the check-in fell due is already "repeat" for it.

namespace tsuikyaku::app {

struct PlanRequest {
  core::Instant now;                    // --as-of or the clock
  std::optional<std::string> campaign;  // --campaign NAME: only this one
};

// What has fallen due by now and is not in the ledger yet, and why not for the rest: the
// enabled campaigns (or the one asked for), in file order. Writes nothing. Throws a config
// error when a campaign file is invalid, a usage error for an unknown or disabled
// --campaign (suggesting the nearest name).
campaign::Plan plan_due(Workspace& ws, const PlanRequest& request);

struct CampaignQueue {
  std::string name;
  std::int64_t queued = 0;                           // rows this run added as `queued`
  std::map<campaign::Reason, std::int64_t> skipped;  // rows this run added as `skipped`
  std::int64_t later = 0;  // due, but waiting (quiet hours, cooldown): planned again later
  std::int64_t held = 0;   // of those, waiting for `campaigns start` (a first run held)
};

struct QueueResult {
  core::Instant as_of;
  std::vector<CampaignQueue> campaigns;  // every campaign planned, in file order
  std::vector<campaign::PoolUse> pools;  // free codes left after this run, and warnings
  std::int64_t segment_run = 0;          // the stored segment run; 0 when none was needed
};

// Plans as above and records the decisions in one BEGIN IMMEDIATE transaction: `send`
// candidates as `queued` rows (due_at, next_attempt_at = send_at, a pool's code assigned in
// the same transaction), `skip` candidates as `skipped` rows with their reason; `later` ones
// are not written. Every insert is ON CONFLICT (dedup_key) DO NOTHING, and planning reads
// under the write lock, so two runs, also two at once, never queue a message twice nor
// give a code twice. Syncs the campaigns' coupon pools from their files first
// (store::sync_coupon_pool), and stores the segment run it used (StoreRun::yes) when a
// campaign has an audience or a schedule.
QueueResult queue_due(Workspace& ws, const PlanRequest& request);

// The render request of one message, read from the store: the campaign, the shop, the
// customer (key, name, email, and segment from the newest stored segment run at or before
// date, else empty), the order when order_id is given, the coupon code. The request points
// at `campaign` and at ws.config.shop: both must outlive it. Throws a data error when the
// customer or the order is not in the database.
render::MessageRequest message_request(Workspace& ws, const campaign::Campaign& campaign,
                                       std::int64_t customer_id,
                                       std::optional<std::int64_t> order_id,
                                       std::string coupon_code, core::Instant date,
                                       std::string message_token);

// `tsuikyaku campaigns`: every campaign file, and what `send` would do now.
struct CampaignsOverview {
  core::Instant as_of;
  std::vector<campaign::Campaign> campaigns;  // every file, enabled or not, in file order
  campaign::Plan plan;                        // of the enabled ones, as plan_due
};
CampaignsOverview campaigns_overview(Workspace& ws, core::Instant now);

// `tsuikyaku plan --days N`: what will go out day by day (campaign::forecast), with the
// same look-back and segments as plan_due.
struct ForecastRequest {
  core::Instant now;
  int days = 14;
  std::optional<std::string> campaign;
};
struct ForecastResult {
  core::Instant as_of;
  std::vector<campaign::Campaign> campaigns;  // the campaigns planned, in file order
  std::vector<campaign::ForecastDay> days;
};
ForecastResult forecast_plan(Workspace& ws, const ForecastRequest& request);

}  // namespace tsuikyaku::app
