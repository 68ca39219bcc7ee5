#include "tsuikyaku/store/ledger.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "reused.hpp"
#include "statement_binding.hpp"
#include "statements.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/store/suppressions.hpp"

namespace tsuikyaku::store {
namespace {

constexpr std::array<std::string_view, 7> k_state_names{"queued", "sending", "sent",   "deferred",
                                                        "failed", "skipped", "unknown"};

using sql::k_mark_handed_over;
using sql::k_mark_sending;
using sql::k_mark_skipped;
using sql::k_mark_unsendable;
using sql::k_record_outcome;
using sql::unclaim_sql;

constexpr const char* k_claim_columns =
    "id, campaign, customer_id, order_id, coupon_code, state, due_at, created_at, attempts, "
    "first_attempt_at, message_id";

// The due mail (?1: now; inserts and postal rows wait for the owner, docs/offline.md), of the
// campaigns bound from ?3 on when there are any, then `tail`.
std::string due_sql(std::string_view select, std::size_t campaigns, std::string_view tail) {
  std::string sql = fmt::format(
      "SELECT {} FROM messages WHERE state IN ('queued', 'deferred') AND next_attempt_at <= ?1 "
      "AND channel = 'email'",
      select);
  if (campaigns > 0) {
    sql += " AND campaign IN (?3";
    for (std::size_t i = 1; i < campaigns; ++i) sql += fmt::format(", ?{}", i + 3);
    sql += ")";
  }
  return sql + " " + std::string(tail);
}

void bind_due(SQLite::Statement& query, core::Instant now, std::span<const std::string> campaigns) {
  query.bind(1, core::to_unix(now));
  for (std::size_t i = 0; i < campaigns.size(); ++i) {
    query.bind(static_cast<int>(i) + 3, campaigns[i]);
  }
}

void check_moved(int changes, std::int64_t id, std::string_view to) {
  if (changes == 1) return;
  throw core::Error(core::ErrorKind::internal,
                    fmt::format("ledger row {} could not become {}: it is not in the state "
                                "this run left it in",
                                id, to));
}

LedgerRow read_row(SQLite::Statement& query) {
  LedgerRow row;
  row.id = query.getColumn(0).getInt64();
  row.campaign = query.getColumn(1).getString();
  row.customer_id = query.getColumn(2).getInt64();
  row.order_id = optional_int(query.getColumn(3));
  row.coupon_code = text_or_empty(query.getColumn(4));
  row.state = parse_message_state(query.getColumn(5).getString()).value_or(MessageState::queued);
  row.due_at = core::from_unix(query.getColumn(6).getInt64());
  row.created_at = core::from_unix(query.getColumn(7).getInt64());
  row.attempts = query.getColumn(8).getInt();
  row.first_attempt_at = optional_time(query.getColumn(9));
  row.message_id = text_or_empty(query.getColumn(10));
  return row;
}

// The fields of k_record_outcome after the id.
struct OutcomeRecord {
  MessageState state = MessageState::sent;
  bool counts = true;
  std::optional<core::Instant> next_attempt_at;
  std::optional<core::Instant> sent_at;
};

void record(Database& db, std::int64_t id, const OutcomeRecord& record,
            const delivery::Outcome& outcome, std::string_view error, core::Instant now) {
  Reused reused(db, k_record_outcome);
  SQLite::Statement& update = *reused;
  update.bind(1, id);
  update.bind(2, std::string(to_string(record.state)));
  update.bind(3, record.counts ? 1 : 0);
  bind_or_null(update, 4, record.next_attempt_at);
  bind_text_or_null(update, 5, error);
  bind_nonzero_or_null(update, 6, outcome.reply.code);
  bind_text_or_null(update, 7, outcome.reply.enhanced);
  bind_text_or_null(update, 8, outcome.server_id);
  bind_or_null(update, 9, record.sent_at);
  update.bind(10, core::to_unix(now));
  check_moved(update.exec(), id, to_string(record.state));
}

}  // namespace

std::string_view to_string(MessageState state) {
  return k_state_names[static_cast<std::size_t>(state)];
}

std::optional<MessageState> parse_message_state(std::string_view text) {
  for (std::size_t i = 0; i < k_state_names.size(); ++i) {
    if (k_state_names[i] == text) return static_cast<MessageState>(i);
  }
  return std::nullopt;
}

std::vector<LedgerRow> claim_due(Database& db, const ClaimRequest& request) {
  SQLite::Statement query(db.handle(), due_sql(k_claim_columns, request.campaigns.size(),
                                               "ORDER BY next_attempt_at, id LIMIT ?2"));
  bind_due(query, request.now, request.campaigns);
  query.bind(2, request.limit.value_or(-1));  // LIMIT -1: no limit
  std::vector<LedgerRow> rows;
  while (query.executeStep()) rows.push_back(read_row(query));
  return rows;
}

std::vector<std::pair<std::string, std::int64_t>> count_due(
    Database& db, core::Instant now, std::span<const std::string> campaigns) {
  // ?2 (the limit) is left out: SQLite allows gaps in numbered parameters.
  SQLite::Statement query(db.handle(), due_sql("campaign, count(*)", campaigns.size(),
                                               "GROUP BY campaign ORDER BY campaign"));
  bind_due(query, now, campaigns);
  std::vector<std::pair<std::string, std::int64_t>> counts;
  while (query.executeStep()) {
    counts.emplace_back(query.getColumn(0).getString(), query.getColumn(1).getInt64());
  }
  return counts;
}

std::int64_t start_send_run(Database& db, const SendRunStart& run) {
  SQLite::Statement insert(db.handle(),
                           "INSERT INTO send_runs (pid, host, process_start, started_at, as_of, "
                           "transport) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, run.identity.pid);
  insert.bind(2, run.identity.host);
  insert.bind(3, run.identity.process_start);
  insert.bind(4, core::to_unix(run.started_at));
  insert.bind(5, core::to_unix(run.as_of));
  insert.bind(6, run.transport);
  insert.exec();
  return db.handle().getLastInsertRowid();
}

void finish_send_run(Database& db, std::int64_t run_id, core::Instant finished_at) {
  SQLite::Statement update(db.handle(), "UPDATE send_runs SET finished_at = ? WHERE id = ?");
  update.bind(1, core::to_unix(finished_at));
  update.bind(2, run_id);
  update.exec();
}

std::int64_t recover_interrupted(Database& db, core::Instant now) {
  // The runs that left rows in `sending`; a row without a run (none is written so) is
  // treated like one of a dead run.
  SQLite::Statement runs(db.handle(), R"sql(
SELECT DISTINCT m.run_id, r.pid, r.host, r.process_start
FROM messages m LEFT JOIN send_runs r ON r.id = m.run_id
WHERE m.state = 'sending'
)sql");
  struct DeadRun {
    std::optional<std::int64_t> id;
    std::string error;
    bool this_boot;  // ran since the machine last started: its commits are all there
  };
  std::vector<DeadRun> dead;
  const RunIdentity me = current_run_identity();
  while (runs.executeStep()) {
    RunIdentity run;
    run.pid = runs.getColumn(1).isNull() ? 0 : runs.getColumn(1).getInt();
    run.host = text_or_empty(runs.getColumn(2));
    run.process_start = text_or_empty(runs.getColumn(3));
    // The caller holds the send lock, the one live run on this database: every run that
    // left rows in `sending` has ended, whatever host name it had (a container gets a new
    // one at each start), so liveness is not asked of the process table. Only the rows of
    // this very process (the lock holder's own run) stay.
    if (run.pid == me.pid && run.process_start == me.process_start) continue;
    dead.push_back({optional_int(runs.getColumn(0)),
                    fmt::format("the send run (process {} on {}) ended while the message was "
                                "being sent; it may have reached the server",
                                run.pid, run.host),
                    run.pid != 0 && ran_since_boot(run)});
  }
  SQLite::Statement due_again(db.handle(), unclaim_sql("run_id IS ?1"));
  SQLite::Statement update(db.handle(), R"sql(
UPDATE messages SET state = 'unknown', last_error = ?2, updated_at = ?3
WHERE state = 'sending' AND run_id IS ?1
)sql");
  std::int64_t rows = 0;
  for (const auto& [run_id, error, this_boot] : dead) {
    // First what a dead run of this boot never handed over: due again.
    if (this_boot) {
      due_again.reset();
      bind_or_null(due_again, 1, run_id);
      due_again.bind(3, core::to_unix(now));
      due_again.exec();
    }
    update.reset();
    bind_or_null(update, 1, run_id);
    update.bind(2, error);
    update.bind(3, core::to_unix(now));
    rows += update.exec();
  }
  return rows;
}

std::int64_t retry_unknown(Database& db, core::Instant now,
                           const std::optional<std::string>& campaign) {
  SQLite::Statement update(db.handle(), R"sql(
UPDATE messages SET state = 'queued', next_attempt_at = ?1, updated_at = ?1
WHERE state = 'unknown' AND (?2 IS NULL OR campaign = ?2)
)sql");
  update.bind(1, core::to_unix(now));
  bind_or_null(update, 2, campaign);
  return update.exec();
}

namespace {

// Commits made while it lives wait for the disk (PRAGMA synchronous = FULL: in WAL mode
// the log is synced at each commit); the connection's NORMAL comes back after.
class WrittenThrough {
 public:
  explicit WrittenThrough(SQLite::Database& db) : m_db(db) {
    m_db.exec("PRAGMA synchronous = FULL");
  }
  ~WrittenThrough() {
    try {
      m_db.exec("PRAGMA synchronous = NORMAL");
    } catch (const SQLite::Exception&) {
      // Left at FULL, commits are only slower.
    }
  }
  WrittenThrough(const WrittenThrough&) = delete;
  WrittenThrough& operator=(const WrittenThrough&) = delete;

 private:
  SQLite::Database& m_db;
};

}  // namespace

void LedgerWriter::mark_sending(std::span<const Attempt> attempts, core::Instant now,
                                const LastCheck& check) {
  if (attempts.empty()) return;
  const WrittenThrough durable(m_db.handle());
  SQLite::Transaction transaction(m_db.handle());
  Reused update(m_db, k_mark_sending);
  Reused skip(m_db, k_mark_skipped);
  for (std::size_t i = 0; i < attempts.size(); ++i) {
    const Attempt& attempt = attempts[i];
    const std::string reason = check ? check(i) : std::string();
    if (!reason.empty()) {
      skip->reset();
      skip->bind(1, attempt.id);
      skip->bind(2, reason);
      skip->bind(3, core::to_unix(now));
      check_moved(skip->exec(), attempt.id, "skipped");
      continue;
    }
    update->reset();
    update->bind(1, attempt.id);
    update->bind(2, attempt.run_id);
    update->bind(3, attempt.recipient);
    update->bind(4, attempt.message_id);
    update->bind(5, attempt.transport);
    update->bind(6, core::to_unix(now));
    check_moved(update->exec(), attempt.id, "sending");
  }
  transaction.commit();
}

void LedgerWriter::mark_handed_over(std::int64_t id, core::Instant now) {
  Reused update(m_db, k_mark_handed_over);
  update->bind(1, id);
  update->bind(2, core::to_unix(now));
  check_moved(update->exec(), id, "handed over");
}

void LedgerWriter::unclaim(std::int64_t id, MessageState previous, core::Instant now) {
  static const std::string unclaim_one = unclaim_sql(sql::k_unclaim_rows_one);
  Reused update(m_db, unclaim_one);
  update->bind(1, id);
  update->bind(2, std::string(to_string(previous)));
  update->bind(3, core::to_unix(now));
  check_moved(update->exec(), id, to_string(previous));
}

void LedgerWriter::mark_unsendable(std::int64_t id, std::string_view error, core::Instant now) {
  Reused update(m_db, k_mark_unsendable);
  update->bind(1, id);
  update->bind(2, std::string(error));
  update->bind(3, core::to_unix(now));
  check_moved(update->exec(), id, "failed");
}

void LedgerWriter::mark_sent(std::int64_t id, const delivery::Outcome& outcome, core::Instant now) {
  record(m_db, id, {MessageState::sent, true, std::nullopt, now}, outcome, {}, now);
}

void LedgerWriter::mark_deferred(std::int64_t id, const delivery::Outcome& outcome,
                                 core::Instant next_attempt_at, core::Instant now) {
  record(m_db, id, {MessageState::deferred, true, next_attempt_at, std::nullopt}, outcome,
         outcome.error, now);
}

void LedgerWriter::mark_failed(std::int64_t id, const delivery::Outcome& outcome, core::Instant now,
                               std::string_view error) {
  record(m_db, id, {MessageState::failed, true, std::nullopt, std::nullopt}, outcome,
         error.empty() ? std::string_view(outcome.error) : error, now);
}

void LedgerWriter::mark_bounced(std::int64_t id, const delivery::Outcome& outcome,
                                std::string_view recipient, core::Instant now) {
  SQLite::Transaction transaction(m_db.handle());
  mark_failed(id, outcome, now);
  suppress(m_db, {std::string(recipient), SuppressionReason::bounced, outcome.error, "send"}, now);
  transaction.commit();
}

void LedgerWriter::mark_unknown(std::int64_t id, const delivery::Outcome& outcome,
                                core::Instant now) {
  record(m_db, id, {MessageState::unknown, true, std::nullopt, std::nullopt}, outcome,
         outcome.error, now);
}

void LedgerWriter::release(std::int64_t id, MessageState previous, const delivery::Outcome& outcome,
                           core::Instant now) {
  record(m_db, id, {previous, false, std::nullopt, std::nullopt}, outcome, outcome.error, now);
}

}  // namespace tsuikyaku::store
