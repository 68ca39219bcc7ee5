#pragma once

// Every statement the store runs once per imported row, or once per planned, checked or
// sent message, in one place: their cost is what grows with the shop. Each must reach its
// rows through an index: tests/integration/store/query_plan_test.cpp prepares every one
// in per_row_statements() (statements.cpp) against a database built by the schema and
// fails on EXPLAIN QUERY PLAN output that scans a table. A statement that runs per row is
// written here, used from here and listed there. The reads that scan whole tables by
// design, once per command (segments, report, planning's customer and order tables), are
// listed in whole_table_reads() with where they are. Private to store.

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "counted_orders.hpp"

namespace tsuikyaku::store::sql {

// --- import, per row (orders.cpp, customer_writer.cpp) ---

// The profile columns of a customer, in CustomerWriter::Profile order.
inline constexpr std::string_view k_profile_columns =
    "email, name, phone, accepts_marketing, postal_code, address, address2, city, region, "
    "country";
inline std::string customer_by_match_key() {
  return fmt::format(
      "SELECT id, profile_at, postal_at, fingerprint, {} FROM customers WHERE match_key = ?",
      k_profile_columns);
}
// ON CONFLICT DO NOTHING for either unique key: match_key (a known customer) or
// customer_key (another kind's key, customer_writer.cpp).
inline std::string customer_insert() {
  return fmt::format(
      "INSERT INTO customers (customer_key, match_key, {}, postal_at, profile_at, created_at, "
      "updated_at, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON "
      "CONFLICT DO NOTHING",
      k_profile_columns);
}
inline std::string customer_profile() {
  return fmt::format("SELECT {} FROM customers WHERE id = ?", k_profile_columns);
}
inline constexpr const char* k_customer_update =
    "UPDATE customers SET email = ?, name = ?, phone = ?, accepts_marketing = ?, "
    "postal_code = ?, address = ?, address2 = ?, city = ?, region = ?, country = ?, "
    "postal_at = ?, profile_at = ?, updated_at = ?, fingerprint = ? WHERE id = ?";
inline constexpr const char* k_customer_move =
    "UPDATE customers SET profile_at = ?, postal_at = ?, fingerprint = ? WHERE id = ?";

// The stored order with its customer's keys: the row's owner is checked and its values
// merged from one search.
inline constexpr const char* k_order_find =
    "SELECT orders.id, orders.import_id, orders.customer_id, orders.ordered_at, "
    "orders.total_minor, orders.currency, orders.status, orders.shipped_at, "
    "orders.delivered_at, orders.cancelled_at, orders.tracking_number, orders.carrier, "
    "orders.discount_code, customers.match_key, customers.customer_key FROM orders JOIN "
    "customers ON customers.id = orders.customer_id WHERE orders.order_key = ?";
// The stored order's fingerprint (fingerprint.hpp): an unchanged row stops here.
inline constexpr const char* k_order_fingerprint =
    "SELECT fingerprint FROM orders WHERE order_key = ?";
inline constexpr const char* k_order_insert =
    "INSERT INTO orders (customer_id, ordered_at, total_minor, currency, status, shipped_at, "
    "delivered_at, cancelled_at, tracking_number, carrier, discount_code, import_id, "
    "updated_at, fingerprint, order_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, ?) ON CONFLICT (order_key) DO NOTHING";
inline constexpr const char* k_order_update =
    "UPDATE orders SET customer_id = ?, ordered_at = ?, total_minor = ?, currency = ?, "
    "status = ?, shipped_at = ?, delivered_at = ?, cancelled_at = ?, tracking_number = ?, "
    "carrier = ?, discount_code = ?, import_id = ?, updated_at = ?, fingerprint = ? WHERE id = ?";
// A row that changes none of the order's values, but is not the row last applied.
inline constexpr const char* k_order_fingerprint_update =
    "UPDATE orders SET fingerprint = ? WHERE id = ?";
inline constexpr const char* k_order_lines_delete = "DELETE FROM order_lines WHERE order_id = ?";
inline constexpr const char* k_order_line_insert =
    "INSERT INTO order_lines (order_id, line_no, sku, description, quantity, unit_price) "
    "VALUES (?, ?, ?, ?, ?, ?)";
// Line-item rows parked until the file is read (OrderImport::stage).
inline constexpr const char* k_import_rows_create =
    "CREATE TEMP TABLE IF NOT EXISTS import_rows (order_key TEXT NOT NULL, line INTEGER "
    "NOT NULL, fields TEXT NOT NULL, raw BLOB NOT NULL, reason TEXT NOT NULL)";
inline constexpr const char* k_import_row_insert =
    "INSERT INTO temp.import_rows VALUES (?, ?, ?, ?, ?)";

// --- planning and the message's facts, per message (planning.cpp, message_facts.cpp,
// ledger_queue.cpp, suppressions.cpp) ---

// The last column: a usable postal address (docs/offline.md), a postal code and a street.
inline constexpr const char* k_planning_customer =
    "SELECT id, customer_key, email, accepts_marketing, "
    "(coalesce(postal_code, '') <> '' AND coalesce(address, '') <> '') FROM customers "
    "WHERE id = ?";
inline constexpr const char* k_dedup_keys_of_order =
    "SELECT dedup_key FROM messages WHERE order_id = ?";
inline constexpr const char* k_message_by_dedup_key =
    "SELECT id, state, coupon_code FROM messages WHERE dedup_key = ?";
inline constexpr const char* k_message_insert = R"sql(
INSERT INTO messages (dedup_key, campaign, kind, customer_id, order_id, occurrence, state,
                      due_at, next_attempt_at, coupon_code, skip_reason, created_at, updated_at,
                      channel)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)
