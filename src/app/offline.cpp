#include "tsuikyaku/app/offline.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "planning_internal.hpp"
#include "tsuikyaku/config/campaigns.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/render/message.hpp"
#include "tsuikyaku/render/note.hpp"
#include "tsuikyaku/store/ledger_queue.hpp"

namespace tsuikyaku::app {
namespace {

using campaign::Campaign;

// The rows rendered by their campaigns (a row of a campaign no longer in the workspace
// keeps its place, with no text).
std::vector<OfflineItem> rendered(Workspace& ws, std::vector<store::OfflineRow> rows,
                                  core::Instant now) {
  const std::vector<Campaign> campaigns = config::load_valid_campaigns(ws.config);
  std::vector<OfflineItem> out;
  for (store::OfflineRow& row : rows) {
    OfflineItem item;
    const auto c = std::find_if(campaigns.begin(), campaigns.end(),
                                [&](const Campaign& x) { return x.name == row.campaign; });
    if (c != campaigns.end()) {
      const render::MessageRequest request =
          message_request(ws, *c, row.customer_id, row.order_id, row.coupon_code, now, "");
      render::RenderedNote note = render::render_note(request);
      item.item = c->insert_item;
      item.heading = std::move(note.heading);
      item.text = std::move(note.text);
      item.html = std::move(note.html);
    }
    item.row = std::move(row);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

OfflineList packing_list(Workspace& ws, core::Instant now) {
  OfflineList out;
  out.as_of = now;
  queue_due_of(ws, {now, std::nullopt}, campaign::Channel::insert);
  out.items = rendered(ws, store::queued_inserts(ws.db), now);
  return out;
}

std::vector<std::optional<std::int64_t>> record_packed(Workspace& ws,
                                                       const std::vector<std::string>& orders,
                                                       core::Instant now) {
  std::vector<std::optional<std::int64_t>> out;
  store::in_write_transaction(ws.db, [&] {
    store::settle_inserts(ws.db, now);
    for (const std::string& order : orders) {
      out.push_back(store::mark_inserts_packed(ws.db, order, now));
    }
  });
  return out;
}

std::string batch_name(Workspace& ws, const std::optional<std::string>& campaign,
                       core::Instant now) {
  const core::CivilFields f = core::civil(ws.config.shop.timezone.to_local(now));
  std::string name = fmt::format("post-{:04}-{:02}-{:02}", f.year, f.month, f.day);
  if (campaign) name += "-" + *campaign;
  return name;
}

OfflineList postal_batch(Workspace& ws, const std::optional<std::string>& campaign,
                         core::Instant now) {
  if (campaign) {
    const std::vector<Campaign> all = config::load_valid_campaigns(ws.config);
    const Campaign& named = find_campaign(all, *campaign);
    if (named.channel != campaign::Channel::postal) {
      throw core::Error(core::ErrorKind::usage,
                        fmt::format("--campaign: '{}' is a campaign of channel {}, not postal",
                                    named.name, campaign::to_string(named.channel)));
    }
  }
  OfflineList out;
  out.as_of = now;
  out.batch = batch_name(ws, campaign, now);
  const QueueResult queued = queue_due_of(ws, {now, campaign}, campaign::Channel::postal);
  for (const CampaignQueue& q : queued.campaigns) {
    for (const auto& [reason, n] : q.skipped) {
      out.skipped[std::string(campaign::to_string(reason))] += n;
    }
  }
  std::vector<store::OfflineRow> rows;
  store::in_write_transaction(
      ws.db, [&] { rows = store::gather_postal_batch(ws.db, out.batch, campaign, now); });
  out.items = rendered(ws, std::move(rows), now);
  return out;
}

store::BatchDone record_posted(Workspace& ws, const std::string& batch, core::Instant now) {
  store::BatchDone done;
  store::in_write_transaction(ws.db, [&] { done = store::mark_batch_posted(ws.db, batch, now); });
  if (done.marked == 0 && done.before == 0) {
    throw core::Error(core::ErrorKind::usage,
                      fmt::format("post done: no batch '{}'; `tsuikyaku post` prints the "
                                  "batch's name, like post-2026-12-03",
                                  batch));
  }
  return done;
}

}  // namespace tsuikyaku::app
