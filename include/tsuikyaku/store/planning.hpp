#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tsuikyaku/campaign/planner.hpp"
#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/store/database.hpp"

// What planning reads (SPEC §6, §8.1): the orders whose messages can still fall due, the
// customers, the ledger facts the planner needs, suppressions, coupon pools, and the orders
// that count for segments. Every read is bounded by what the campaigns can reach, so a
// shop with a million orders reads the few thousand of the last weeks, not all of them.
// Reads only; the writes are in ledger_queue.hpp.

namespace tsuikyaku::store {

// Orders with an event of this kind in [from, until].
struct EventWindow {
  campaign::Event event = campaign::Event::ordered;
  core::Instant from;
  core::Instant until;
};

struct PlanningOrder {
  std::int64_t id = 0;  // orders.id
  std::int64_t customer_id = 0;
  campaign::OrderFacts facts;  // facts.id is the shop's order number, facts.customer its key
};

// Every order with an event inside one of the windows, once, by id. Each window is a range
// of the index on its event's column.
std::vector<PlanningOrder> load_orders_in_windows(Database& db,
                                                  std::span<const EventWindow> windows);

struct PlanningCustomer {
  std::int64_t id = 0;  // customers.id
  campaign::CustomerFacts facts;
};

// Every customer that keep(id) keeps, by id (for schedules, whose audience may be anyone):
// only those are held in memory.
std::vector<PlanningCustomer> load_all_customers(Database& db,
                                                 const std::function<bool(std::int64_t)>& keep);
// The customers with these ids, by id; unknown ids are left out.
std::vector<PlanningCustomer> load_customers(Database& db, std::span<const std::int64_t> ids);

// The dedup keys of the messages about these orders.
std::vector<std::string> dedup_keys_of_orders(Database& db,
                                              std::span<const std::int64_t> order_ids);
// The ledger rows whose dedup keys k have from <= k < until in byte order: one campaign's
// occurrences from one on ("winback:every-2026-09-04" up to "winback:every."), by key.
struct LedgerKey {
  std::int64_t customer_id = 0;
  std::string key;
};
std::vector<LedgerKey> dedup_keys_between(Database& db, const std::string& from,
                                          const std::string& until);

// A message that went out or is on its way (sent, queued, sending, deferred, unknown) at or
// after a moment: what holds a cooldown and an `every` period. Skipped and failed messages
// reached nobody and hold neither.
struct RecentMessage {
  std::int64_t customer_id = 0;
  std::string campaign;
  campaign::Kind kind = campaign::Kind::transactional;
  core::Instant at;  // sent_at, else when it is to go (next_attempt_at)
};
std::vector<RecentMessage> load_recent_messages(Database& db, core::Instant since);

// The created_at of the newest ledger row written at or before `at` (the last planning run
// up to then), or nullopt when there is none.
std::optional<core::Instant> last_planned_at(Database& db, core::Instant at);

// The suppression list by core::address_match_key. complained and manual behave like
// unsubscribed (SPEC §9).
std::map<std::string, campaign::Suppression> load_suppressions(Database& db);

// A code of a coupon pool as the coupons table holds it.
struct PoolCode {
  std::string code;
  bool assigned = false;  // given to a message: never given again
};
// The pool's codes in the order they are handed out (coupons.id).
std::vector<PoolCode> load_coupon_pool(Database& db, const std::string& pool);

// The ledger row of a dedup key, for `preview` (the code and Message-ID of a queued message).
struct PlannedMessage {
  std::int64_t id = 0;
  std::string state;
  std::string coupon_code;  // empty when none
};
std::optional<PlannedMessage> find_message(Database& db, const std::string& dedup_key);

// Every order that counts for RFM (counted_orders.hpp), grouped by customer, for segment
// membership at several moments from one read (app/planning.hpp).
struct CountedOrders {
  std::vector<std::int64_t> customer_ids;  // every customer, ascending
  std::vector<std::string> customer_keys;  // the same customers' keys, when asked for
  std::vector<std::uint32_t> first;        // customer c's orders are [first[c], first[c + 1])
  std::vector<std::int64_t> ordered_at;    // per order: Unix seconds
  std::vector<std::int64_t> total;         // per order: minor units

  // The index of a customer id in customer_ids, or nullopt.
  std::optional<std::uint32_t> find(std::int64_t customer_id) const;

  // customer_ids are rowids, nearly dense: a table by id - first replaces a search per
  // order (empty when the ids are too sparse for it).
  std::vector<std::uint32_t> by_id;
};
// keys: also read customer_keys (quintile scoring breaks ties by them).
CountedOrders load_counted_orders(Database& db, bool keys);

}  // namespace tsuikyaku::store