ON CONFLICT (dedup_key) DO NOTHING
)sql";
inline constexpr const char* k_coupon_take = R"sql(
UPDATE coupons SET message_id = ?1, assigned_at = ?2
WHERE id = (SELECT id FROM coupons WHERE pool = ?3 AND message_id IS NULL ORDER BY id LIMIT 1)
RETURNING code
)sql";
inline constexpr const char* k_message_coupon = "UPDATE messages SET coupon_code = ? WHERE id = ?";

inline constexpr const char* k_message_customer =
    "SELECT customer_key, name, email FROM customers WHERE id = ?";
inline constexpr const char* k_message_order =
    "SELECT order_key, total_minor, currency, ordered_at, shipped_at, delivered_at, "
    "tracking_number, carrier FROM orders WHERE id = ?";
inline constexpr const char* k_message_order_lines =
    "SELECT sku, description, quantity, unit_price FROM order_lines WHERE order_id = ? "
    "ORDER BY line_no";
// `columns` of every line of the customer (?1)'s counted orders placed by ?2: through
// orders_customer and the lines' primary key.
inline std::string lines_of_customer(std::string_view columns) {
  return fmt::format(
      "SELECT {} FROM orders o JOIN order_lines l ON l.order_id = o.id "
      "WHERE o.customer_id = ?1 AND o.ordered_at <= ?2 AND {}",
      columns, counted_order_condition("o"));
}
// Their favourite product.
inline std::string customer_lines() {
  return lines_of_customer("coalesce(l.sku, ''), coalesce(l.description, ''), o.id, o.ordered_at");
}
// What they bought, as the planner's purchases (the last check's product audience).
inline std::string customer_purchases() {
  return lines_of_customer("coalesce(l.sku, ''), coalesce(l.description, ''), o.ordered_at");
}
inline constexpr const char* k_last_check_customer =
    "SELECT customer_key, email, accepts_marketing FROM customers WHERE id = ?";
inline constexpr const char* k_last_check_order =
    "SELECT order_key, status, ordered_at, cancelled_at FROM orders WHERE id = ?";
