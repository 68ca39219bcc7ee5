#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

#include "tsuikyaku/store/database.hpp"

namespace tsuikyaku::store {

// One use of a statement the connection keeps (Database::reused): reset again at the end
// of the scope, which ends its read. Not re-entrant: a statement serves one use at a time,
// so a function using one must not call another that uses the same SQL.
class Reused {
 public:
  Reused(Database& db, const std::string& sql) : m_statement(db.reused(sql)) {}
  ~Reused() { m_statement.tryReset(); }
  Reused(const Reused&) = delete;
  Reused& operator=(const Reused&) = delete;

  SQLite::Statement& operator*() { return m_statement; }
  SQLite::Statement* operator->() { return &m_statement; }

 private:
  SQLite::Statement& m_statement;
};

}  // namespace tsuikyaku::store
