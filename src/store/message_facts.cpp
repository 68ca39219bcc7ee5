#include "tsuikyaku/store/message_facts.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "counted_orders.hpp"
#include "event_column.hpp"
#include "reused.hpp"
#include "statement_binding.hpp"
#include "statements.hpp"
#include "tsuikyaku/import/order_record.hpp"
#include "tsuikyaku/store/suppressions.hpp"

// Point look-ups by primary key or unique index: `send` makes them for each message.

namespace tsuikyaku::store {

std::optional<MessageCustomer> load_message_customer(Database& db, std::int64_t customer_id) {
  Reused row(db, sql::k_message_customer);
  row->bind(1, customer_id);
  if (!row->executeStep()) return std::nullopt;
  return MessageCustomer{row->getColumn(0).getString(), text_or_empty(row->getColumn(1)),
                         text_or_empty(row->getColumn(2))};
}

std::optional<MessageOrder> load_message_order(Database& db, std::int64_t order_id) {
  Reused row(db, sql::k_message_order);
  row->bind(1, order_id);
  if (!row->executeStep()) return std::nullopt;
  MessageOrder order;
  order.id = row->getColumn(0).getString();
  order.total_minor = row->getColumn(1).getInt64();
  order.currency = row->getColumn(2).getString();
  order.ordered_at = core::from_unix(row->getColumn(3).getInt64());
  order.shipped_at = optional_time(row->getColumn(4));
  order.delivered_at = optional_time(row->getColumn(5));
  order.tracking_number = text_or_empty(row->getColumn(6));
  order.carrier = text_or_empty(row->getColumn(7));
  return order;
}

std::vector<MessageLine> load_message_lines(Database& db, std::int64_t order_id) {
  Reused row(db, sql::k_message_order_lines);
  row->bind(1, order_id);
  std::vector<MessageLine> lines;
  while (row->executeStep()) {
    lines.push_back({text_or_empty(row->getColumn(0)), text_or_empty(row->getColumn(1)),
                     row->getColumn(2).getInt64(), row->getColumn(3).getString()});
  }
  return lines;
}

std::vector<segment::PurchasedLine> load_customer_lines(Database& db, std::int64_t customer_id,
                                                        core::Instant at) {
  Reused row(db, sql::customer_lines());
  row->bind(1, customer_id);
  row->bind(2, core::to_unix(at));
  std::vector<segment::PurchasedLine> lines;
  while (row->executeStep()) {
    const std::string sku = row->getColumn(0).getString();
    std::string name = row->getColumn(1).getString();
    lines.push_back({std::string(segment::product_key(sku, name)), std::move(name),
                     row->getColumn(2).getInt64(), core::from_unix(row->getColumn(3).getInt64())});
  }
  return lines;
}

std::vector<campaign::Purchase> load_customer_purchases(Database& db, std::int64_t customer_id,
                                                        core::Instant at) {
  Reused row(db, sql::customer_purchases());
  row->bind(1, customer_id);
  row->bind(2, core::to_unix(at));
  std::vector<campaign::Purchase> bought;
  while (row->executeStep()) {
    const std::string_view product =
        segment::product_key(row->getColumn(0).getText(), row->getColumn(1).getText());
    if (product.empty()) continue;  // a line with neither SKU nor name: no product
    bought.push_back({std::string(product), core::from_unix(row->getColumn(2).getInt64())});
  }
  return bought;
}

LastCheckFacts load_last_check_facts(Database& db, std::int64_t customer_id,
                                     std::optional<std::int64_t> order_id) {
  LastCheckFacts facts;
  Reused customer(db, sql::k_last_check_customer);
  customer->bind(1, customer_id);
  if (customer->executeStep()) {
    facts.customer = campaign::CustomerFacts{
        customer->getColumn(0).getString(), text_or_empty(customer->getColumn(1)),
        customer->getColumn(2).getInt() != 0, false};  // the last check is for mail
    if (const auto entry = find_suppression(db, facts.customer->email)) {
      facts.suppression = entry->reason;
    }
  }
  if (order_id) {
    Reused order(db, sql::k_last_check_order);
    order->bind(1, *order_id);
    if (order->executeStep()) {
      campaign::OrderFacts o;
      o.id = order->getColumn(0).getString();
      o.status = order->getColumn(1).getString();
      o.ordered_at = core::from_unix(order->getColumn(2).getInt64());
      o.cancelled_at = optional_time(order->getColumn(3));
      facts.order = std::move(o);
    }
  }
  return facts;
}

std::optional<std::string> stored_segment_of(Database& db, std::int64_t customer_id,
                                             core::Instant at) {
  Reused row(db, sql::k_stored_segment);
  row->bind(1, customer_id);
  row->bind(2, core::to_unix(at));
  if (!row->executeStep()) return std::nullopt;
  return row->getColumn(0).getString();
}

std::optional<std::string> segment_in_run(Database& db, std::int64_t run_id,
                                          std::int64_t customer_id) {
  Reused row(db, sql::k_segment_in_run);
  row->bind(1, run_id);
  row->bind(2, customer_id);
  if (!row->executeStep()) return std::nullopt;
  return row->getColumn(0).getString();
}

std::optional<std::int64_t> find_customer(Database& db, const std::string& key) {
  // As the planner and the ledger name it, else as an address, else as an id: each an
  // indexed equality, and an id never stands for another customer's address (schema 5).
  Reused by_key(db, sql::k_customer_id_by_key);
  by_key->bind(1, key);
  if (by_key->executeStep()) return by_key->getColumn(0).getInt64();
  for (const std::string& match_key :
       {ingest::customer_match_key_of_email(key), ingest::customer_match_key_of_id(key)}) {
    Reused row(db, sql::k_customer_id_by_match_key);
    row->bind(1, match_key);
    if (row->executeStep()) return row->getColumn(0).getInt64();
  }
  return std::nullopt;
}

std::optional<OrderRef> find_order(Database& db, const std::string& order_key) {
  Reused row(db, sql::k_order_by_key);
  row->bind(1, order_key);
  if (!row->executeStep()) return std::nullopt;
  return OrderRef{row->getColumn(0).getInt64(), row->getColumn(1).getInt64()};
}

std::optional<OrderRef> latest_order(Database& db, std::span<const campaign::Event> events,
                                     core::Instant at, std::optional<std::int64_t> customer_id) {
  const campaign::Event ordered[] = {campaign::Event::ordered};
  std::optional<OrderRef> best;
  std::int64_t best_at = 0;
  for (const campaign::Event event : events.empty() ? std::span(ordered) : events) {
    const std::string column(event_column(event));
    SQLite::Statement row(db.handle(), "SELECT id, customer_id, " + column + " FROM orders WHERE " +
                                           column + " <= ?1 AND " + counted_order_condition() +
                                           (customer_id ? " AND customer_id = ?2" : "") +
                                           " ORDER BY " + column + " DESC, id DESC LIMIT 1");
    row.bind(1, core::to_unix(at));
    if (customer_id) row.bind(2, *customer_id);
    if (!row.executeStep()) continue;
    const std::int64_t when = row.getColumn(2).getInt64();
    if (best && when <= best_at) continue;
    best = OrderRef{row.getColumn(0).getInt64(), row.getColumn(1).getInt64()};
    best_at = when;
  }
  return best;
}

}  // namespace tsuikyaku::store
