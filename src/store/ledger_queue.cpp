#include "tsuikyaku/store/ledger_queue.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <set>

#include "reused.hpp"
#include "statements.hpp"

// The planning writes of SPEC §8.1: every insert is ON CONFLICT (dedup_key) DO NOTHING, so
// two runs, also two at once, never queue a message twice; a coupon code is taken with an
// UPDATE of one free row inside the same transaction, so no code is given twice.

namespace tsuikyaku::store {

void in_write_transaction(Database& db, const std::function<void()>& work) {
  SQLite::Transaction transaction(db.handle(), SQLite::TransactionBehavior::IMMEDIATE);
  work();
  transaction.commit();
}

void sync_coupon_pool(Database& db, const std::string& pool, std::span<const std::string> codes) {
  SQLite::Database& handle = db.handle();
  const std::set<std::string> listed(codes.begin(), codes.end());
  SQLite::Statement free_codes(
      handle, "SELECT id, code FROM coupons WHERE pool = ? AND message_id IS NULL");
  free_codes.bind(1, pool);
  SQLite::Statement remove(handle, "DELETE FROM coupons WHERE id = ?");
  while (free_codes.executeStep()) {
    if (listed.count(free_codes.getColumn(1).getString()) > 0) continue;
    remove.bind(1, free_codes.getColumn(0).getInt64());
    remove.exec();
    remove.reset();
  }
  SQLite::Statement insert(
      handle, "INSERT INTO coupons (pool, code) VALUES (?, ?) ON CONFLICT (pool, code) DO NOTHING");
  for (const std::string& code : codes) {
    insert.bind(1, pool);
    insert.bind(2, code);
    insert.exec();
    insert.reset();
  }
}

std::optional<std::int64_t> insert_message(Database& db, const NewMessage& message,
                                           core::Instant now) {
  Reused insert(db, sql::k_message_insert);
  const bool skipped = !message.skip_reason.empty();
  insert->bind(1, message.dedup_key);
  insert->bind(2, message.campaign);
  insert->bind(3, std::string(campaign::to_string(message.kind)));
  insert->bind(4, message.customer_id);
  if (message.order_id) insert->bind(5, *message.order_id);
  if (!message.occurrence.empty()) insert->bind(6, message.occurrence);
  insert->bind(7, skipped ? "skipped" : "queued");
  insert->bind(8, core::to_unix(message.due_at));
  // A skipped row is never attempted: its next attempt is its due moment, for ordering.
  insert->bind(9, core::to_unix(skipped ? message.due_at : message.send_at));
  if (!message.coupon_code.empty()) insert->bind(10, message.coupon_code);
  if (skipped) insert->bind(11, message.skip_reason);
  insert->bind(12, core::to_unix(now));
  insert->bind(13, std::string(campaign::to_string(message.channel)));
  if (insert->exec() == 0) return std::nullopt;
  return db.handle().getLastInsertRowid();
}

std::optional<std::string> assign_coupon(Database& db, const std::string& pool,
                                         std::int64_t message_id, core::Instant now) {
  Reused take(db, sql::k_coupon_take);
  take->bind(1, message_id);
  take->bind(2, core::to_unix(now));
  take->bind(3, pool);
  if (!take->executeStep()) return std::nullopt;
  // SQLite makes every change of an UPDATE … RETURNING in its first step.
  const std::string code = take->getColumn(0).getString();
  Reused record(db, sql::k_message_coupon);
  record->bind(1, code);
  record->bind(2, message_id);
  record->exec();
  return code;
}

}  // namespace tsuikyaku::store
