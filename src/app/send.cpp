#include "tsuikyaku/app/send.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <unordered_map>

#include "planning_internal.hpp"
#include "tsuikyaku/app/segments.hpp"
#include "tsuikyaku/campaign/business_days.hpp"
#include "tsuikyaku/campaign/never_send.hpp"
#include "tsuikyaku/campaign/planner.hpp"
#include "tsuikyaku/config/campaigns.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/store/ledger.hpp"
#include "tsuikyaku/store/message_facts.hpp"
#include "tsuikyaku/store/send_lock.hpp"

namespace tsuikyaku::app {
namespace {

using campaign::Campaign;

// The campaigns whose due rows a run claims: on a day of send.skip, transactional only.
std::vector<std::string> names_of(const std::vector<Campaign>& campaigns,
                                  const SendResult& result) {
  std::vector<std::string> names;
  for (const Campaign& c : campaigns) {
    if (result.marketing_held_until && c.kind == campaign::Kind::marketing) continue;
    names.push_back(c.name);
  }
  return names;
}

// The row cap of a run: the smaller of --limit and send.max_per_run.
std::int64_t cap_of(const Workspace& ws, const SendRequest& request) {
  const std::int64_t cap = ws.config.send.max_per_run;
  return request.limit ? std::min(*request.limit, cap) : cap;
}

class Tally {
 public:
  explicit Tally(const std::vector<Campaign>& campaigns) {
    for (const Campaign& c : campaigns) at(c.name);
  }

  SendCounts& at(const std::string& name) {
    const auto [it, added] = m_index.try_emplace(name, m_counts.size());
    if (added) {
      m_counts.emplace_back();
      m_counts.back().name = name;
    }
    return m_counts[it->second];
  }

  void add_queue(const std::vector<CampaignQueue>& queue) {
    for (const CampaignQueue& q : queue) {
      SendCounts& counts = at(q.name);
      counts.queued += q.queued;
      counts.held += q.held;
      for (const auto& [reason, n] : q.skipped) {
        counts.skipped += n;
        counts.skipped_by_reason[reason] += n;
      }
    }
  }

  void add_delivery(const DeliverResult& delivered) {
    for (const CampaignDelivery& d : delivered.campaigns) {
      SendCounts& counts = at(d.name);
      counts.sent += d.sent;
      counts.deferred += d.deferred;
      counts.failed += d.failed;
      counts.bounced += d.bounced;
      counts.unknown += d.unknown;
      for (const auto& [reason, n] : d.skipped) {
        counts.skipped += n;
        counts.skipped_by_reason[reason] += n;
      }
    }
  }

  void add_waiting(const std::vector<std::pair<std::string, std::int64_t>>& due) {
    for (const auto& [name, count] : due) at(name).waiting += count;
  }

  void finish(SendResult& result) {
    result.totals = SendCounts{};
    result.totals.name = "total";
    SendCounts& t = result.totals;
    for (const SendCounts& c : m_counts) {
      t.queued += c.queued;
      t.sent += c.sent;
      t.deferred += c.deferred;
      t.failed += c.failed;
      t.bounced += c.bounced;
      t.skipped += c.skipped;
      t.unknown += c.unknown;
      t.waiting += c.waiting;
      t.held += c.held;
      for (const auto& [reason, n] : c.skipped_by_reason) t.skipped_by_reason[reason] += n;
    }
    result.campaigns = std::move(m_counts);
  }

 private:
  std::vector<SendCounts> m_counts;
  std::unordered_map<std::string, std::size_t> m_index;
};

// The render callback of deliver(): on its own connection to the database, so that the
// render thread shares nothing with the ledger writes of the delivery threads.
class Renderer {
 public:
  Renderer(const Workspace& ws, const std::vector<Campaign>& campaigns, core::Instant now)
      : m_ws{ws.config, store::Database::open(ws.db.path())}, m_campaigns(campaigns), m_now(now) {}

  mail::OutgoingMessage operator()(const store::LedgerRow& row) {
    const Campaign& campaign = find_campaign(m_campaigns, row.campaign);
    return render_outgoing(message_request(m_ws, campaign, row.customer_id, row.order_id,
                                           row.coupon_code, m_now, message_token(row, m_now)),
                           row.id, m_ws.config.send.return_path);
  }

