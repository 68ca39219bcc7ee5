#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/store/database.hpp"

// Which marketing campaigns may mail (docs/sending.md, "A campaign's first run"): a row per
// campaign that `campaigns start` started or whose first run mailed on its own.

namespace tsuikyaku::store {

enum class StartedBy {
  command,    // `tsuikyaku campaigns start`
  first_run,  // its first run was small enough to go out without one
};

struct CampaignStartRow {
  core::Instant started_at;
  StartedBy by = StartedBy::command;
  std::optional<std::int64_t> daily_limit;  // `campaigns start --limit N`
};

// Every started campaign, by name.
std::map<std::string, CampaignStartRow> load_campaign_starts(Database& db);

// Records a start; a campaign started again takes the new limit (none: no limit).
void record_campaign_start(Database& db, const std::string& campaign, const CampaignStartRow& row);

// Records that a campaign's first run mailed without a start, unless it is started already.
void record_first_run(Database& db, const std::string& campaign, core::Instant at);

// A first run held back by the last `send` (for `status`): how many messages, since when.
struct CampaignHold {
  std::string campaign;
  core::Instant held_at;
  std::int64_t messages = 0;
};
std::vector<CampaignHold> load_campaign_holds(Database& db);

// Records what a planning run held back of a campaign (0: nothing, the hold is cleared).
// A hold keeps the moment it began.
void record_campaign_hold(Database& db, const std::string& campaign, std::int64_t messages,
                          core::Instant at);

// The campaign's messages (not skipped) planned at or after `since`: what its daily limit
// has used up today. Reads the messages table once.
std::int64_t planned_since(Database& db, const std::string& campaign, core::Instant since);

}  // namespace tsuikyaku::store
