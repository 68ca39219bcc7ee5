#include "tsuikyaku/store/database.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <unordered_map>

#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/paths.hpp"

namespace tsuikyaku::store {
namespace {

constexpr int k_busy_timeout_ms = 10'000;

// SQLite's multi-thread mode: no mutex taken on every call, which cost a tenth of a scan
// over a million orders. Safe because no connection is ever used by two threads at once:
// the delivery pool's threads reach the ledger's connection under the pool's lock, and the
// render-ahead thread has a connection of its own (src/app/send.cpp).
const int k_open_flags = SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX;

void configure(SQLite::Database& db, bool in_memory) {
  // First the busy timeout: turning a new file to WAL takes its write lock, which a
  // second process creating the same file at the same moment must wait for.
  db.setBusyTimeout(k_busy_timeout_ms);
  // WAL lets `segments` and `status` read while `send` writes; NORMAL sync is durable
  // at every checkpoint and safe against corruption in WAL mode.
  if (!in_memory) db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
  db.exec("PRAGMA foreign_keys = ON");
}

int user_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

}  // namespace

struct Database::Statements {
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> by_sql;
};

Database::Database(std::unique_ptr<SQLite::Database> db, std::filesystem::path path)
    : m_db(std::move(db)), m_statements(std::make_unique<Statements>()), m_path(std::move(path)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

SQLite::Statement& Database::reused(const std::string& sql) {
  auto& slot = m_statements->by_sql[sql];
  if (!slot) slot = std::make_unique<SQLite::Statement>(*m_db, sql);
  slot->reset();
  slot->clearBindings();
  return *slot;
}

int Database::schema_version() const { return user_version(*m_db); }

Database Database::open(const std::filesystem::path& path, std::span<const Migration> migrations) {
  const std::string name = core::display_path(path);
  std::unique_ptr<SQLite::Database> handle;
  try {
    handle = std::make_unique<SQLite::Database>(path.string(), k_open_flags | SQLite::OPEN_CREATE);
    configure(*handle, false);
  } catch (const SQLite::Exception& e) {
    const int code = e.getErrorCode();
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
      throw core::Error(core::ErrorKind::temp_fail,
                        fmt::format("database {} is busy: another tsuikyaku has held it for {} "
                                    "s; try again when it is done",
                                    name, k_busy_timeout_ms / 1000));
    }
    throw core::Error(code == SQLITE_NOTADB ? core::ErrorKind::data : core::ErrorKind::no_input,
                      fmt::format("cannot open database {}: {}", name, e.getErrorStr()));
  }
  Database db(std::move(handle), path);
  migrate(db, migrations);
  return db;
}

Database Database::open_in_memory(std::span<const Migration> migrations) {
  auto handle = std::make_unique<SQLite::Database>(":memory:", k_open_flags);
  configure(*handle, true);
  Database db(std::move(handle), ":memory:");
  migrate(db, migrations);
  return db;
}

void migrate(Database& db, std::span<const Migration> migrations) {
  SQLite::Database& handle = db.handle();
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  const std::string name = core::display_path(db.path());
  for (const Migration& migration : migrations) {
    if (user_version(handle) >= migration.version) continue;
    // IMMEDIATE takes the write lock first, so two processes opening a fresh file do
    // not both migrate it; the version is read again under the lock.
    SQLite::Transaction transaction(handle, SQLite::TransactionBehavior::IMMEDIATE);
    if (user_version(handle) >= migration.version) continue;
    try {
      handle.exec(std::string(migration.sql));
      handle.exec(fmt::format("PRAGMA user_version = {}", migration.version));
    } catch (const SQLite::Exception& e) {
      throw core::Error(core::ErrorKind::internal,
                        fmt::format("database {}: migration to schema {} ({}) failed: {}", name,
                                    migration.version, migration.description, e.what()));
    }
    transaction.commit();
  }
  const int version = user_version(handle);
  if (version > newest) {
    throw core::Error(core::ErrorKind::data,
                      fmt::format("database {} has schema version {}, newer than this tsuikyaku "
                                  "knows ({}); use a newer tsuikyaku with it",
                                  name, version, newest));
  }
}

}  // namespace tsuikyaku::store
