#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/store/database.hpp"
#include "tsuikyaku/store/ledger.hpp"

// One customer as `tsuikyaku customers show` presents it (SPEC §9): the stored fields,
// the orders, and every ledger row.

namespace tsuikyaku::store {

// The fields of a customer a listing or a postal mailing needs; empty when unknown.
struct CustomerContact {
  std::string email;
  std::string name;
  std::string postal_code;
  std::string address;
  std::string address2;
  std::string city;
  std::string region;
  std::string country;
  std::string phone;
};

struct CustomerRecord {
  std::int64_t id = 0;
  std::string customer_key;
  CustomerContact contact;
  bool accepts_marketing = false;
  core::Instant created_at;
  core::Instant updated_at;
};

// The customer whose key is `key` (SPEC §3), as message_facts.hpp's find_customer finds
// it: the key exactly, else an e-mail address in any letter case, else a customer id.
std::optional<CustomerRecord> find_customer(Database& db, std::string_view key);

// The customers whose e-mail address is `address`, in any letter case, by key.
std::vector<CustomerRecord> find_customers_by_email(Database& db, std::string_view address);

struct CustomerOrder {
  std::string order_key;
  core::Instant ordered_at;
  std::int64_t total_minor = 0;
  std::string currency;
  std::string status;
  std::optional<core::Instant> shipped_at;
  std::optional<core::Instant> delivered_at;
  std::string tracking_number;
  std::string carrier;
};

// The customer's orders, oldest first.
std::vector<CustomerOrder> customer_orders(Database& db, std::int64_t customer_id);

struct CustomerMessage {
  std::int64_t id = 0;
  std::string campaign;
  std::string kind;  // transactional or marketing
  MessageState state = MessageState::queued;
  std::string order_key;  // triggered campaigns; empty for schedules
  core::Instant due_at;
  std::optional<core::Instant> sent_at;
  std::string recipient;
  std::string message_id;
  std::string coupon_code;
  std::string reason;  // skipped: the skip reason; deferred, failed, unknown: the last error
};

// Every ledger row of the customer, in the order they fell due.
std::vector<CustomerMessage> customer_messages(Database& db, std::int64_t customer_id);

}  // namespace tsuikyaku::store
