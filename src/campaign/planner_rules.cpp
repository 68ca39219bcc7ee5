#include <algorithm>

#include "planner_state.hpp"
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
  if (campaign.trigger) {
    const auto order = lookup.orders.find(c.order);
    if (order != lookup.orders.end() && is_cancelled(*order->second, as_of)) {
      return Reason::cancelled;
    }
    if (!campaign.segments.empty()) {
      // The audience when due: a newer order by then makes a "new" customer "repeat".
      const auto segment = input.segment_at(c.customer, c.due_at);
      c.segment = segment.value_or("");
      if (!in_audience(campaign, segment)) return Reason::audience;
    }
  }
  const auto customer = lookup.customers.find(c.customer);
  if (customer == lookup.customers.end() || !core::is_valid_address(customer->second->email)) {
    return Reason::no_address;
  }
  const bool marketing = campaign.kind == Kind::marketing;
  const auto suppressed = input.suppressions.find(core::address_match_key(customer->second->email));
  if (suppressed != input.suppressions.end()) {
    // A bounced address gets nothing; an unsubscribed one still gets mail about its own
    // orders (SPEC §6, §9).
    if (suppressed->second == Suppression::bounced) return Reason::bounced;
    if (marketing) {
      c.detail = to_string(suppressed->second);
      return Reason::unsubscribed;
    }
  }
  if (marketing && !customer->second->accepts_marketing) return Reason::no_consent;
  return Reason::none;
}

}  // namespace

Instant last_moment(const Campaign& campaign, Instant due) {
  if (campaign.trigger) return due + campaign.trigger->expires;
  if (campaign.schedule->on) return due + campaign.schedule->expires;
  return Instant::max();  // an `every` occurrence is always current
}

std::vector<PoolUse> PlannerState::pool_use() const {
  std::vector<PoolUse> out;
  for (const auto& [pool, count] : left) {
    const auto given = assigned.find(pool);
    const std::int64_t n = given == assigned.end() ? 0 : given->second;
    const auto all = totals.find(pool);
    const std::int64_t total = all == totals.end() ? count + n : all->second;
    out.push_back(
        {pool, count, total, n, pool_running_low(count, total) || short_pools.count(pool) > 0});
  }
  return out;
}

std::vector<Candidate> evaluate(const PlanInput& input, PlannerState& state, Instant window_start,
                                Instant window_end) {
  const Instant as_of = window_end - std::chrono::seconds{1};
  std::vector<Candidate> candidates = due_candidates(input, state, window_start, as_of);
  sort_candidates(candidates, [&](std::size_t a, std::size_t b) {
    return std::tie(candidates[a].due_at, candidates[a].dedup_key) <
           std::tie(candidates[b].due_at, candidates[b].dedup_key);
  });
  const Lookup& lookup = state.lookup;
  std::map<std::string, Instant> waiting;  // marketing that waits holds its customer's turn
  for (Candidate& c : candidates) {
    const Campaign& campaign = *lookup.campaigns.at(c.campaign);
    const Instant expiry = last_moment(campaign, c.due_at);
    Instant earliest =
        next_allowed(std::max(c.due_at, window_start), input.quiet_hours, input.zone);
    c.outcome = Outcome::skip;
    c.reason = skip_reason(input, lookup, campaign, c, as_of);
    if (c.reason == Reason::none && earliest > expiry) c.reason = Reason::expired;
    if (c.reason != Reason::none) continue;

    const bool marketing = campaign.kind == Kind::marketing;
    bool cooling = false;
    if (marketing) {
      for (const auto* last : {&state.ledger.last_marketing, &waiting}) {
        const auto it = last->find(c.customer);
        if (it == last->end() || it->second + input.marketing_cooldown <= earliest) continue;
        earliest =
            next_allowed(it->second + input.marketing_cooldown, input.quiet_hours, input.zone);
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
      c.reason = cooling ? Reason::cooldown : Reason::quiet_hours;
      if (marketing) waiting[c.customer] = earliest;
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
    if (marketing) state.ledger.last_marketing[c.customer] = earliest;
    state.ledger.last_of_campaign[{c.campaign, c.customer}] = earliest;
    if (!pool.empty()) {
      --state.left[pool];
      ++state.assigned[pool];
    }
  }
  return candidates;
}

}  // namespace tsuikyaku::campaign
