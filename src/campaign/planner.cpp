#include "tsuikyaku/campaign/planner.hpp"

#include <algorithm>

#include "planner_state.hpp"
#include "tsuikyaku/campaign/business_days.hpp"
#include "tsuikyaku/campaign/occurrence.hpp"
#include "tsuikyaku/campaign/yearly.hpp"
#include "tsuikyaku/segment/products.hpp"

namespace tsuikyaku::campaign {
namespace {

using core::Instant;

// The first of the campaign's events the order has by `at` (SPEC §6).
std::optional<std::pair<Event, Instant>> first_event(const OrderFacts& order,
                                                     const std::vector<Event>& events, Instant at) {
  for (const Event event : events) {
    const std::optional<Instant> when = event == Event::ordered   ? std::optional(order.ordered_at)
                                        : event == Event::shipped ? order.shipped_at
                                                                  : order.delivered_at;
    if (when && *when <= at) return std::pair(event, *when);
  }
  return std::nullopt;
}

Candidate base(const Campaign& campaign, std::string key, std::string customer) {
  Candidate c;
  c.campaign = campaign.name;
  c.kind = campaign.kind;
  c.dedup_key = std::move(key);
  c.customer = std::move(customer);
  return c;
}

void triggered(const PlanInput& input, const Campaign& campaign, const PlannerState& state,
               Instant as_of, std::vector<Candidate>& out) {
  for (const OrderFacts& order : input.orders) {
    const auto event = first_event(order, campaign.trigger->events, as_of);
    if (!event) continue;
    const Instant due = due_after(*campaign.trigger, event->second, input.days, input.zone);
    std::string key = order_dedup_key(campaign, order.id);
    if (due > as_of || state.has_key(key)) continue;
    Candidate c = base(campaign, std::move(key), order.customer);
    c.order = order.id;
    c.event = event->first;
    c.event_at = event->second;
    c.due_at = due;
    out.push_back(std::move(c));
  }
}

void scheduled(const PlanInput& input, const Campaign& campaign, const PlannerState& state,
               Instant window_start, Instant as_of, std::vector<Candidate>& out) {
  const Schedule& schedule = *campaign.schedule;
  const auto moment = audience_moment(campaign, input.zone, window_start, as_of);
  if (!moment) return;
  const Occurrence& occurrence = moment->occurrence;
  const Instant period_start = occurrence.start;
  const Instant asked = moment->asked;
  for (const CustomerFacts& customer : input.customers) {
    // The audience first: most customers of a shop are outside a segment's audience.
    const auto segment = input.segment_at(customer.key, asked);
    if (!in_audience(campaign, segment)) continue;
    if (!campaign.products.empty() &&
        !in_product_audience(campaign.products, purchases_of(input, customer.key), asked)) {
      continue;
    }
    std::string key = customer_dedup_key(campaign, occurrence, customer.key);
    if (state.has_key(key)) continue;
    Instant due = period_start;
    if (!schedule.on) {
      due = asked;
      if (input.entered_at) due = input.entered_at(customer.key, asked).value_or(asked);
      const auto last = state.ledger.last_of_campaign.find({campaign.name, customer.key});
      if (schedule.yearly) {
        due = std::max(due, period_start);  // a member from before the window: when it opens
      } else if (last != state.ledger.last_of_campaign.end()) {
        due = std::max(due, last->second + *schedule.every);
      }
      if (due > as_of) continue;
    }
    if (campaign.bought_around > 0) {
      const auto [from, until] = bought_around(due, campaign.bought_around, input.zone);
      if (!input.ordered_between || !input.ordered_between(customer.key, from, until)) continue;
    }
    Candidate c = base(campaign, std::move(key), customer.key);
    c.occurrence = occurrence.name;
    c.segment = *segment;
    c.due_at = due;
    out.push_back(std::move(c));
  }
}

}  // namespace

bool in_audience(const Campaign& campaign, const std::optional<std::string>& segment) {
  if (!segment) return false;
  return campaign.segments.empty() || std::find(campaign.segments.begin(), campaign.segments.end(),
                                                *segment) != campaign.segments.end();
}

const std::vector<Purchase>* purchases_of(const PlanInput& input, const std::string& customer) {
  return input.purchases ? input.purchases(customer) : nullptr;
}

bool in_product_audience(const ProductAudience& audience, const std::vector<Purchase>* bought,
                         Instant at) {
  const auto any = [&](const std::vector<std::string>& globs) {
    return bought != nullptr && std::any_of(bought->begin(), bought->end(), [&](const Purchase& p) {
             return p.at <= at && std::any_of(globs.begin(), globs.end(), [&](const auto& glob) {
                      return segment::sku_matches(glob, p.product);
                    });
           });
  };
  return (audience.bought.empty() || any(audience.bought)) && !any(audience.not_bought);
}

std::string_view to_string(Reason reason) {
  switch (reason) {
    case Reason::none:
      return "none";
    case Reason::quiet_hours:
      return "quiet hours";
    case Reason::cooldown:
      return "cooldown";
    case Reason::expired:
      return "expired";
    case Reason::cancelled:
      return "cancelled";
    case Reason::audience:
      return "audience";
    case Reason::no_address:
      return "no address";
    case Reason::no_postal_address:
      return "no postal address";
    case Reason::bounced:
      return "bounced";
    case Reason::unsubscribed:
      return "unsubscribed";
    case Reason::no_post:
      return "no post";
    case Reason::no_consent:
      return "no consent";
    case Reason::no_coupon:
      return "no coupon";
    case Reason::not_started:
      return "not started";
    case Reason::daily_limit:
      return "daily limit";
    case Reason::skip_day:
      return "skip day";
  }
  return "none";
}

Instant next_allowed(Instant t, const std::optional<core::TimeOfDayRange>& quiet,
                     const core::TimeZone& zone) {
  if (!quiet) return t;
  const core::LocalTime local = zone.to_local(t);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const int minute =
      static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
  if (!quiet->contains(minute)) return t;
  // Across midnight, the evening part ends the next morning.
  const bool evening = quiet->start_minute > quiet->end_minute && minute >= quiet->start_minute;
  const core::LocalTime end =
      day + std::chrono::days{evening ? 1 : 0} + std::chrono::minutes{quiet->end_minute};
  return std::max(t, zone.to_instant(end));
}

std::vector<Candidate> due_candidates(const PlanInput& input, const PlannerState& state,
                                      Instant window_start, Instant as_of) {
  // Room for the most there can be, so that the vector never moves while it grows: a
  // schedule may make hundreds of thousands, and only the room they use is touched.
  std::size_t most = 0;
  for (const Campaign& campaign : input.campaigns) {
    if (!campaign.enabled) continue;
    if (campaign.trigger) most += input.orders.size();
    if (campaign.schedule) most += input.customers.size();
  }
  std::vector<Candidate> out;
  out.reserve(most);
  for (const Campaign& campaign : input.campaigns) {
    if (!campaign.enabled) continue;
    if (campaign.trigger) triggered(input, campaign, state, as_of, out);
    if (campaign.schedule) scheduled(input, campaign, state, window_start, as_of, out);
  }
  return out;
}

Plan plan(const PlanInput& input) {
  PlannerState state(input);
  Plan result;
  result.candidates = evaluate_window(input, state, input.now, input.now + std::chrono::seconds{1});
  std::map<std::string, std::size_t> order;
  for (std::size_t i = 0; i < input.campaigns.size(); ++i) order[input.campaigns[i].name] = i;
  std::vector<std::size_t> rank;  // each candidate's campaign's place in the input
  for (const Candidate& c : result.candidates) rank.push_back(order[c.campaign]);
  const std::vector<Candidate>& all = result.candidates;
  sort_candidates(result.candidates, [&](std::size_t a, std::size_t b) {
    return std::tie(rank[a], all[a].due_at, all[a].dedup_key) <
           std::tie(rank[b], all[b].due_at, all[b].dedup_key);
  });
  result.pools = state.pool_use();
  return result;
}

}  // namespace tsuikyaku::campaign
