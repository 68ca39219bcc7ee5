#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tsuikyaku/campaign/campaign.hpp"
#include "tsuikyaku/campaign/planner.hpp"
#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/segment/favourite.hpp"
#include "tsuikyaku/store/database.hpp"

// What one message is rendered from (SPEC §6 template variables): a customer, an order, and
// the customer's stored segment; and the look-ups `preview` makes by what the user types.

namespace tsuikyaku::store {

struct MessageCustomer {
  std::string key;
  std::string name;   // empty when unknown
  std::string email;  // as stored: checked when rendered, not trusted
};
std::optional<MessageCustomer> load_message_customer(Database& db, std::int64_t customer_id);

struct MessageOrder {
  std::string id;  // the shop's order number
  std::int64_t total_minor = 0;
  std::string currency;
  core::Instant ordered_at;
  std::optional<core::Instant> shipped_at;
  std::optional<core::Instant> delivered_at;
  std::string tracking_number;  // empty when unknown
  std::string carrier;          // empty when unknown
};
std::optional<MessageOrder> load_message_order(Database& db, std::int64_t order_id);

struct MessageLine {
  std::string sku;   // empty when the export has none
  std::string name;  // empty when the export has none
  std::int64_t quantity = 0;
  std::string unit_price;  // the exact decimal in major units, as stored
};
// The order's lines in line order.
std::vector<MessageLine> load_message_lines(Database& db, std::int64_t order_id);

// Every line of the customer's counted orders placed at or before `at` (any order).
std::vector<segment::PurchasedLine> load_customer_lines(Database& db, std::int64_t customer_id,
                                                        core::Instant at);

// What the last check before a message is handed over judges it by (campaign/never_send.hpp),
// as the database holds it now: the customer (nullopt: gone), the order (nullopt: none or
// gone) and the suppression of the customer's address. Point look-ups by primary key.
struct LastCheckFacts {
  std::optional<campaign::CustomerFacts> customer;
  std::optional<campaign::OrderFacts> order;
  std::optional<campaign::Suppression> suppression;
};
LastCheckFacts load_last_check_facts(Database& db, std::int64_t customer_id,
                                     std::optional<std::int64_t> order_id);

// The products of the customer's counted orders placed at or before `at`, as the planner
// reads them (store::load_purchases, for every customer): the last check's product
// audience. An indexed read of the customer's orders and their lines.
std::vector<campaign::Purchase> load_customer_purchases(Database& db, std::int64_t customer_id,
                                                        core::Instant at);

// The customer's segment in the newest stored segment run at or before `at`; nullopt when
// there is no such run or the customer is not in it.
std::optional<std::string> stored_segment_of(Database& db, std::int64_t customer_id,
                                             core::Instant at);

// The customer's segment in the stored segment run run_id; nullopt when it is not in it.
std::optional<std::string> segment_in_run(Database& db, std::int64_t run_id,
                                          std::int64_t customer_id);

// A customer by its key exactly, else by the key as an e-mail address (in any letter case),
// else as a customer id.
std::optional<std::int64_t> find_customer(Database& db, const std::string& key);

struct OrderRef {
  std::int64_t id = 0;
  std::int64_t customer_id = 0;
};
// An order by the shop's order number.
std::optional<OrderRef> find_order(Database& db, const std::string& order_key);

// The order with the latest of these events at or before `at` (of one customer when
// given); with no events, the latest order placed by then. Cancelled, refunded and voided
// orders are passed over (counted_orders.hpp): they make a poor example.
std::optional<OrderRef> latest_order(Database& db, std::span<const campaign::Event> events,
                                     core::Instant at, std::optional<std::int64_t> customer_id);

}  // namespace tsuikyaku::store