inline constexpr const char* k_stored_segment = R"sql(
SELECT segment FROM customer_segments
WHERE customer_id = ?1
  AND run_id = (SELECT id FROM segment_runs WHERE as_of <= ?2 ORDER BY as_of DESC, id DESC LIMIT 1)
)sql";
// The customer's segment in one stored run (the last check's audience).
inline constexpr const char* k_segment_in_run =
    "SELECT segment FROM customer_segments WHERE run_id = ? AND customer_id = ?";
// A customer by a key (message_facts.cpp find_customer): customer_key, then match_key.
inline constexpr const char* k_customer_id_by_key =
    "SELECT id FROM customers WHERE customer_key = ?";
inline constexpr const char* k_customer_id_by_match_key =
    "SELECT id FROM customers WHERE match_key = ?";
inline constexpr const char* k_order_by_key =
    "SELECT id, customer_id FROM orders WHERE order_key = ?";
inline constexpr const char* k_suppression_by_address =
    "SELECT address, reason, detail, source, created_at FROM suppressions WHERE address = ?";

// --- sending, per message (ledger.cpp) ---

// Every transition out of `sending` is this one statement: the new state, whether the
// delivery counts as an attempt, and the outcome's fields. Guarded by the state and the
// run, so a row is never moved by a run that does not hold it. The first counted attempt
// is dated here when the hand-over did not date it (a refusal at RCPT never gets that far).
inline constexpr const char* k_record_outcome = R"sql(
UPDATE messages SET
  state = ?2,
  attempts = attempts + ?3,
  first_attempt_at = CASE WHEN attempts + ?3 = 0 THEN NULL ELSE coalesce(first_attempt_at, ?10) END,
  next_attempt_at = coalesce(?4, next_attempt_at),
  last_error = ?5, smtp_code = ?6, enhanced_code = ?7,
  server_id = coalesce(?8, server_id), sent_at = coalesce(?9, sent_at),
  updated_at = ?10
WHERE id = ?1 AND state = 'sending'
)sql";

inline constexpr const char* k_mark_sending = R"sql(
UPDATE messages SET
  state = 'sending', run_id = ?2, recipient = ?3, message_id = ?4, transport = ?5,
  handed_over_at = NULL, updated_at = ?6
WHERE id = ?1 AND state IN ('queued', 'deferred')
)sql";

// A row the last check refused: skipped with the reason, as if the planner had.
inline constexpr const char* k_mark_skipped = R"sql(
UPDATE messages SET state = 'skipped', skip_reason = ?2, updated_at = ?3
WHERE id = ?1 AND state IN ('queued', 'deferred')
)sql";

inline constexpr const char* k_mark_handed_over = R"sql(
UPDATE messages SET handed_over_at = ?2, first_attempt_at = coalesce(first_attempt_at, ?2)
WHERE id = ?1 AND state = 'sending' AND handed_over_at IS NULL
)sql";

inline constexpr const char* k_mark_unsendable = R"sql(
UPDATE messages SET state = 'failed', last_error = ?2, updated_at = ?3
WHERE id = ?1 AND state IN ('queued', 'deferred')
)sql";

// Rows marked sending but never handed over, of `rows` (?1), back to being due. ?2: the
// state to go back to; an expression of the row when NULL (recovery, which does not know
// it): deferred when the row has been attempted, else queued. Per message with
// k_unclaim_rows_one; once per run for a dead run's rows.
inline std::string unclaim_sql(std::string_view rows) {
  return fmt::format(R"sql(
UPDATE messages SET
  state = coalesce(?2, CASE WHEN attempts > 0 THEN 'deferred' ELSE 'queued' END),
  updated_at = ?3
WHERE state = 'sending' AND handed_over_at IS NULL AND {}
)sql",
                     rows);
}
inline constexpr std::string_view k_unclaim_rows_one = "id = ?1";

}  // namespace tsuikyaku::store::sql
