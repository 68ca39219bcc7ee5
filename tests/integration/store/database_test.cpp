#include "tsuikyaku/store/database.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <catch2/catch.hpp>

#include "support.hpp"
#include "tsuikyaku/core/error.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;

namespace {

constexpr std::array k_v1{
    store::Migration{1, "notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"},
};
constexpr std::array k_v2{
    store::Migration{1, "notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"},
    store::Migration{2, "note authors", "ALTER TABLE notes ADD COLUMN author TEXT;"},
};
constexpr std::array k_v2_broken{
    store::Migration{1, "notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"},
    store::Migration{2, "broken", "ALTER TABLE notes ADD COLUMN author TEXT; SELECT nonsense("},
};

}  // namespace

TEST_CASE("store: a fresh file gets the newest schema", "[store]") {
  testing::TempDir dir;
  auto db = store::Database::open(dir / "shop.db");
  CHECK(db.schema_version() == store::schema_migrations().back().version);
  for (const char* table :
       {"customers", "orders", "order_lines", "imports", "segment_runs", "customer_segments",
        "messages", "send_runs", "suppressions", "coupons"}) {
    INFO(table);
    CHECK(db.handle().tableExists(table));
  }
  CHECK(db.handle().execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(db.handle().execAndGet("PRAGMA foreign_keys").getInt() == 1);
}

TEST_CASE("store: an older file is upgraded in place, keeping its rows", "[store]") {
  testing::TempDir dir;
  {
    auto db = store::Database::open(dir / "shop.db", k_v1);
    CHECK(db.schema_version() == 1);
    db.handle().exec("INSERT INTO notes (text) VALUES ('kept')");
  }
  auto db = store::Database::open(dir / "shop.db", k_v2);
  CHECK(db.schema_version() == 2);
  CHECK(db.handle().execAndGet("SELECT text FROM notes").getString() == "kept");
  db.handle().exec("UPDATE notes SET author = 'hanako'");
}

TEST_CASE("store: a failed migration leaves the file at its old version", "[store]") {
  testing::TempDir dir;
  { auto db = store::Database::open(dir / "shop.db", k_v1); }
  CHECK_THROWS_AS(store::Database::open(dir / "shop.db", k_v2_broken), core::Error);
  auto db = store::Database::open(dir / "shop.db", k_v1);
  CHECK(db.schema_version() == 1);
  SQLite::Statement columns(db.handle(), "SELECT count(*) FROM pragma_table_info('notes')");
  REQUIRE(columns.executeStep());
  CHECK(columns.getColumn(0).getInt() == 2);  // no author column half-added
}

TEST_CASE("store: a file newer than the binary is refused", "[store]") {
  testing::TempDir dir;
  { auto db = store::Database::open(dir / "shop.db", k_v2); }
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  try {
    store::Database::open("shop.db", k_v1);
    std::filesystem::current_path(cwd);
    FAIL("no error");
  } catch (const core::Error& e) {
    std::filesystem::current_path(cwd);
    CHECK(e.kind() == core::ErrorKind::data);
    CHECK_THAT(e.what(), Equals("database shop.db has schema version 2, newer than this "
                                "tsuikyaku knows (1); use a newer tsuikyaku with it"));
  }
}

TEST_CASE("store: a file that is not a database is refused", "[store]") {
  testing::TempDir dir;
  testing::write_file(dir / "orders.csv", std::string(4096, 'x'));
  try {
    store::Database::open(dir / "orders.csv");
    FAIL("no error");
  } catch (const core::Error& e) {
    CHECK(e.kind() == core::ErrorKind::data);
    CHECK_THAT(e.what(), Catch::EndsWith("orders.csv: file is not a database"));
  }
}

TEST_CASE("store: the unique keys that make upsert and ledger deduplication work", "[store]") {
  auto db = store::Database::open_in_memory();
  auto& h = db.handle();
  h.exec(
      "INSERT INTO customers (customer_key, match_key, profile_at, created_at, updated_at) "
      "VALUES ('Hanako@example.jp', 'hanako@example.jp', 0, 0, 0)");
  CHECK_THROWS_AS(h.exec("INSERT INTO customers (customer_key, match_key, profile_at, created_at, "
                         "updated_at) VALUES ('HANAKO@example.jp', 'hanako@example.jp', 0, 0, 0)"),
                  SQLite::Exception);
  h.exec(
      "INSERT INTO orders (order_key, customer_id, ordered_at, total_minor, currency, "
      "created_at, updated_at) VALUES ('1001', 1, 0, 4980, 'JPY', 0, 0)");
  CHECK_THROWS_AS(h.exec("INSERT INTO orders (order_key, customer_id, ordered_at, total_minor, "
                         "currency, created_at, updated_at) VALUES ('1001', 1, 0, 1, 'JPY', 0, 0)"),
                  SQLite::Exception);
  CHECK_THROWS_AS(
      h.exec("INSERT INTO orders (order_key, customer_id, ordered_at, total_minor, "
             "currency, created_at, updated_at) VALUES ('1002', 99, 0, 1, 'JPY', 0, 0)"),
      SQLite::Exception);  // foreign keys are on

  const char* plan =
      "INSERT INTO messages (dedup_key, campaign, kind, customer_id, order_id, state, due_at, "
      "next_attempt_at, created_at, updated_at) VALUES ('thank-you/1001', 'thank-you', "
      "'transactional', 1, 1, 'queued', 0, 0, 0, 0) ON CONFLICT (dedup_key) DO NOTHING";
  CHECK(h.exec(plan) == 1);
  CHECK(h.exec(plan) == 0);
  CHECK(h.execAndGet("SELECT count(*) FROM messages").getInt() == 1);
}

TEST_CASE("store: schema 2 counts a schema-1 sending row as handed over", "[store]") {
  testing::TempDir dir;
  {
    // Schema 1 marked a row sending as it handed the message over: recovery after the
    // upgrade must treat it as possibly delivered, not send it again.
    auto db = store::Database::open(dir / "shop.db", store::schema_migrations().first(1));
    db.handle().exec(R"sql(
INSERT INTO customers (id, customer_key, match_key, profile_at, created_at, updated_at)
VALUES (1, 'c', 'c', 0, 0, 0);
INSERT INTO messages (dedup_key, campaign, kind, customer_id, state, due_at, next_attempt_at,
                      created_at, updated_at)
VALUES ('a', 'thank-you', 'transactional', 1, 'sending', 0, 0, 0, 77),
       ('b', 'thank-you', 'transactional', 1, 'queued', 0, 0, 0, 88);
)sql");
  }
  auto db = store::Database::open(dir / "shop.db", store::schema_migrations().first(2));
  CHECK(db.schema_version() == 2);
  SQLite::Statement rows(db.handle(),
                         "SELECT dedup_key, handed_over_at FROM messages ORDER BY dedup_key");
  REQUIRE(rows.executeStep());
  CHECK(rows.getColumn(1).getInt64() == 77);
  REQUIRE(rows.executeStep());
  CHECK(rows.getColumn(1).isNull());
}
