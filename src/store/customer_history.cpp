#include "tsuikyaku/store/customer_history.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "statement_binding.hpp"
#include "tsuikyaku/store/message_facts.hpp"

namespace tsuikyaku::store {
namespace {

constexpr const char* k_customer_columns =
    "SELECT id, customer_key, email, name, postal_code, address, address2, city, region, "
    "country, phone, accepts_marketing, created_at, updated_at FROM customers ";

CustomerRecord read_customer(SQLite::Statement& query) {
  CustomerRecord customer;
  customer.id = query.getColumn(0).getInt64();
  customer.customer_key = query.getColumn(1).getString();
  CustomerContact& c = customer.contact;
  int column = 2;
  for (std::string* field : {&c.email, &c.name, &c.postal_code, &c.address, &c.address2, &c.city,
                             &c.region, &c.country, &c.phone}) {
    *field = text_or_empty(query.getColumn(column++));
  }
  customer.accepts_marketing = query.getColumn(11).getInt() != 0;
  customer.created_at = core::from_unix(query.getColumn(12).getInt64());
  customer.updated_at = core::from_unix(query.getColumn(13).getInt64());
  return customer;
}

}  // namespace

std::optional<CustomerRecord> find_customer(Database& db, std::string_view key) {
  const std::optional<std::int64_t> id = find_customer(db, std::string(key));
  if (!id) return std::nullopt;
  SQLite::Statement query(db.handle(), std::string(k_customer_columns) + "WHERE id = ?");
  query.bind(1, *id);
  if (!query.executeStep()) return std::nullopt;
  return read_customer(query);
}

std::vector<CustomerRecord> find_customers_by_email(Database& db, std::string_view address) {
  SQLite::Statement query(db.handle(), std::string(k_customer_columns) +
                                           "WHERE email = ? COLLATE NOCASE ORDER BY customer_key");
  query.bind(1, std::string(address));
  std::vector<CustomerRecord> out;
  while (query.executeStep()) out.push_back(read_customer(query));
  return out;
}

std::vector<CustomerOrder> customer_orders(Database& db, std::int64_t customer_id) {
  SQLite::Statement query(db.handle(), R"sql(
SELECT order_key, ordered_at, total_minor, currency, status, shipped_at, delivered_at,
       tracking_number, carrier
FROM orders WHERE customer_id = ? ORDER BY ordered_at, id
)sql");
  query.bind(1, customer_id);
  std::vector<CustomerOrder> out;
  while (query.executeStep()) {
    CustomerOrder order;
    order.order_key = query.getColumn(0).getString();
    order.ordered_at = core::from_unix(query.getColumn(1).getInt64());
    order.total_minor = query.getColumn(2).getInt64();
    order.currency = query.getColumn(3).getString();
    order.status = query.getColumn(4).getString();
    order.shipped_at = optional_time(query.getColumn(5));
    order.delivered_at = optional_time(query.getColumn(6));
    order.tracking_number = text_or_empty(query.getColumn(7));
    order.carrier = text_or_empty(query.getColumn(8));
    out.push_back(std::move(order));
  }
  return out;
}

std::vector<CustomerMessage> customer_messages(Database& db, std::int64_t customer_id) {
  SQLite::Statement query(db.handle(), R"sql(
SELECT m.id, m.campaign, m.kind, m.state, o.order_key, m.due_at, m.sent_at, m.recipient,
       m.message_id, m.coupon_code, coalesce(m.skip_reason, m.last_error)
FROM messages m LEFT JOIN orders o ON o.id = m.order_id
WHERE m.customer_id = ? ORDER BY m.due_at, m.id
)sql");
  query.bind(1, customer_id);
  std::vector<CustomerMessage> out;
  while (query.executeStep()) {
    CustomerMessage message;
    message.id = query.getColumn(0).getInt64();
    message.campaign = query.getColumn(1).getString();
    message.kind = query.getColumn(2).getString();
    message.state =
        parse_message_state(query.getColumn(3).getString()).value_or(MessageState::queued);
    message.order_key = text_or_empty(query.getColumn(4));
    message.due_at = core::from_unix(query.getColumn(5).getInt64());
    message.sent_at = optional_time(query.getColumn(6));
    message.recipient = text_or_empty(query.getColumn(7));
    message.message_id = text_or_empty(query.getColumn(8));
    message.coupon_code = text_or_empty(query.getColumn(9));
    message.reason = text_or_empty(query.getColumn(10));
    out.push_back(std::move(message));
  }
  return out;
}

}  // namespace tsuikyaku::store
