#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/store/database.hpp"
#include "tsuikyaku/store/ledger.hpp"

// What `tsuikyaku status` reads (SPEC §9): the ledger's counts, the rows that need a
// person, the coupon pools, the last send run.

namespace tsuikyaku::store {

struct StateCount {
  std::string campaign;
  MessageState state = MessageState::queued;
  std::int64_t count = 0;
};

// One entry per campaign and state that has rows, by campaign name, then state order.
std::vector<StateCount> count_messages(Database& db);

// A row in `unknown`, `deferred` or `failed`.
struct AttentionRow {
  std::int64_t id = 0;
  std::string message_id;  // empty when it never got one
  std::string campaign;
  std::string customer_key;
  MessageState state = MessageState::unknown;
  std::string last_error;
  std::string recipient;
  int attempts = 0;
  core::Instant next_attempt_at;  // deferred: when it is tried again
  core::Instant updated_at;
};

// unknown first, then deferred, then failed; within each, oldest row first.
std::vector<AttentionRow> attention_rows(Database& db);

// The messages in `sending`, oldest first.
std::vector<AttentionRow> sending_rows(Database& db);

struct CouponPoolCount {
  std::string pool;  // as campaigns name it
  std::int64_t free = 0;
  std::int64_t total = 0;
};

// Every pool in the coupons table, by name.
std::vector<CouponPoolCount> coupon_pools(Database& db);

struct SendRunRecord {
  std::int64_t id = 0;
  RunIdentity identity;  // pid, host, process start
  core::Instant started_at;
  std::optional<core::Instant> finished_at;  // nullopt: still running, or it died
  core::Instant as_of;
  std::string transport;
};

// The newest send run, or nullopt before the first.
std::optional<SendRunRecord> last_send_run(Database& db);

}  // namespace tsuikyaku::store
