#include "tsuikyaku/store/database.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <catch2/catch.hpp>

#include "support.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/store/message_facts.hpp"

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

TEST_CASE("store: schema 5 keeps every customer, with ids and addresses as two key spaces",
          "[store]") {
  testing::TempDir dir;
  {
    // The customers as schema 4's import wrote them: an id, an address (its key keeps the
    // local part's case, its match key is lower-cased whole), an address in lower case, an
    // id that is an address but not the customer's own, an id that reads like a schema-5
    // key, and an id that is another customer's address in another case (one customer_key).
    auto db = store::Database::open(dir / "shop.db", store::schema_migrations().first(4));
    db.handle().exec(R"sql(
INSERT INTO customers (id, customer_key, match_key, email, profile_at, created_at, updated_at)
VALUES (1, '17850', '17850', 'a@example.jp', 0, 0, 0),
       (2, 'Hanako@example.jp', 'hanako@example.jp', 'Hanako@example.jp', 0, 0, 0),
       (3, 'taro@example.jp', 'taro@example.jp', 'taro@example.jp', 0, 0, 0),
       (4, 'boss@example.jp', 'boss@example.jp', 'mallory@example.com', 0, 0, 0),
       (5, 'id:17850', 'id:17850', NULL, 0, 0, 0),
       (6, 'Jiro@example.jp', 'Jiro@example.jp', 'j@example.jp', 0, 0, 0),
       (7, 'Jiro@example.jp', 'jiro@example.jp', 'JIRO@example.jp', 0, 0, 0);
INSERT INTO orders (order_key, customer_id, ordered_at, total_minor, currency, created_at,
                    updated_at)
VALUES ('A1', 1, 0, 1, 'JPY', 0, 0), ('A7', 7, 0, 1, 'JPY', 0, 0);
)sql");
  }
  auto db = store::Database::open(dir / "shop.db");
  CHECK(db.schema_version() == store::schema_migrations().back().version);
  SQLite::Statement rows(db.handle(),
                         "SELECT group_concat(id || ' ' || customer_key || ' ' || match_key, "
                         "'; ') FROM (SELECT * FROM customers ORDER BY id)");
  REQUIRE(rows.executeStep());
  CHECK_THAT(
      rows.getColumn(0).getString(),
      Equals("1 17850 id:17850; 2 Hanako@example.jp email:hanako@example.jp; "
             "3 taro@example.jp email:taro@example.jp; 4 boss@example.jp id:boss@example.jp; "
             "5 id:17850 id:id:17850; 6 Jiro@example.jp id:Jiro@example.jp; "
             "7 email:jiro@example.jp email:jiro@example.jp"));
  CHECK(db.handle().execAndGet("SELECT typeof(match_key) FROM customers GROUP BY 1").getString() ==
        "text");
  CHECK(store::find_customer(db, std::string("17850")) == 1);
  CHECK(store::find_customer(db, std::string("HANAKO@example.jp")) == 2);
  CHECK(store::find_customer(db, std::string("Jiro@example.jp")) == 6);
  CHECK(store::find_customer(db, std::string("jiro@example.jp")) == 7);
  CHECK(db.handle().execAndGet("SELECT customer_id FROM orders WHERE order_key = 'A7'").getInt() ==
        7);
  // customer_key names a customer in the planner: now one customer each.
  CHECK_THROWS_AS(db.handle().exec("UPDATE customers SET customer_key = '17850' WHERE id = 3"),
                  SQLite::Exception);
}

TEST_CASE("store: the schema is versions 1 to 8, and schema 8 leaves old rows unfingerprinted",
          "[store]") {
  const auto migrations = store::schema_migrations();
  REQUIRE(migrations.size() == 8);
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    CHECK(migrations[i].version == static_cast<int>(i) + 1);
  }
  testing::TempDir dir;
  {
    auto db = store::Database::open(dir / "shop.db", migrations.first(7));
    db.handle().exec(R"sql(
INSERT INTO customers (id, customer_key, match_key, profile_at, created_at, updated_at)
VALUES (1, 'c', 'id:c', 0, 0, 0);
INSERT INTO orders (order_key, customer_id, ordered_at, total_minor, currency, created_at,
                    updated_at)
VALUES ('A1', 1, 0, 1, 'JPY', 0, 0);
)sql");
  }
  auto db = store::Database::open(dir / "shop.db");
  CHECK(db.schema_version() == 8);
  // NULL is "unknown": the next import compares the row field by field once.
  CHECK(db.handle().execAndGet("SELECT count(*) FROM orders WHERE fingerprint IS NULL").getInt() ==
        1);
  CHECK(
      db.handle().execAndGet("SELECT count(*) FROM customers WHERE fingerprint IS NULL").getInt() ==
      1);
}
