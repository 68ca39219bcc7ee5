#include <algorithm>
#include <functional>
#include <optional>
#include <set>

#include "planner_state.hpp"
#include "tsuikyaku/campaign/business_days.hpp"
#include "tsuikyaku/campaign/never_send.hpp"
#include "tsuikyaku/campaign/occurrence.hpp"
#include "tsuikyaku/core/email.hpp"
#include "tsuikyaku/segment/activity.hpp"

// The rules of SPEC §6, §8.1 and §9 applied to one candidate after another, in the order
// they fell due, so that the cooldown and the coupon pools go to whoever was due first.

namespace tsuikyaku::campaign {
namespace {

using core::Instant;

// An order that does not count for segments (segment/activity.hpp), or cancelled by then.
bool is_cancelled(const OrderFacts& order, Instant at) {
  return !segment::is_counted_status(order.status) ||
         (order.cancelled_at && *order.cancelled_at <= at);
}

// The reason a candidate is never sent, judged before any waiting.
Reason skip_reason(const PlanInput& input, const Lookup& lookup, const Campaign& campaign,
                   Candidate& c, Instant as_of) {
  NeverSendFacts facts;
  if (const auto order = lookup.orders.find(c.order); order != lookup.orders.end()) {
    facts.order = order->second;
  }
  if (const auto customer = lookup.customers.find(c.customer); customer != lookup.customers.end()) {
    facts.customer = customer->second;
    const auto suppressed =
        input.suppressions.find(core::address_match_key(customer->second->email));
    if (suppressed != input.suppressions.end()) facts.suppression = suppressed->second;
  }
  // The audience when due: a newer order by then makes a "new" customer "repeat".
  facts.segment = [&] { return input.segment_at(c.customer, c.due_at); };
  if (!campaign.products.empty()) {
    facts.bought = [&] {
      return in_product_audience(campaign.products, purchases_of(input, c.customer), c.due_at);
    };
  }
  NeverSend judged = never_send(campaign, facts, as_of);
  if (judged.segment) c.segment = *judged.segment;
  if (!judged.detail.empty()) c.detail = std::move(judged.detail);
  return judged.reason;
}

// Why a campaign's next send must wait for its start or another day; none when it may go.
Reason start_wait(const PlanInput& input, const PlannerState& state, const std::string& campaign) {
  if (state.held.count(campaign) > 0) return Reason::not_started;
  const auto start = input.starts.find(campaign);
  if (start == input.starts.end() || !start->second.daily_limit) return Reason::none;
  const auto today = state.planned_today.find(campaign);
  const std::int64_t planned = today == state.planned_today.end() ? 0 : today->second;
  return planned >= *start->second.daily_limit ? Reason::daily_limit : Reason::none;
}

// Whether the campaign's sends in this window would be its first mail, so its first run.
bool awaits_start(const PlanInput& input, const PlannerState& state, const Campaign& campaign) {
  if (campaign.kind != Kind::marketing || !campaign.enabled) return false;
  if (campaign.channel != Channel::email) return false;  // printed by the owner, not mailed
  if (state.held.count(campaign.name) > 0 || state.mailing.count(campaign.name) > 0) return false;
  const auto start = input.starts.find(campaign.name);
  return start == input.starts.end() || !start->second.started;
}

}  // namespace

NeverSend never_send(const Campaign& campaign, const NeverSendFacts& facts, Instant as_of) {
  NeverSend judged;
  const auto judge = [&](Reason reason) {
    judged.reason = reason;
    return judged;
  };
  if (campaign.trigger) {
    if (facts.order && is_cancelled(*facts.order, as_of)) return judge(Reason::cancelled);
    if (!campaign.segments.empty() && facts.segment) {
      const auto segment = facts.segment();
      judged.segment = segment.value_or("");
      if (!in_audience(campaign, segment)) return judge(Reason::audience);
    }
    if (facts.bought && !facts.bought()) return judge(Reason::audience);
  }
  // What each channel needs, and which suppressions stop it (docs/offline.md).
  const Channel channel = campaign.channel;
  if (!facts.customer) return judge(Reason::no_address);
  if (channel == Channel::email && !core::is_valid_address(facts.customer->email)) {
    return judge(Reason::no_address);
  }
  if (channel == Channel::postal && !facts.customer->postal_address) {
    return judge(Reason::no_postal_address);
  }
  const bool marketing = campaign.kind == Kind::marketing;
  if (facts.suppression) {
    // A bounced address gets no mail; an unsubscribed one still gets mail about its own
    // orders (SPEC §6, §9); no_post stops postal mail only.
    const Suppression reason = *facts.suppression;
    if (reason == Suppression::bounced) {
      if (channel == Channel::email) return judge(Reason::bounced);
    } else if (reason == Suppression::no_post) {
      if (channel == Channel::postal) return judge(Reason::no_post);
    } else if (marketing) {
      judged.detail = to_string(reason);
      return judge(Reason::unsubscribed);
    }
  }
  if (marketing && !facts.customer->accepts_marketing) return judge(Reason::no_consent);
  return judge(Reason::none);
}

std::vector<Candidate> evaluate_window(const PlanInput& input, PlannerState& state,
                                       Instant window_start, Instant window_end) {
  std::set<std::string> waiting;
  for (const Campaign& c : input.campaigns) {
    if (awaits_start(input, state, c)) waiting.insert(c.name);
  }
  std::vector<Candidate> candidates = due_in_order(input, state, window_start, window_end);
  const auto mailing = [&] {
    for (const Candidate& c : candidates) {
      if (c.outcome == Outcome::send) state.mailing.insert(c.campaign);
    }
  };
  if (waiting.empty()) {
    decide(input, state, candidates, window_start, window_end, nullptr);
    mailing();
    return candidates;
  }
  // A trial decides who the first runs would mail; the first campaign to go over the
  // limit is then held and the window decided again, so that its sends give their turn and
  // codes to others, until no other first run goes over the limit with what it was given.
  // The candidates are the same in every trial (a trial starts from the same state), so
  // they are made once, and a trial stops where a first run goes over the limit.
  std::set<std::string> held;
  while (true) {
    PlannerState trial = state;
    trial.held.insert(held.begin(), held.end());
    std::map<std::string, std::set<std::string>> customers;
    std::optional<std::string> over;
    decide(input, trial, candidates, window_start, window_end, [&](const Candidate& c) {
      if (c.outcome != Outcome::send || waiting.count(c.campaign) == 0) return false;
      std::set<std::string>& who = customers[c.campaign];
      who.insert(c.customer);
      if (static_cast<std::int64_t>(who.size()) <= input.first_run_limit) return false;
      over = c.campaign;
      return true;
    });
    if (!over) {
      state = std::move(trial);
      mailing();
      return candidates;
    }
    held.insert(*over);
  }
}

Instant last_moment(const Campaign& campaign, Instant due, const core::TimeZone& zone) {
  if (campaign.trigger) return due + campaign.trigger->expires;
  if (campaign.schedule->on) return due + campaign.schedule->expires;
  if (campaign.schedule->yearly)
    return occurrence_at(campaign, zone, due).end - std::chrono::seconds{1};
  return Instant::max();  // an `every` occurrence is always current
}

std::vector<PoolUse> PlannerState::pool_use() const {
  std::vector<PoolUse> out;
  for (const auto& [pool, count] : left) {
    const auto given = assigned.find(pool);
    const std::int64_t n = given == assigned.end() ? 0 : given->second;
    const auto all = totals->find(pool);
    const std::int64_t total = all == totals->end() ? count + n : all->second;
    out.push_back(
        {pool, count, total, n, pool_running_low(count, total) || short_pools.count(pool) > 0});
  }
  return out;
}

std::vector<Candidate> due_in_order(const PlanInput& input, const PlannerState& state,
                                    Instant window_start, Instant window_end) {
  const Instant as_of = window_end - std::chrono::seconds{1};
  std::vector<Candidate> candidates = due_candidates(input, state, window_start, as_of);
  sort_candidates(candidates, [&](std::size_t a, std::size_t b) {
    return std::tie(candidates[a].due_at, candidates[a].dedup_key) <
           std::tie(candidates[b].due_at, candidates[b].dedup_key);
  });
  return candidates;
}

void decide(const PlanInput& input, PlannerState& state, std::vector<Candidate>& candidates,
            Instant window_start, Instant window_end,
            const std::function<bool(const Candidate&)>& stop) {
  const Instant as_of = window_end - std::chrono::seconds{1};
  const Lookup& lookup = *state.lookup;
  std::map<std::string, Instant> waiting;  // marketing that waits holds its customer's turn
  for (Candidate& c : candidates) {
    const Campaign& campaign = *lookup.campaigns.at(c.campaign);
    const bool marketing = campaign.kind == Kind::marketing;
    const bool mail = campaign.channel == Channel::email;
    const auto quiet = [&](Instant t) {
      return mail ? next_allowed(t, input.quiet_hours, input.zone) : t;
    };
    // Mail outside quiet hours and, for marketing, off the days of send.skip.
    const auto allowed = [&](Instant t) {
      const Instant after_quiet = quiet(t);
      if (!mail || !marketing || !input.marketing_days) return after_quiet;
      const Instant open = next_open_moment(after_quiet, *input.marketing_days, input.zone);
      return open == after_quiet ? after_quiet : quiet(open);
    };
    // A day of send.skip holds what falls due on it: the expiry counts from the next open
    // day, so a closure never expires what it held.
    const Instant expiry = mail ? held_last_moment(campaign, c.due_at, input.marketing_days,
                                                   input.quiet_hours, input.zone)
                                : last_moment(campaign, c.due_at, input.zone);
    const Instant start = std::max(c.due_at, window_start);
    const bool skip_day = allowed(start) != quiet(start);
    Instant earliest = allowed(start);
    c.detail.clear();  // a trial before may have set it (evaluate_window)
    c.outcome = Outcome::skip;
    c.reason = skip_reason(input, lookup, campaign, c, as_of);
    if (c.reason == Reason::none && earliest > expiry) c.reason = Reason::expired;
    if (c.reason != Reason::none) continue;

    bool cooling = false;
    if (marketing) {
      // The last marketing touch of any channel counts (docs/offline.md).
      const auto per_channel = input.channel_cooldown.find(campaign.channel);
      const std::chrono::seconds cooldown = per_channel == input.channel_cooldown.end()
                                                ? input.marketing_cooldown
                                                : per_channel->second;
      for (const auto* last : {&state.ledger.last_marketing, &waiting}) {
        const auto it = last->find(c.customer);
        if (it == last->end() || it->second + cooldown <= earliest) continue;
        earliest = allowed(it->second + cooldown);
        cooling = true;
      }
      if (earliest > expiry) {
        c.reason = Reason::cooldown;
        continue;
      }
    }
    // One that waits (cooldown, quiet hours) takes no code yet, and so cannot lack one:
    // the pool is asked when it goes out, not before (a skip would cost it the period).
    c.send_at = earliest;
    if (earliest >= window_end) {
      c.outcome = Outcome::later;
      c.reason = cooling ? Reason::cooldown : skip_day ? Reason::skip_day : Reason::quiet_hours;
      if (marketing) waiting[c.customer] = earliest;
      continue;
    }
    // A held first run, or a campaign at its daily limit, waits like quiet hours: it
    // takes no code and holds nobody's turn.
    if (const Reason wait = start_wait(input, state, c.campaign); wait != Reason::none) {
      c.outcome = Outcome::later;
      c.reason = wait;
      continue;
    }
    const std::string& pool = campaign.coupon ? campaign.coupon->pool : std::string{};
    if (!pool.empty() && state.left[pool] <= 0) {
      c.reason = Reason::no_coupon;
      c.detail = pool;
      state.short_pools.insert(pool);
      continue;
    }
    c.outcome = Outcome::send;
    ++state.planned_today[c.campaign];
    if (marketing) state.ledger.last_marketing[c.customer] = earliest;
    state.ledger.last_of_campaign[{c.campaign, c.customer}] = earliest;
    if (!pool.empty()) {
      --state.left[pool];
      ++state.assigned[pool];
    }
    if (stop && stop(c)) return;
  }
}

}  // namespace tsuikyaku::campaign
