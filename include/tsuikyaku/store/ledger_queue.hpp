#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "tsuikyaku/campaign/campaign.hpp"
#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/store/database.hpp"

// What planning writes (SPEC §6, §8.1): the decisions of a plan as ledger rows, `queued`
// or `skipped`, and coupon codes handed to queued rows. The state transitions after that
// (sending, sent, deferred…) are the sender's.

namespace tsuikyaku::store {

// Runs work in one BEGIN IMMEDIATE transaction and commits when it returns (rolls back when
// it throws). The write lock is taken first, so a second process planning at the same time
// waits, up to the busy timeout, and then reads what the first one wrote.
void in_write_transaction(Database& db, const std::function<void()>& work);

// Brings the coupons table in line with a pool file (config::read_coupon_pool): codes new
// in the file are added after the others, in file order; free codes no longer in the file
// are removed. A code given to a message stays given, whatever the file says. Running it
// twice changes nothing.
void sync_coupon_pool(Database& db, const std::string& pool, std::span<const std::string> codes);

// One ledger row as planning writes it.
struct NewMessage {
  std::string dedup_key;
  std::string campaign;
  campaign::Kind kind = campaign::Kind::transactional;
  campaign::Channel channel = campaign::Channel::email;
  std::int64_t customer_id = 0;
  std::optional<std::int64_t> order_id;  // triggered campaigns
  std::string occurrence;                // schedules; empty for triggered campaigns
  core::Instant due_at;
  core::Instant send_at;    // queued: the first attempt (next_attempt_at)
  std::string coupon_code;  // a campaign's one code (`coupon: { code: … }`), or empty
  std::string skip_reason;  // empty: a `queued` row; else a `skipped` row with this reason
};

// Inserts the row with created_at = now unless the ledger holds its dedup key already (ON
// CONFLICT DO NOTHING). Returns the new row's id, or nullopt when another run planned the
// message first.
std::optional<std::int64_t> insert_message(Database& db, const NewMessage& message,
                                           core::Instant now);

// Gives the pool's next free code (by coupons.id) to the message and records it on the
// message's row. Returns the code, or nullopt when the pool has no free code.
std::optional<std::string> assign_coupon(Database& db, const std::string& pool,
                                         std::int64_t message_id, core::Instant now);

}  // namespace tsuikyaku::store
