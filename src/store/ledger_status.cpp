#include "tsuikyaku/store/ledger_status.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>

#include "statement_binding.hpp"

namespace tsuikyaku::store {

std::vector<StateCount> count_messages(Database& db) {
  SQLite::Statement query(db.handle(),
                          "SELECT campaign, state, count(*) FROM messages GROUP BY campaign, state "
                          "ORDER BY campaign");
  std::vector<StateCount> out;
  while (query.executeStep()) {
    const auto state = parse_message_state(query.getColumn(1).getString());
    if (!state) continue;  // the schema's CHECK allows no other
    out.push_back({query.getColumn(0).getString(), *state, query.getColumn(2).getInt64()});
  }
  std::stable_sort(out.begin(), out.end(), [](const StateCount& a, const StateCount& b) {
    return a.campaign == b.campaign ? a.state < b.state : a.campaign < b.campaign;
  });
  return out;
}

namespace {

std::vector<AttentionRow> message_rows(Database& db, std::string_view condition) {
  SQLite::Statement query(db.handle(), std::string(R"sql(
SELECT m.id, m.message_id, m.campaign, c.customer_key, m.state, m.last_error, m.recipient,
       m.attempts, m.next_attempt_at, m.updated_at
FROM messages m JOIN customers c ON c.id = m.customer_id
WHERE )sql") + std::string(condition));
  std::vector<AttentionRow> out;
  while (query.executeStep()) {
    AttentionRow row;
    row.id = query.getColumn(0).getInt64();
    row.message_id = text_or_empty(query.getColumn(1));
    row.campaign = query.getColumn(2).getString();
    row.customer_key = query.getColumn(3).getString();
    row.state = parse_message_state(query.getColumn(4).getString()).value_or(MessageState::failed);
    row.last_error = text_or_empty(query.getColumn(5));
    row.recipient = text_or_empty(query.getColumn(6));
    row.attempts = query.getColumn(7).getInt();
    row.next_attempt_at = core::from_unix(query.getColumn(8).getInt64());
    row.updated_at = core::from_unix(query.getColumn(9).getInt64());
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

std::vector<AttentionRow> attention_rows(Database& db) {
  return message_rows(db,
                      "m.state IN ('unknown', 'deferred', 'failed') ORDER BY CASE m.state WHEN "
                      "'unknown' THEN 0 WHEN 'deferred' THEN 1 ELSE 2 END, m.id");
}

std::vector<AttentionRow> sending_rows(Database& db) {
  return message_rows(db, "m.state = 'sending' ORDER BY m.id");
}

std::vector<CouponPoolCount> coupon_pools(Database& db) {
  SQLite::Statement query(db.handle(),
                          "SELECT pool, count(*) - count(message_id), count(*) FROM coupons "
                          "GROUP BY pool ORDER BY pool");
  std::vector<CouponPoolCount> out;
  while (query.executeStep()) {
    out.push_back({query.getColumn(0).getString(), query.getColumn(1).getInt64(),
                   query.getColumn(2).getInt64()});
  }
  return out;
}

std::optional<SendRunRecord> last_send_run(Database& db) {
  SQLite::Statement query(db.handle(),
                          "SELECT id, pid, host, process_start, started_at, finished_at, as_of, "
                          "transport "
                          "FROM send_runs ORDER BY id DESC LIMIT 1");
  if (!query.executeStep()) return std::nullopt;
  SendRunRecord run;
  run.id = query.getColumn(0).getInt64();
  run.identity.pid = query.getColumn(1).getInt();
  run.identity.host = query.getColumn(2).getString();
  run.identity.process_start = query.getColumn(3).getString();
  run.started_at = core::from_unix(query.getColumn(4).getInt64());
  run.finished_at = optional_time(query.getColumn(5));
  run.as_of = core::from_unix(query.getColumn(6).getInt64());
  run.transport = query.getColumn(7).getString();
  return run;
}

}  // namespace tsuikyaku::store
