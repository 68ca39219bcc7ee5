#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>

#include "planning_internal.hpp"
#include "tsuikyaku/campaign/business_days.hpp"
#include "tsuikyaku/campaign/never_send.hpp"
#include "tsuikyaku/campaign/occurrence.hpp"
#include "tsuikyaku/config/campaigns.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/store/campaign_starts.hpp"
#include "tsuikyaku/store/products.hpp"

// The planner's facts read from the store, bounded by what the campaigns can reach
// (app/planning.hpp): the look-back, the event windows, the ledger keys of those orders
// and of the schedules' current occurrences, and the messages that hold a cooldown or an
// `every` period.

namespace tsuikyaku::app {
namespace {

using campaign::Campaign;
using core::Instant;

constexpr std::chrono::days k_max_look_back{30};

// The previous planning run, at most 30 days back; now on an empty ledger.
Instant look_back(Workspace& ws, Instant now) {
  const auto last = store::last_planned_at(ws.db, now);
  return last ? std::max(*last, now - k_max_look_back) : now;
}

// For each event, the event times whose message can fall due by horizon and not have
// expired before since: [since - delay - expires, horizon - delay], joined over campaigns.
// Business-day delays and the days of send.skip widen it (campaign/business_days.hpp).
std::vector<store::EventWindow> event_windows(const std::vector<Campaign>& campaigns, Instant since,
                                              Instant horizon, const config::Config& config,
                                              const MarketingDays& skip) {
  const core::TimeZone& zone = config.shop.timezone;
  std::map<campaign::Event, store::EventWindow> windows;
  for (const Campaign& c : campaigns) {
    if (!c.trigger) continue;
    const bool held = skip && c.kind == campaign::Kind::marketing;
    const Instant first_due =
        (held ? campaign::held_since(since, *skip, zone) : since) - c.trigger->expires;
    const auto [from, until] =
        campaign::events_due_between(*c.trigger, first_due, horizon, config.shop.days, zone);
    for (const campaign::Event event : c.trigger->events) {
      const auto [it, added] = windows.try_emplace(event, store::EventWindow{event, from, until});
      it->second.from = std::min(it->second.from, from);
      it->second.until = std::max(it->second.until, until);
    }
  }
  std::vector<store::EventWindow> out;
  for (const auto& [event, window] : windows) out.push_back(window);
  return out;
}

// The moment before which a ledger message no longer matters: the cooldown's reach, and
// for `every: P` one period before the current one began.
Instant messages_since(const std::vector<Campaign>& campaigns, const config::Config& config,
                       Instant now) {
  std::chrono::seconds cooldown = config.send.marketing_cooldown;
  for (const auto& [channel, length] : config.send.channel_cooldown) {
    cooldown = std::max(cooldown, length);
  }
  Instant since = now - cooldown;
  for (const Campaign& c : campaigns) {
    if (!c.schedule || !c.schedule->every) continue;
    since = std::min(
        since, campaign::occurrence_at(c, config.shop.timezone, now).start - *c.schedule->every);
  }
  return since;
}

// The longest a message whose segment is asked when it falls due may wait: its expires.
std::chrono::seconds longest_expiry(const std::vector<Campaign>& campaigns) {
  // Segments are asked at the due moment by a trigger with an audience and by an `on` date;
  // an `every` schedule asks at now or later.
  std::chrono::seconds longest{0};
  for (const Campaign& c : campaigns) {
    if (c.trigger && !c.segments.empty()) longest = std::max(longest, c.trigger->expires);
    if (c.schedule && c.schedule->on) longest = std::max(longest, c.schedule->expires);
  }
  return longest;
}

// On a plan for now (horizon == now), whether the customer is in the audience of a schedule
// when the planner asks (campaign::audience_moment) by segment_at: nobody else can become a
// schedule's candidate, so nobody else is read. A forecast asks on many days: anyone may be.
std::function<bool(std::int64_t)> schedule_audience(
    const std::vector<Campaign>& campaigns, const core::TimeZone& zone, Instant now,
    Instant horizon,
    const std::function<std::optional<std::string>(std::int64_t, Instant)>& segment_at) {
  if (horizon != now) return [](std::int64_t) { return true; };
  std::vector<std::pair<const Campaign*, Instant>> asked;
  for (const Campaign& c : campaigns) {
    if (!c.schedule || !c.enabled) continue;
    if (const auto moment = campaign::audience_moment(c, zone, now, now)) {
      asked.emplace_back(&c, moment->asked);
    }
  }
  return [asked = std::move(asked), &segment_at](std::int64_t id) {
    return std::any_of(asked.begin(), asked.end(), [&](const auto& schedule) {
      return campaign::in_audience(*schedule.first, segment_at(id, schedule.second));
    });
  };
}

}  // namespace

PlanningWorld::ScheduleKeys PlanningWorld::schedule_keys(Workspace& ws,
                                                         const std::vector<Campaign>& campaigns,
                                                         Instant now, Instant horizon) {
  const core::TimeZone& zone = ws.config.shop.timezone;
  ScheduleKeys out;
  std::map<std::int64_t, std::size_t> settled_by;  // customer: schedules settled
  std::size_t schedules = 0;
  for (const Campaign& c : campaigns) {
    if (!c.schedule) continue;
    ++schedules;
    // This occurrence's keys; for `every`, later ones too.
    const campaign::Occurrence current = campaign::occurrence_at(c, zone, now);
    const campaign::KeyRange range = campaign::schedule_keys_from(c, current);
    // An `every` plan that reaches into the next period settles nobody.
    const bool one =
        c.schedule->on || campaign::occurrence_at(c, zone, horizon).name == current.name;
    for (store::LedgerKey& key : store::dedup_keys_between(ws.db, range.from, range.until)) {
      if (one && key.key.starts_with(range.from)) ++settled_by[key.customer_id];
      out.rows.push_back(std::move(key));
    }
  }
  for (const auto& [customer, n] : settled_by) {
    if (n == schedules) out.settled.push_back(customer);
  }
  return out;
}

PlanningWorld::PlanningWorld(Workspace& ws, const std::vector<Campaign>& campaigns, Instant now,
                             Instant horizon, SegmentTimeline& timeline,
                             const MarketingDays& marketing_days)
    : since(look_back(ws, now)) {
  const config::Config& config = ws.config;
  const auto windows = event_windows(campaigns, since, horizon, config, marketing_days);
  const std::vector<store::PlanningOrder> orders = store::load_orders_in_windows(ws.db, windows);
  const bool schedules = std::any_of(campaigns.begin(), campaigns.end(),
                                     [](const Campaign& c) { return c.schedule.has_value(); });
  std::vector<std::int64_t> buyers;
  for (const auto& order : orders) buyers.push_back(order.customer_id);
  std::sort(buyers.begin(), buyers.end());
  // A message due before `moot` has expired before the look-back whatever the customer's
  // segment: it is dropped as history, so its segment is not worth a computation.
  const Instant moot = since - longest_expiry(campaigns);
  const std::function<std::optional<std::string>(std::int64_t, Instant)> segment_of =
      [&timeline, moot](std::int64_t id, Instant at) -> std::optional<std::string> {
    if (at < moot) return std::nullopt;
    return timeline.segment_at(id, at);
  };
  std::vector<store::PlanningCustomer> customers;
  std::vector<store::LedgerKey> schedule_rows;  // the schedules' keys, of anyone
  if (schedules) {
    // Anyone may be in a schedule's audience, but a customer every schedule has settled
    // for the occurrences this plan reaches (most of a shop, on a daily run), or outside
    // every schedule's audience now, can only matter through an order.
    ScheduleKeys keys = schedule_keys(ws, campaigns, now, horizon);
    const auto audience =
        schedule_audience(campaigns, config.shop.timezone, now, horizon, segment_of);
    customers = store::load_all_customers(ws.db, [&](std::int64_t id) {
      return std::binary_search(buyers.begin(), buyers.end(), id) ||
             (!std::binary_search(keys.settled.begin(), keys.settled.end(), id) && audience(id));
    });
    schedule_rows = std::move(keys.rows);
  } else {
    customers = store::load_customers(ws.db, buyers);
  }

  for (const auto& order : orders) {
    order_ids.emplace(order.facts.id, order.id);
    input.orders.push_back(order.facts);
  }
  input.customers.reserve(customers.size());
  for (auto& customer : customers) {
    m_ids.push_back(customer.id);
    input.customers.push_back(std::move(customer.facts));
  }
  customers = {};
  m_index.reserve(input.customers.size());
  for (std::size_t i = 0; i < input.customers.size(); ++i)
    m_index.emplace(input.customers[i].key, i);
  for (store::LedgerKey& key : schedule_rows) {
    if (key_of(key.customer_id) != nullptr) input.ledger.keys.insert(std::move(key.key));
  }
  input.campaigns = campaigns;
  input.segment_at = [this, segment_of](const std::string& key,
                                        Instant at) -> std::optional<std::string> {
    const auto id = id_of(key);
    return id ? segment_of(*id, at) : std::nullopt;
  };
  input.entered_at = [this, &timeline](const std::string& key,
                                       Instant at) -> std::optional<Instant> {
    const auto id = id_of(key);
    return id ? timeline.entered_at(*id, at) : std::nullopt;
  };
  input.ordered_between = [this, &timeline](const std::string& key, Instant from, Instant until) {
    const auto id = id_of(key);
    return id && timeline.ordered_between(*id, from, until);
  };
  read_ledger(ws, orders);
  if (std::any_of(campaigns.begin(), campaigns.end(),
                  [](const Campaign& c) { return !c.products.empty(); })) {
    read_purchases(ws);
    input.purchases = [this](const std::string& key) -> const std::vector<campaign::Purchase>* {
      const auto it = m_purchases.find(key);
      return it == m_purchases.end() ? nullptr : &it->second;
    };
  }
  input.suppressions = store::load_suppressions(ws.db);
  read_pools(ws);
  input.quiet_hours = config.send.quiet_hours;
  input.marketing_cooldown = config.send.marketing_cooldown;
  input.channel_cooldown = config.send.channel_cooldown;
  input.zone = config.shop.timezone;
  input.days = config.shop.days;
  input.marketing_days = marketing_days;
  input.now = now;
  read_starts(ws);  // counts the day of input.now
}

std::optional<std::int64_t> PlanningWorld::id_of(const std::string& key) {
  // A schedule asks about input.customers one after another, a forecast once a day: the
  // next one is recognised by its address, without hashing its key.
  if (m_next < input.customers.size() && &key == &input.customers[m_next].key) {
    return m_ids[m_next++];
  }
  const auto it = m_index.find(key);
  if (it == m_index.end()) return std::nullopt;
  m_next = it->second + 1;
  return m_ids[it->second];
}

const std::string* PlanningWorld::key_of(std::int64_t id) const {
  const auto it = std::lower_bound(m_ids.begin(), m_ids.end(), id);
  if (it == m_ids.end() || *it != id) return nullptr;
  return &input.customers[static_cast<std::size_t>(it - m_ids.begin())].key;
}

std::int64_t PlanningWorld::customer_id(const std::string& key) const {
  return m_ids[m_index.at(key)];
}

void PlanningWorld::read_ledger(Workspace& ws, const std::vector<store::PlanningOrder>& orders) {
  std::vector<std::int64_t> ids;
  for (const auto& order : orders) ids.push_back(order.id);
  for (std::string& key : store::dedup_keys_of_orders(ws.db, ids)) {
    input.ledger.keys.insert(std::move(key));
  }
  const Instant since_messages = messages_since(input.campaigns, ws.config, input.now);
  for (const store::RecentMessage& m : store::load_recent_messages(ws.db, since_messages)) {
    const std::string* key = key_of(m.customer_id);
    if (key == nullptr) continue;  // not a customer this plan can reach
    if (m.kind == campaign::Kind::marketing) {
      Instant& last = input.ledger.last_marketing.try_emplace(*key, m.at).first->second;
      last = std::max(last, m.at);
    }
    Instant& last =
        input.ledger.last_of_campaign.try_emplace({m.campaign, *key}, m.at).first->second;
    last = std::max(last, m.at);
  }
}

void PlanningWorld::read_purchases(Workspace& ws) {
  for (store::CustomerPurchase& row : store::load_purchases(ws.db)) {
    const std::string* key = key_of(row.customer_id);
    if (key != nullptr) m_purchases[*key].push_back(std::move(row.purchase));
  }
}

void PlanningWorld::read_pools(Workspace& ws) {
  for (const Campaign& c : input.campaigns) {
    if (!c.coupon || c.coupon->pool.empty() || input.coupons_left.count(c.coupon->pool) > 0) {
      continue;
    }
    const auto free = static_cast<std::int64_t>(free_coupon_codes(ws, c.coupon->pool).size());
    const auto stored = store::load_coupon_pool(ws.db, c.coupon->pool);
    input.coupons_left[c.coupon->pool] = free;
    input.coupons_total[c.coupon->pool] =
        free + std::count_if(stored.begin(), stored.end(),
                             [](const store::PoolCode& code) { return code.assigned; });
  }
}

void PlanningWorld::read_starts(Workspace& ws) {
  input.first_run_limit = ws.config.send.first_run_limit;
  const auto started = store::load_campaign_starts(ws.db);
  const core::TimeZone& zone = ws.config.shop.timezone;
  const Instant midnight =
      zone.to_instant(std::chrono::floor<std::chrono::days>(zone.to_local(input.now)));
  for (const Campaign& c : input.campaigns) {
    const auto row = started.find(c.name);
    if (c.kind != campaign::Kind::marketing || row == started.end()) continue;
    campaign::CampaignStart& start = input.starts[c.name];
    start.started = true;
    start.daily_limit = row->second.daily_limit;
    if (start.daily_limit) start.planned_today = store::planned_since(ws.db, c.name, midnight);
  }
}

void drop_history(std::vector<campaign::Candidate>& candidates,
                  const std::vector<Campaign>& campaigns, const PlanningWorld& world) {
  const campaign::PlanInput& input = world.input;
  std::erase_if(candidates, [&](const campaign::Candidate& c) {
    if (c.outcome != campaign::Outcome::skip) return false;
    const auto campaign = std::find_if(campaigns.begin(), campaigns.end(),
                                       [&](const Campaign& x) { return x.name == c.campaign; });
    return campaign != campaigns.end() &&
           campaign::held_last_moment(*campaign, c.due_at, input.marketing_days, input.quiet_hours,
                                      input.zone) < world.since;
  });
}

const Campaign& find_campaign(const std::vector<Campaign>& campaigns, const std::string& name) {
  std::vector<std::string> names;
  for (const Campaign& c : campaigns) {
    if (c.name == name) return c;
    names.push_back(c.name);
  }
  const std::string nearest = core::suggest(name, names);
  std::string message = fmt::format("unknown campaign '{}'", name);
  if (!nearest.empty()) {
    message += fmt::format("; did you mean '{}'?", nearest);
  } else if (!names.empty()) {
    message += "; the campaigns are: " + core::join(names, ", ");
  } else {
    message += ": there is no campaign in campaigns/";
  }
  throw core::Error(core::ErrorKind::usage, message);
}

std::vector<std::string> free_coupon_codes(Workspace& ws, const std::string& pool) {
  const std::vector<std::string> listed = config::read_coupon_pool(ws.config.dir / pool);
  const std::set<std::string> in_file(listed.begin(), listed.end());
  std::set<std::string> known;
  std::vector<std::string> out;
  for (const store::PoolCode& code : store::load_coupon_pool(ws.db, pool)) {
    known.insert(code.code);
    if (!code.assigned && in_file.count(code.code) > 0) out.push_back(code.code);
  }
  for (const std::string& code : listed) {
    if (known.count(code) == 0) out.push_back(code);
  }
  return out;
}

}  // namespace tsuikyaku::app
