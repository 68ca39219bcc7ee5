#include "tsuikyaku/store/statements.hpp"

#include "statements.hpp"

namespace tsuikyaku::store {

std::vector<ListedStatement> per_row_statements() {
  return {
      {"import: the customer by its match key", sql::customer_by_match_key(), ""},
      {"import: a new customer", sql::customer_insert(), ""},
      {"import: the customer's profile", sql::customer_profile(), ""},
      {"import: the customer's new profile", sql::k_customer_update, ""},
      {"import: the customer's profile dates (at commit)", sql::k_customer_move, ""},
      {"import: a new order", sql::k_order_insert, ""},
      {"import: the stored order's fingerprint", sql::k_order_fingerprint, ""},
      {"import: the stored order and its owner", sql::k_order_find, ""},
      {"import: the order's fingerprint alone", sql::k_order_fingerprint_update, ""},
      {"import: the order's new values", sql::k_order_update, ""},
      {"import: the order's old lines", sql::k_order_lines_delete, ""},
      {"import: an order line", sql::k_order_line_insert, ""},
      {"import: a parked line-item row", sql::k_import_row_insert, sql::k_import_rows_create},
      {"plan: a candidate's customer", sql::k_planning_customer, ""},
      {"plan: the ledger keys of an order", sql::k_dedup_keys_of_order, ""},
      {"plan: a message by its dedup key", sql::k_message_by_dedup_key, ""},
      {"plan: a new message", sql::k_message_insert, ""},
      {"plan: a coupon code for a message", sql::k_coupon_take, ""},
      {"plan: the message's coupon code", sql::k_message_coupon, ""},
      {"send: the message's customer", sql::k_message_customer, ""},
      {"send: the message's order", sql::k_message_order, ""},
      {"send: the order's lines", sql::k_message_order_lines, ""},
      {"send: the lines of the customer's orders", sql::customer_lines(), ""},
      {"send: the message's stored segment", sql::k_stored_segment, ""},
      {"send: a customer by its key", sql::k_customer_id_by_key, ""},
      {"send: a customer by its match key", sql::k_customer_id_by_match_key, ""},
      {"send: an order by its number", sql::k_order_by_key, ""},
      {"last check: the customer", sql::k_last_check_customer, ""},
      {"last check: the order", sql::k_last_check_order, ""},
      {"last check: the address's suppression", sql::k_suppression_by_address, ""},
      {"last check: the customer's segment in the run", sql::k_segment_in_run, ""},
      {"last check: what the customer bought", sql::customer_purchases(), ""},
      {"send: mark sending", sql::k_mark_sending, ""},
      {"send: mark skipped by the last check", sql::k_mark_skipped, ""},
      {"send: mark handed over", sql::k_mark_handed_over, ""},
      {"send: record the outcome", sql::k_record_outcome, ""},
      {"send: mark unsendable", sql::k_mark_unsendable, ""},
      {"send: unclaim a message", sql::unclaim_sql(sql::k_unclaim_rows_one), ""},
  };
}

std::vector<ListedStatement> whole_table_reads() {
  return {
      {"plan: every customer", "planning.cpp load_all_customers", ""},
      {"plan, segments: every customer and counted order", "planning.cpp load_counted_orders", ""},
      {"plan: the recent messages", "planning.cpp load_recent_messages", ""},
      {"plan: the suppression list", "planning.cpp load_suppressions", ""},
      {"segments: every customer and qualifying order", "segments.cpp", ""},
      {"report: orders, segments and campaigns", "report.cpp", ""},
      {"status: counts by campaign and state", "ledger_status.cpp", ""},
      {"import: the stored totals (money ceiling)", "orders.cpp stored_total_magnitude", ""},
  };
}

}  // namespace tsuikyaku::store
