// No statement the store runs per row or per message reads a whole table
// (src/store/statements.hpp): each is prepared against a database built by the schema and
// its EXPLAIN QUERY PLAN may search tables through their indexes, never scan one.

#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support.hpp"
#include "tsuikyaku/store/database.hpp"
#include "tsuikyaku/store/statements.hpp"

using namespace tsuikyaku;

namespace {

// The steps of the statement's plan that scan a table ("SCAN customers"), not those that
// search one through an index ("SEARCH customers USING INDEX …") or read a constant row.
std::vector<std::string> scans(store::Database& db, const std::string& sql) {
  SQLite::Statement plan(db.handle(), "EXPLAIN QUERY PLAN " + sql);
  std::vector<std::string> out;
  while (plan.executeStep()) {
    const std::string detail = plan.getColumn(3).getString();
    if (detail.starts_with("SCAN ") && detail != "SCAN CONSTANT ROW") out.push_back(detail);
  }
  return out;
}

}  // namespace

TEST_CASE("store: every statement run per row or per message searches an index", "[store]") {
  testing::TempDir dir;
  auto db = store::Database::open(dir / "shop.db");
  const std::vector<store::ListedStatement> listed = store::per_row_statements();
  CHECK(listed.size() >= 30);
  for (const store::ListedStatement& statement : listed) {
    INFO(statement.name << ":\n" << statement.sql);
    if (!statement.setup.empty()) db.handle().exec(statement.setup);
    CHECK(scans(db, statement.sql).empty());
  }
  CHECK_FALSE(store::whole_table_reads().empty());
}

TEST_CASE("store: the query plan guard sees a lookup that reads the whole table", "[store]") {
  testing::TempDir dir;
  auto db = store::Database::open(dir / "shop.db", store::schema_migrations().first(4));
  // The dry run's customer lookup on schema 4, where customer_key had no index: the OR of
  // an indexed and an unindexed column read every customer for every message.
  CHECK(scans(db,
              "SELECT id FROM customers WHERE customer_key = ?1 OR match_key = ?2 "
              "ORDER BY customer_key = ?1 DESC LIMIT 1") ==
        std::vector<std::string>{"SCAN customers"});
}
