#include "scan.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

namespace tsuikyaku::store {

Scan::Scan(Database& db, const std::string& sql) : m_db(db.handle().getHandle()) {
  const int rc =
      sqlite3_prepare_v2(m_db, sql.c_str(), static_cast<int>(sql.size()), &m_statement, nullptr);
  if (rc != SQLITE_OK) throw SQLite::Exception(m_db, rc);
}

Scan::~Scan() { sqlite3_finalize(m_statement); }

void Scan::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(m_statement, index, value);
  if (rc != SQLITE_OK) throw SQLite::Exception(m_db, rc);
}

bool Scan::step() {
  const int rc = sqlite3_step(m_statement);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw SQLite::Exception(m_db, rc);
}

std::int64_t Scan::integer(int column) const { return sqlite3_column_int64(m_statement, column); }

std::string_view Scan::text(int column) const {
  // Text first, then its length: the order SQLite documents for a pointer that stays valid.
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
  if (text == nullptr) return {};
  return {text, static_cast<std::size_t>(sqlite3_column_bytes(m_statement, column))};
}

}  // namespace tsuikyaku::store
