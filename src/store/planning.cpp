#include "tsuikyaku/store/planning.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

#include "counted_orders.hpp"
#include "event_column.hpp"
#include "statement_binding.hpp"
#include "statements.hpp"
#include "tsuikyaku/core/email.hpp"

// The reads behind planning (SPEC §6, §8.1). Orders are found through the indexes on their
// event columns, ledger keys through messages_order and the unique dedup_key index, so the
// cost follows the campaigns' windows rather than the size of the shop.

namespace tsuikyaku::store {
namespace {

constexpr std::uint32_t k_no_slot = 0xFFFFFFFF;

// sql::k_planning_customer without its WHERE.
std::string all_customers() {
  const std::string_view one = sql::k_planning_customer;
  return std::string(one.substr(0, one.rfind(" WHERE")));
}

PlanningCustomer read_customer(SQLite::Statement& row) {
  return {row.getColumn(0).getInt64(),
          {row.getColumn(1).getString(), text_or_empty(row.getColumn(2)),
           row.getColumn(3).getInt() != 0, row.getColumn(4).getInt() != 0}};
}

campaign::Suppression suppression_from(const std::string& reason) {
  return campaign::parse_suppression(reason).value_or(campaign::Suppression::unsubscribed);
}

}  // namespace

std::vector<PlanningOrder> load_orders_in_windows(Database& db,
                                                  std::span<const EventWindow> windows) {
  std::vector<PlanningOrder> out;
  if (windows.empty()) return out;
  std::string ids;
  for (const EventWindow& window : windows) {
    if (!ids.empty()) ids += " UNION ";
    const std::string_view column = event_column(window.event);
    ids += "SELECT id FROM orders WHERE ";
    ids += column;
    ids += " BETWEEN ? AND ?";
  }
  SQLite::Statement row(
      db.handle(),
      "SELECT o.id, o.customer_id, o.order_key, c.customer_key, o.status, o.ordered_at, "
      "o.shipped_at, o.delivered_at, o.cancelled_at FROM orders o "
      "JOIN customers c ON c.id = o.customer_id WHERE o.id IN (" +
          ids + ") ORDER BY o.id");
  int parameter = 0;
  for (const EventWindow& window : windows) {
    row.bind(++parameter, core::to_unix(window.from));
    row.bind(++parameter, core::to_unix(window.until));
  }
  while (row.executeStep()) {
    PlanningOrder order;
    order.id = row.getColumn(0).getInt64();
    order.customer_id = row.getColumn(1).getInt64();
    order.facts.id = row.getColumn(2).getString();
    order.facts.customer = row.getColumn(3).getString();
    order.facts.status = row.getColumn(4).getString();
    order.facts.ordered_at = core::from_unix(row.getColumn(5).getInt64());
    order.facts.shipped_at = optional_time(row.getColumn(6));
    order.facts.delivered_at = optional_time(row.getColumn(7));
    order.facts.cancelled_at = optional_time(row.getColumn(8));
    out.push_back(std::move(order));
  }
  return out;
}

std::vector<PlanningCustomer> load_all_customers(Database& db,
                                                 const std::function<bool(std::int64_t)>& keep) {
  SQLite::Statement row(db.handle(), all_customers() + " ORDER BY id");
  std::vector<PlanningCustomer> out;
  while (row.executeStep()) {
    if (keep(row.getColumn(0).getInt64())) out.push_back(read_customer(row));
  }
  return out;
}

std::vector<PlanningCustomer> load_customers(Database& db, std::span<const std::int64_t> ids) {
  std::vector<std::int64_t> sorted(ids.begin(), ids.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  SQLite::Statement row(db.handle(), sql::k_planning_customer);
  std::vector<PlanningCustomer> out;
  for (const std::int64_t id : sorted) {
    row.bind(1, id);
    if (row.executeStep()) out.push_back(read_customer(row));
    row.reset();
  }
  return out;
}

std::vector<std::string> dedup_keys_of_orders(Database& db,
                                              std::span<const std::int64_t> order_ids) {
  SQLite::Statement row(db.handle(), sql::k_dedup_keys_of_order);
  std::vector<std::string> out;
  for (const std::int64_t id : order_ids) {
    row.bind(1, id);
    while (row.executeStep()) out.push_back(row.getColumn(0).getString());
    row.reset();
  }
  return out;
}

std::vector<LedgerKey> dedup_keys_between(Database& db, const std::string& from,
                                          const std::string& until) {
  SQLite::Statement row(db.handle(),
                        "SELECT customer_id, dedup_key FROM messages "
                        "WHERE dedup_key >= ? AND dedup_key < ? ORDER BY dedup_key");
  row.bind(1, from);
  row.bind(2, until);
  std::vector<LedgerKey> out;
  while (row.executeStep()) {
    out.push_back({row.getColumn(0).getInt64(), row.getColumn(1).getString()});
  }
  return out;
}

std::vector<RecentMessage> load_recent_messages(Database& db, core::Instant since) {
  SQLite::Statement row(db.handle(), R"sql(
SELECT customer_id, campaign, kind, COALESCE(sent_at, next_attempt_at) AS at FROM messages
WHERE state IN ('sent', 'queued', 'sending', 'deferred', 'unknown') AND at >= ?
)sql");
  row.bind(1, core::to_unix(since));
  std::vector<RecentMessage> out;
  while (row.executeStep()) {
    const bool marketing = row.getColumn(2).getString() == "marketing";
    out.push_back({row.getColumn(0).getInt64(), row.getColumn(1).getString(),
                   marketing ? campaign::Kind::marketing : campaign::Kind::transactional,
                   core::from_unix(row.getColumn(3).getInt64())});
  }
  return out;
}

std::optional<core::Instant> last_planned_at(Database& db, core::Instant at) {
  // Rows are written in time order, so the newest by id is found without a full scan.
  SQLite::Statement row(
      db.handle(),
      "SELECT created_at FROM messages WHERE created_at <= ? ORDER BY id DESC LIMIT 1");
  row.bind(1, core::to_unix(at));
  if (!row.executeStep()) return std::nullopt;
  return core::from_unix(row.getColumn(0).getInt64());
}

std::map<std::string, campaign::Suppression> load_suppressions(Database& db) {
  SQLite::Statement row(db.handle(), "SELECT address, reason FROM suppressions");
  std::map<std::string, campaign::Suppression> out;
  while (row.executeStep()) {
    out[core::address_match_key(row.getColumn(0).getString())] =
        suppression_from(row.getColumn(1).getString());
  }
  return out;
}

std::vector<PoolCode> load_coupon_pool(Database& db, const std::string& pool) {
  SQLite::Statement row(db.handle(),
                        "SELECT code, message_id IS NOT NULL FROM coupons WHERE pool = ? "
                        "ORDER BY id");
  row.bind(1, pool);
  std::vector<PoolCode> out;
  while (row.executeStep()) {
    out.push_back({row.getColumn(0).getString(), row.getColumn(1).getInt() != 0});
  }
  return out;
}

std::optional<PlannedMessage> find_message(Database& db, const std::string& dedup_key) {
  SQLite::Statement row(db.handle(), sql::k_message_by_dedup_key);
  row.bind(1, dedup_key);
  if (!row.executeStep()) return std::nullopt;
  return PlannedMessage{row.getColumn(0).getInt64(), row.getColumn(1).getString(),
                        text_or_empty(row.getColumn(2))};
}

std::optional<std::uint32_t> CountedOrders::find(std::int64_t customer_id) const {
  if (customer_ids.empty() || customer_id < customer_ids.front() ||
      customer_id > customer_ids.back()) {
    return std::nullopt;
  }
  std::uint32_t slot = k_no_slot;
  if (!by_id.empty()) {
    slot = by_id[static_cast<std::size_t>(customer_id - customer_ids.front())];
  } else {
    const auto it = std::lower_bound(customer_ids.begin(), customer_ids.end(), customer_id);
    if (*it == customer_id) slot = static_cast<std::uint32_t>(it - customer_ids.begin());
  }
  return slot == k_no_slot ? std::nullopt : std::optional(slot);
}

CountedOrders load_counted_orders(Database& db, bool keys) {
  CountedOrders out;
  SQLite::Statement customers(db.handle(),
                              keys ? "SELECT id, customer_key FROM customers ORDER BY id"
                                   : "SELECT id FROM customers ORDER BY id");
  while (customers.executeStep()) {
    out.customer_ids.push_back(customers.getColumn(0).getInt64());
    if (keys) out.customer_keys.push_back(customers.getColumn(1).getString());
  }
  const auto& ids = out.customer_ids;
  if (!ids.empty() && ids.back() - ids.front() < 4 * static_cast<std::int64_t>(ids.size()) + 1024) {
    out.by_id.assign(static_cast<std::size_t>(ids.back() - ids.front() + 1), k_no_slot);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      out.by_id[static_cast<std::size_t>(ids[i] - ids.front())] = static_cast<std::uint32_t>(i);
    }
  }
  // NOT INDEXED: every counted order is wanted, in whatever order the table holds them.
  SQLite::Statement orders(db.handle(),
                           "SELECT customer_id, ordered_at, total_minor FROM orders NOT INDEXED "
                           "WHERE " +
                               counted_order_condition());
  std::vector<std::uint32_t> slot;
  std::vector<std::int64_t> at, total;
  while (orders.executeStep()) {
    const auto found = out.find(orders.getColumn(0).getInt64());
    if (!found) continue;  // the foreign key makes this impossible
    slot.push_back(*found);
    at.push_back(orders.getColumn(1).getInt64());
    total.push_back(orders.getColumn(2).getInt64());
  }
  // Grouped by customer (a counting sort), so that each moment reads them in one pass.
  out.first.assign(ids.size() + 1, 0);
  for (const std::uint32_t c : slot) ++out.first[c + 1];
  for (std::size_t c = 0; c < ids.size(); ++c) out.first[c + 1] += out.first[c];
  std::vector<std::uint32_t> next(out.first.begin(), out.first.end() - 1);
  out.ordered_at.resize(slot.size());
  out.total.resize(slot.size());
  for (std::size_t i = 0; i < slot.size(); ++i) {
    const std::uint32_t to = next[slot[i]]++;
    out.ordered_at[to] = at[i];
    out.total[to] = total[i];
  }
  return out;
}

}  // namespace tsuikyaku::store
