#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tsuikyaku/store/database.hpp"

struct sqlite3;
struct sqlite3_stmt;

// A read-only query stepped through SQLite's C API, for the scans that read every order or
// customer. SQLiteCpp hands out a reference-counted Column per value; on a million orders
// that costs more than SQLite's own work for the row. Private to the store module.

namespace tsuikyaku::store {

class Scan {
 public:
  // Throws SQLite::Exception, like SQLiteCpp, when the SQL does not prepare.
  Scan(Database& db, const std::string& sql);
  ~Scan();
  Scan(const Scan&) = delete;
  Scan& operator=(const Scan&) = delete;

  void bind(int index, std::int64_t value);

  // The next row: false at the end. Throws SQLite::Exception on an error.
  bool step();

  // Values of the current row. NULL reads as 0 and as an empty text, the store's "not
  // known". A text stays valid until the next step.
  std::int64_t integer(int column) const;
  std::string_view text(int column) const;

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_statement = nullptr;
};

}  // namespace tsuikyaku::store
