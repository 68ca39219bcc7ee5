#include "tsuikyaku/store/inbox.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "statement_binding.hpp"

namespace tsuikyaku::store {
namespace {

std::optional<std::string> text_or_null(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

std::optional<SentMessage> read_sent(SQLite::Statement& query) {
  if (!query.executeStep()) return std::nullopt;
  SentMessage out;
  out.id = query.getColumn(0).getInt64();
  out.recipient = text_or_empty(query.getColumn(1));
  out.message_id = text_or_empty(query.getColumn(2));
  out.state = query.getColumn(3).getString();
  return out;
}

constexpr const char* k_sent_columns = "SELECT id, recipient, message_id, state FROM messages ";

}  // namespace

std::optional<FolderMark> folder_mark(Database& db, std::string_view folder) {
  SQLite::Statement query(db.handle(),
                          "SELECT uidvalidity, last_uid FROM inbox_folders WHERE folder = ?");
  query.bind(1, std::string(folder));
  if (!query.executeStep()) return std::nullopt;
  return FolderMark{query.getColumn(0).getInt64(), query.getColumn(1).getInt64()};
}

void set_folder_mark(Database& db, std::string_view folder, const FolderMark& mark,
                     core::Instant now) {
  SQLite::Statement update(db.handle(), R"sql(
INSERT INTO inbox_folders (folder, uidvalidity, last_uid, read_at) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (folder) DO UPDATE SET
  uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, read_at = excluded.read_at
)sql");
  update.bind(1, std::string(folder));
  update.bind(2, mark.uidvalidity);
  update.bind(3, mark.last_uid);
  update.bind(4, core::to_unix(now));
  update.exec();
}

void record_inbox_message(Database& db, const InboxMessage& m) {
  SQLite::Statement insert(db.handle(), R"sql(
INSERT INTO inbox_messages (folder, uidvalidity, uid, message_id, kind, address, hard, status,
                            detail, sender, subject, ledger_id, received_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
)sql");
  insert.bind(1, m.folder);
  insert.bind(2, m.uidvalidity);
  insert.bind(3, m.uid);
  bind_or_null(insert, 4, text_or_null(m.message_id));
  insert.bind(5, m.kind);
  bind_or_null(insert, 6, text_or_null(m.address));
  insert.bind(7, m.hard ? 1 : 0);
  bind_or_null(insert, 8, text_or_null(m.status));
  bind_or_null(insert, 9, text_or_null(m.detail));
  bind_or_null(insert, 10, text_or_null(m.sender));
  bind_or_null(insert, 11, text_or_null(m.subject));
  if (m.ledger_id) {
    insert.bind(12, *m.ledger_id);
  } else {
    insert.bind(12);
  }
  insert.bind(13, core::to_unix(m.received_at));
  insert.exec();
}

bool inbox_has_read(Database& db, std::string_view message_id) {
  SQLite::Statement query(db.handle(), "SELECT 1 FROM inbox_messages WHERE message_id = ?");
  query.bind(1, std::string(message_id));
  return query.executeStep();
}

std::int64_t soft_bounces_since(Database& db, std::string_view address, core::Instant since) {
  SQLite::Statement query(db.handle(), R"sql(
SELECT count(*) FROM inbox_messages
WHERE address = ?1 AND kind = 'bounce' AND hard = 0 AND ledger_id IS NOT NULL
  AND received_at >= ?2
)sql");
  query.bind(1, std::string(address));
  query.bind(2, core::to_unix(since));
  query.executeStep();
  return query.getColumn(0).getInt64();
}

std::vector<InboxMessage> inbox_replies(Database& db, std::int64_t limit) {
  SQLite::Statement query(db.handle(), R"sql(
SELECT sender, subject, received_at, address FROM inbox_messages WHERE kind = 'reply'
ORDER BY received_at DESC, id DESC LIMIT ?
)sql");
  query.bind(1, limit);
  std::vector<InboxMessage> out;
  while (query.executeStep()) {
    InboxMessage m;
    m.kind = "reply";
    m.sender = text_or_empty(query.getColumn(0));
    m.subject = text_or_empty(query.getColumn(1));
    m.received_at = core::from_unix(query.getColumn(2).getInt64());
    m.address = text_or_empty(query.getColumn(3));
    out.push_back(std::move(m));
  }
  return out;
}

std::int64_t count_inbox_replies(Database& db) {
  return db.handle()
      .execAndGet("SELECT count(*) FROM inbox_messages WHERE kind = 'reply'")
      .getInt64();
}

std::optional<SentMessage> sent_message_by_id(Database& db, std::int64_t id) {
  SQLite::Statement query(db.handle(), std::string(k_sent_columns) + "WHERE id = ?");
  query.bind(1, id);
  return read_sent(query);
}

std::optional<SentMessage> sent_message_by_message_id(Database& db, std::string_view message_id) {
  SQLite::Statement query(db.handle(), std::string(k_sent_columns) + "WHERE message_id = ?");
  query.bind(1, std::string(message_id));
  return read_sent(query);
}

void mark_bounced_later(Database& db, std::int64_t id, std::string_view status,
                        std::string_view error, core::Instant now) {
  SQLite::Statement update(db.handle(), R"sql(
UPDATE messages SET state = 'failed', enhanced_code = ?2, last_error = ?3, updated_at = ?4
WHERE id = ?1 AND state IN ('sent', 'unknown')
)sql");
  update.bind(1, id);
  bind_or_null(update, 2, text_or_null(std::string(status)));
  update.bind(3, std::string(error));
  update.bind(4, core::to_unix(now));
  update.exec();
}

}  // namespace tsuikyaku::store
