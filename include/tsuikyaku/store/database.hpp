#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

// The shop's SQLite file (SPEC §1): WAL, foreign keys on, a busy timeout, and a schema
// versioned with PRAGMA user_version that newer binaries migrate in place. All SQL of
// the project lives in the store module.

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace tsuikyaku::store {

struct Migration {
  int version;                   // 1, 2, … in order; the file's user_version after it
  std::string_view description;  // one line, for --verbose and docs
  std::string_view sql;          // statements run in one transaction
};

// The project's schema history, oldest first.
std::span<const Migration> schema_migrations();

class Database {
 public:
  // Opens or creates the file and migrates it to the newest schema of `migrations`.
  // Throws core::Error: no_input when the file cannot be opened, data when it is not a
  // database or its schema is newer than this binary knows.
  static Database open(const std::filesystem::path& path,
                       std::span<const Migration> migrations = schema_migrations());
  // A private in-memory database with the schema, for tests.
  static Database open_in_memory(std::span<const Migration> migrations = schema_migrations());

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  int schema_version() const;
  const std::filesystem::path& path() const { return m_path; }

  // The SQLiteCpp handle, for the store's repositories only.
  SQLite::Database& handle() { return *m_db; }

  // A statement prepared once per connection and kept, for the store's look-ups and
  // writes made once per message or row: preparing costs more than running them. Reset
  // and with no bindings when handed out; use it through store::Reused (src/store), which
  // resets it again when done, so that no read stays open.
  SQLite::Statement& reused(const std::string& sql);

 private:
  struct Statements;
  Database(std::unique_ptr<SQLite::Database> db, std::filesystem::path path);

  std::unique_ptr<SQLite::Database> m_db;
  std::unique_ptr<Statements> m_statements;  // after m_db: finalized before it closes
  std::filesystem::path m_path;
};

// Runs every migration above the file's version, each in its own transaction, in order.
// Throws core::Error (data) when the file's version is above the newest of migrations.
void migrate(Database& db, std::span<const Migration> migrations);

}  // namespace tsuikyaku::store
