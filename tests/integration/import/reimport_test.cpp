#include <catch2/catch.hpp>

#include "import_support.hpp"

// Importing the same export again (docs/import.md): a row whose fingerprint is the stored
// one writes nothing; a changed row updates its order and nothing else.

using namespace tsuikyaku;
using Catch::Matchers::Contains;
using testing::Shop;

namespace {

const std::string k_header =
    "order_id,email,name,ordered_at,total,status,shipped_at,carrier,postal_code,address\n";

// 200 orders of 50 customers; order n's carrier is carrier(n).
std::string export_of(int changed = -1) {
  std::string rows = k_header;
  for (int n = 0; n < 200; ++n) {
    rows += "A" + std::to_string(n) + ",c" + std::to_string(n % 50) + "@example.jp,山田 花子," +
            "2025-11-" + std::to_string(1 + n % 28) + " 10:00," + std::to_string(1000 + n) +
            ",paid,2025-12-01 15:00," + (n == changed ? "佐川急便" : "ヤマト運輸") +
            ",150-0001,渋谷区神宮前1-2-3\n";
  }
  return rows;
}

}  // namespace

TEST_CASE("import: a re-import that changes one field of one order updates that order alone",
          "[import]") {
  Shop shop;
  REQUIRE(shop.import("orders.csv", export_of()).exit_code == 0);
  const auto same = shop.run({"import", "orders.csv"});
  CHECK(same.exit_code == 0);
  CHECK_THAT(same.out, Contains("orders:    0 new, 0 updated\n"
                                "  customers: 0 new, 0 updated\n"));
  const auto changed = shop.import("orders.csv", export_of(57));
  CHECK(changed.exit_code == 0);
  CHECK_THAT(changed.out, Contains("orders:    0 new, 1 updated\n"
                                   "  customers: 0 new, 0 updated\n"));
  CHECK(shop.query("SELECT group_concat(order_key) FROM orders WHERE import_id <> 1") == "A57");
  CHECK(shop.query("SELECT carrier, import_id FROM orders WHERE order_key = 'A57'") ==
        "佐川急便|3");
  CHECK(shop.query("SELECT count(*) FROM orders WHERE carrier = 'ヤマト運輸'") == "199");
  CHECK(shop.query("SELECT orders_new, orders_updated, customers_updated FROM imports "
                   "WHERE id = 3") == "0|1|0");
}

TEST_CASE("import: an unchanged row stops at its fingerprint; an unknown one is compared once",
          "[import]") {
  Shop shop;
  REQUIRE(shop.import("orders.csv", export_of()).exit_code == 0);
  CHECK(shop.query("SELECT count(*) FROM orders WHERE fingerprint IS NULL") == "0");
  CHECK(shop.query("SELECT count(*) FROM customers WHERE fingerprint IS NULL") == "0");
  {
    // Behind the import's back: an order the same export brings again is not read field by
    // field, so the change stays.
    SQLite::Database db((shop / "tsuikyaku.db").string(), SQLite::OPEN_READWRITE);
    db.exec("UPDATE orders SET carrier = '日本郵便' WHERE order_key = 'A5'");
  }
  auto again = shop.run({"import", "orders.csv"});
  CHECK_THAT(again.out, Contains("orders:    0 new, 0 updated\n"));
  CHECK(shop.query("SELECT carrier FROM orders WHERE order_key = 'A5'") == "日本郵便");
  {
    // A row of schema 7 has no fingerprint: compared once, put right, and fingerprinted.
    SQLite::Database db((shop / "tsuikyaku.db").string(), SQLite::OPEN_READWRITE);
    db.exec("UPDATE orders SET fingerprint = NULL");
    db.exec("UPDATE customers SET fingerprint = NULL");
  }
  again = shop.run({"import", "orders.csv"});
  CHECK_THAT(again.out, Contains("orders:    0 new, 1 updated\n"
                                 "  customers: 0 new, 0 updated\n"));
  CHECK(shop.query("SELECT carrier FROM orders WHERE order_key = 'A5'") == "ヤマト運輸");
  CHECK(shop.query("SELECT count(*) FROM orders WHERE fingerprint IS NULL") == "0");
  CHECK(shop.query("SELECT count(*) FROM customers WHERE fingerprint IS NULL") == "0");
  again = shop.run({"import", "orders.csv"});
  CHECK_THAT(again.out, Contains("orders:    0 new, 0 updated\n"
                                 "  customers: 0 new, 0 updated\n"));
}
