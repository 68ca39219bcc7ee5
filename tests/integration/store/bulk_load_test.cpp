// An import drops the secondary indexes for a bulk load only when it brings many new
// orders (src/store/orders.cpp, k_bulk_after_new): a first import of a large export does,
// the daily full export, which brings few, does not; either way the indexes are back after
// the commit and the store is whole.

#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "support.hpp"
#include "tsuikyaku/import/order_record.hpp"
#include "tsuikyaku/store/database.hpp"
#include "tsuikyaku/store/orders.hpp"

using namespace tsuikyaku;

namespace {

bool has_index(store::Database& db, const std::string& name) {
  SQLite::Statement query(db.handle(),
                          "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?");
  query.bind(1, name);
  query.executeStep();
  return query.getColumn(0).getInt() == 1;
}

// Imports orders K<from>..K<to - 1> of 1,000 customers with the file's estimated row
// count; whether orders_customer was still there just before the commit.
bool kept_indexes(store::Database& db, int from, int to, std::uint64_t expected_rows) {
  store::OrderImport import(db, store::ImportSource{"orders.csv", "generic", "utf-8"},
                            core::from_unix(1'700'000'000), expected_rows);
  ingest::OrderRecord order;
  for (int n = from; n < to; ++n) {
    order.clear();
    order.line = n + 2;
    order.order_key = "K" + std::to_string(n);
    order.customer_id = "C" + std::to_string(n % 1000);
    order.customer_key = order.customer_id;
    order.match_key = ingest::customer_match_key_of_id(order.customer_id);
    order.ordered_at = core::from_unix(1'600'000'000 + std::int64_t{n} * 60);
    order.total_minor = 1000 + n % 7;
    REQUIRE(import.upsert(order, "JPY"));
  }
  const bool kept = has_index(db, "orders_customer");
  import.commit(to - from, 0);
  return kept;
}

}  // namespace

TEST_CASE("store: only an import that brings many new orders rebuilds the indexes",
          "[store][import]") {
  testing::TempDir dir;
  auto db = store::Database::open(dir / "shop.db");

  // A first import of a large export: a bulk load.
  CHECK_FALSE(kept_indexes(db, 0, 30'000, 1'000'000));
  CHECK(has_index(db, "orders_customer"));
  CHECK(has_index(db, "customers_email"));
  // The same export again, estimated at three times its size (short rows): no order is
  // new, so nothing is rebuilt.
  CHECK(kept_indexes(db, 0, 30'000, 90'000));
  // The daily full export: the 30,000 stored orders and 1,000 new ones.
  CHECK(kept_indexes(db, 0, 31'000, 93'000));
  // A file no more than twice the stored orders: loaded row by row.
  CHECK(kept_indexes(db, 31'000, 33'000, 6'000));
  // A file that brings more new orders than are stored: a bulk load again.
  CHECK_FALSE(kept_indexes(db, 33'000, 70'000, 200'000));

  CHECK(db.handle().execAndGet("SELECT count(*) FROM orders").getInt() == 70'000);
  CHECK(db.handle().execAndGet("PRAGMA integrity_check").getString() == "ok");
  SQLite::Statement plan(db.handle(),
                         "EXPLAIN QUERY PLAN SELECT id FROM orders WHERE customer_id = 1");
  REQUIRE(plan.executeStep());
  CHECK(plan.getColumn(3).getString().find("orders_customer") != std::string::npos);
}
