#include "tsuikyaku/store/offline.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "counted_orders.hpp"
#include "statement_binding.hpp"

namespace tsuikyaku::store {
namespace {

constexpr const char* k_offline_columns = R"sql(
SELECT m.id, m.campaign, m.customer_id, c.customer_key, c.email, c.name, c.postal_code,
       c.address, c.address2, c.city, c.region, c.country, c.phone, m.order_id, o.order_key,
       o.ordered_at, m.coupon_code, m.batch
FROM messages m JOIN customers c ON c.id = m.customer_id LEFT JOIN orders o ON o.id = m.order_id
)sql";

std::vector<OfflineRow> read_rows(SQLite::Statement& query) {
  std::vector<OfflineRow> out;
  while (query.executeStep()) {
    OfflineRow row;
    row.id = query.getColumn(0).getInt64();
    row.campaign = query.getColumn(1).getString();
    row.customer_id = query.getColumn(2).getInt64();
    row.customer_key = query.getColumn(3).getString();
    CustomerContact& c = row.contact;
    int column = 4;
    for (std::string* field : {&c.email, &c.name, &c.postal_code, &c.address, &c.address2, &c.city,
                               &c.region, &c.country, &c.phone}) {
      *field = text_or_empty(query.getColumn(column++));
    }
    if (!query.getColumn(13).isNull()) row.order_id = query.getColumn(13).getInt64();
    row.order_key = text_or_empty(query.getColumn(14));
    if (!query.getColumn(15).isNull())
      row.ordered_at = core::from_unix(query.getColumn(15).getInt64());
    row.coupon_code = text_or_empty(query.getColumn(16));
    row.batch = text_or_empty(query.getColumn(17));
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

std::int64_t settle_inserts(Database& db, core::Instant now) {
  std::int64_t settled = 0;
  const auto settle = [&](const char* reason, const std::string& condition) {
    SQLite::Statement update(db.handle(),
                             "UPDATE messages SET state = 'skipped', skip_reason = ?1, "
                             "updated_at = ?2 WHERE channel = 'insert' AND state = 'queued' AND "
                             "order_id IN (SELECT id FROM orders WHERE " +
                                 condition + ")");
    update.bind(1, reason);
    update.bind(2, core::to_unix(now));
    settled += update.exec();
  };
  // Cancelled first: a cancelled order that shipped anyway was not a missed insert.
  settle("cancelled", "NOT " + counted_order_condition() +
                          " OR (cancelled_at IS NOT NULL AND cancelled_at <= ?2)");
  settle("missed", "shipped_at IS NOT NULL AND shipped_at <= ?2");
  return settled;
}

std::vector<OfflineRow> queued_inserts(Database& db) {
  SQLite::Statement query(db.handle(), std::string(k_offline_columns) +
                                           "WHERE m.channel = 'insert' AND m.state = 'queued' "
                                           "ORDER BY o.ordered_at, o.order_key, m.id");
  return read_rows(query);
}

std::optional<std::int64_t> mark_inserts_packed(Database& db, const std::string& order_key,
                                                core::Instant now) {
  SQLite::Statement order(db.handle(), "SELECT id FROM orders WHERE order_key = ?");
  order.bind(1, order_key);
  if (!order.executeStep()) return std::nullopt;
  SQLite::Statement update(db.handle(),
                           "UPDATE messages SET state = 'sent', sent_at = ?1, updated_at = ?1 "
                           "WHERE channel = 'insert' AND order_id = ?2 AND (state = 'queued' OR "
                           "(state = 'skipped' AND skip_reason = 'missed'))");
  update.bind(1, core::to_unix(now));
  update.bind(2, order.getColumn(0).getInt64());
  return update.exec();
}

std::vector<OfflineRow> gather_postal_batch(Database& db, const std::string& batch,
                                            const std::optional<std::string>& campaign,
                                            core::Instant now) {
  SQLite::Statement stamp(db.handle(),
                          "UPDATE messages SET batch = ?1 WHERE channel = 'postal' AND "
                          "state = 'queued' AND next_attempt_at <= ?2 AND "
                          "(?3 IS NULL OR campaign = ?3) AND batch IS NOT ?1");
  stamp.bind(1, batch);
  stamp.bind(2, core::to_unix(now));
  if (campaign) stamp.bind(3, *campaign);
  stamp.exec();
  SQLite::Statement query(db.handle(), std::string(k_offline_columns) +
                                           "WHERE m.batch = ? AND m.state = 'queued' "
                                           "ORDER BY c.postal_code, m.id");
  query.bind(1, batch);
  return read_rows(query);
}

BatchDone mark_batch_posted(Database& db, const std::string& batch, core::Instant now) {
  BatchDone out;
  SQLite::Statement before(db.handle(),
                           "SELECT count(*) FROM messages WHERE batch = ? AND state = 'sent'");
  before.bind(1, batch);
  if (before.executeStep()) out.before = before.getColumn(0).getInt64();
  SQLite::Statement update(db.handle(),
                           "UPDATE messages SET state = 'sent', sent_at = ?1, updated_at = ?1 "
                           "WHERE batch = ?2 AND state = 'queued'");
  update.bind(1, core::to_unix(now));
  update.bind(2, batch);
  out.marked = update.exec();
  return out;
}

}  // namespace tsuikyaku::store