 private:
  Workspace m_ws;
  const std::vector<Campaign>& m_campaigns;
  core::Instant m_now;
};

// A customer's segment as the run sees it now (nullopt: in none), for the last check.
using SegmentNow = std::function<std::optional<std::string>(std::int64_t customer_id)>;

// The last check (docs/sending.md): the planner's judgement of a row made again
// (campaign::never_send), on the database as it is when the row would become `sending`, so
// that a suppression, a withdrawn consent or a cancelled order since it was queued holds;
// the campaign's audience against the customer's segment now (segment_now: the run's
// segments, which see every import committed before the run) and against what the
// customer has bought by now (the product audience, read now: an order committed a moment
// ago counts, and a cancelled one no longer does); and its expiry, against the run's now.
// A few look-ups by primary key, and one of the customer's orders and lines by index when
// the campaign has a product audience.
campaign::Reason last_check(Workspace& ws, const std::vector<Campaign>& campaigns,
                            const MarketingDays& marketing_days, const SegmentNow& segment_now,
                            const store::LedgerRow& row, core::Instant now) {
  store::Database& db = ws.db;
  const Campaign& campaign = find_campaign(campaigns, row.campaign);
  const store::LastCheckFacts facts =
      store::load_last_check_facts(db, row.customer_id, row.order_id);
  campaign::NeverSendFacts judged;
  judged.customer = facts.customer ? &*facts.customer : nullptr;
  judged.order = facts.order ? &*facts.order : nullptr;
  judged.suppression = facts.suppression;
  const campaign::Reason reason = campaign::never_send(campaign, judged, now).reason;
  if (reason != campaign::Reason::none) return reason;
  if (!campaign.segments.empty() &&
      !campaign::in_audience(campaign, segment_now(row.customer_id))) {
    return campaign::Reason::audience;
  }
  if (!campaign.products.empty()) {
    const std::vector<campaign::Purchase> bought =
        store::load_customer_purchases(db, row.customer_id, now);
    if (!campaign::in_product_audience(campaign.products, &bought, now)) {
      return campaign::Reason::audience;
    }
  }
  const core::Instant last = campaign::held_last_moment(
      campaign, row.due_at, marketing_days, ws.config.send.quiet_hours, ws.config.shop.timezone);
  return now > last ? campaign::Reason::expired : campaign::Reason::none;
}

// --dry-run: what planning would queue and skip, and the messages that would go out,
// rendered (a broken template shows here as it would in the run), writing nothing.
void dry_run(Workspace& ws, const SendRequest& request, const std::vector<Campaign>& campaigns,
             const MarketingDays& marketing_days, Tally& tally, SendResult& result) {
  const campaign::Plan plan = plan_due_with(ws, {request.now, request.campaign}, marketing_days);
  std::vector<CampaignQueue> queue;
  for (const Campaign& c : campaigns) queue.push_back({c.name, 0, {}, 0, 0});
  for (const campaign::Candidate& c : plan.candidates) {
    auto& q = *std::find_if(queue.begin(), queue.end(),
                            [&](const CampaignQueue& x) { return x.name == c.campaign; });
    if (c.outcome == campaign::Outcome::send) ++q.queued;
    if (c.outcome == campaign::Outcome::skip) ++q.skipped[c.reason];
    if (c.reason == campaign::Reason::not_started) ++q.held;
  }
  tally.add_queue(queue);
  result.pools = plan.pools;
  if (result.quiet_until) return;

  std::int64_t room = cap_of(ws, request);
  const auto due = store::claim_due(ws.db, {request.now, names_of(campaigns, result), room});
  const auto add = [&](const Campaign& campaign, std::int64_t customer_id,
                       std::optional<std::int64_t> order_id, std::string coupon, bool in_ledger) {
    const render::MessageRequest message_for = message_request(
        ws, campaign, customer_id, order_id, std::move(coupon), request.now, "dry-run");
    const render::RenderedMessage message = render::render_message(message_for);
    result.would_send.push_back(
        {campaign.name, message_for.customer.key, message.recipient, message.subject, in_ledger});
    ++tally.at(campaign.name).sent;
    --room;
  };
  // The rows already queued meet the last check as the run would make it, on segments
  // computed here (only when a due row's campaign has an audience).
  std::optional<SegmentMembership> membership;
  const SegmentNow segment_now = [&](std::int64_t customer_id) -> std::optional<std::string> {
    if (!membership) membership = segment_membership(ws, request.now, request.now, StoreRun::no);
    const auto segment = membership->segment_of(customer_id);
    return segment ? std::optional<std::string>(*segment) : std::nullopt;
  };
  for (const store::LedgerRow& row : due) {
    const Campaign& campaign = find_campaign(campaigns, row.campaign);
    const campaign::Reason refused =
        last_check(ws, campaigns, marketing_days, segment_now, row, request.now);
    if (refused != campaign::Reason::none) {
      SendCounts& counts = tally.at(campaign.name);
      ++counts.skipped;
      ++counts.skipped_by_reason[refused];
      continue;
    }
    add(campaign, row.customer_id, row.order_id, row.coupon_code, true);
  }
  struct FreeCodes {
    std::vector<std::string> codes;
    std::size_t next = 0;
  };
  std::map<std::string, FreeCodes> free_codes;  // by pool, handed out in order
  for (const campaign::Candidate& c : plan.candidates) {
    if (room <= 0) break;
    if (c.outcome != campaign::Outcome::send) continue;
    const Campaign& campaign = find_campaign(campaigns, c.campaign);
    std::string code;
    if (campaign.coupon && campaign.coupon->pool.empty()) code = campaign.coupon->code;
    if (campaign.coupon && !campaign.coupon->pool.empty()) {
      const std::string& pool = campaign.coupon->pool;
      auto [free, added] = free_codes.try_emplace(pool);
      if (added) free->second.codes = free_coupon_codes(ws, pool);
      if (free->second.next < free->second.codes.size()) {
        code = free->second.codes[free->second.next++];
      }
    }
    const auto customer_id = store::find_customer(ws.db, c.customer);
    std::optional<std::int64_t> order_id;
    if (!c.order.empty()) order_id = store::find_order(ws.db, c.order).value().id;
    add(campaign, customer_id.value(), order_id, std::move(code), false);
  }
}

}  // namespace

SendResult send(Workspace& ws, const SendRequest& request, const core::Clock& clock) {
  const core::TimeZone& zone = ws.config.shop.timezone;
  SendResult result;
  result.as_of = request.now;
  result.dry_run = request.dry_run;
  result.rehearsal = request.redirect_to.has_value();
  result.transport = ws.config.smtp ? "smtp" : "outbox";
  result.first_run_limit = ws.config.send.first_run_limit;
  const std::vector<Campaign> campaigns = planned(ws, request.campaign);
  Tally tally(campaigns);
  if (const core::Instant allowed =
          campaign::next_allowed(request.now, ws.config.send.quiet_hours, zone);
      allowed != request.now) {
    result.quiet_until = allowed;
  }
  // Read once: planning, its event windows and the last check's expiry all count with it.
  const MarketingDays marketing_days = config::marketing_days(ws.config);
  if (marketing_days) {
    const core::Instant open = campaign::next_open_moment(request.now, *marketing_days, zone);
    if (open != request.now) result.marketing_held_until = open;
  }
  if (request.dry_run) {
    dry_run(ws, request, campaigns, marketing_days, tally, result);
    tally.finish(result);
    return result;
  }

  // Sample content never reaches a customer; a rehearsal to one address may carry it.
  if (!request.redirect_to) config::refuse_sample_content(ws.config);
  const store::SendLock lock = store::SendLock::acquire(ws.db.path(), clock.now(), zone);
  const std::unique_ptr<mail::Transport> transport = open_transport(ws.config, request.env);
  result.interrupted = store::recover_interrupted(ws.db, request.now);
  if (request.retry_unknown) {
    result.retried = store::retry_unknown(ws.db, request.now, request.campaign);
  }
  const QueueResult queued =
      queue_due_of(ws, {request.now, request.campaign}, std::nullopt, marketing_days);
  tally.add_queue(queued.campaigns);
  result.pools = queued.pools;

  if (!result.quiet_until && !campaigns.empty()) {
    const auto rows =
        store::claim_due(ws.db, {request.now, names_of(campaigns, result), cap_of(ws, request)});
    store::SendRunStart run;
    run.identity = store::current_run_identity();
    run.started_at = clock.now();
    run.as_of = request.now;
    run.transport = transport->name();
    const std::int64_t run_id = store::start_send_run(ws.db, run);
    DeliverRequest deliver_with = deliver_request(ws.config, request.now, run_id);
    deliver_with.redirect_to = request.redirect_to;
    const SegmentNow segment_now = [&ws, run = queued.segment_run](std::int64_t customer_id) {
      return store::segment_in_run(ws.db, run, customer_id);
    };
    deliver_with.last_check = [&ws, &campaigns, &segment_now, &marketing_days,
                               now = request.now](const store::LedgerRow& row) {
      return last_check(ws, campaigns, marketing_days, segment_now, row, now);
    };
    Renderer render(ws, campaigns, request.now);
    const DeliverResult delivered = deliver(
        ws.db, *transport, rows, deliver_with,
        [&render](const store::LedgerRow& row) { return render(row); }, request.progress);
    store::finish_send_run(ws.db, run_id, clock.now());
    tally.add_delivery(delivered);
    result.tally = delivered.tally;
    result.stopped = delivered.stopped;
  }
  if (!campaigns.empty()) {
    tally.add_waiting(store::count_due(ws.db, request.now, names_of(campaigns, result)));
  }
  tally.finish(result);
  return result;
}

core::ExitCode send_exit_code(const SendResult& result) {
  delivery::RunTally tally = result.tally;
  tally.unknown += static_cast<int>(result.interrupted);
  return delivery::exit_code(tally);
}

}  // namespace tsuikyaku::app
