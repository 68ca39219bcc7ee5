#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/campaign/campaign.hpp"
#include "tsuikyaku/store/offline.hpp"

// `tsuikyaku inserts` and `tsuikyaku post` (docs/offline.md): plan the offline campaigns
// into the ledger, list what waits to be packed or posted with its rendered text, and
// record it once the owner has done it.

namespace tsuikyaku::app {

// One insert or postcard, rendered.
struct OfflineItem {
  store::OfflineRow row;
  std::string item;     // an insert's `item:`
  std::string heading;  // the subject when the campaign has one (a postcard's heading)
  std::string text;     // the note or message as plain text
  std::string html;     // the same as an HTML fragment
};

struct OfflineList {
  core::Instant as_of;
  std::string batch;  // post: the batch's name
  std::vector<OfflineItem> items;
  std::map<std::string, std::int64_t> skipped;  // post: by reason, what this run skipped
};

// Plans the insert campaigns as of now, settles the inserts whose order shipped or was
// cancelled, and lists the queued ones by order.
OfflineList packing_list(Workspace& ws, core::Instant now);

// `inserts done ORDER…`: per order, how many inserts it recorded packed (0: none waited),
// or nullopt for an order the database does not have.
std::vector<std::optional<std::int64_t>> record_packed(Workspace& ws,
                                                       const std::vector<std::string>& orders,
                                                       core::Instant now);

// "post-2026-12-03", with "-NAME" for one campaign: the batch of that local day.
std::string batch_name(Workspace& ws, const std::optional<std::string>& campaign,
                       core::Instant now);

// Plans the postal campaigns (or the one named) as of now and gathers the batch due.
OfflineList postal_batch(Workspace& ws, const std::optional<std::string>& campaign,
                         core::Instant now);

// `post done BATCH`. A usage error when no row ever belonged to the batch.
store::BatchDone record_posted(Workspace& ws, const std::string& batch, core::Instant now);

}  // namespace tsuikyaku::app
