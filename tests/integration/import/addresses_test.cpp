// Whole postal addresses (docs/import.md, "Postal addresses"): the block comes from the
// newest order that has one, whatever order the rows and the imports come in, and the
// dormant list carries everything a printer needs.

#include <catch2/catch.hpp>

#include "import_support.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using testing::Shop;

namespace {

constexpr std::string_view k_header =
    "order_id,email,name,ordered_at,total,postal_code,region,city,address,address2\n";
// Hanako moved in 2025; her newest order (a gift sent to a friend's shop pickup) names no
// address at all.
constexpr std::string_view k_old =
    "A1,hanako@example.jp,山田 花子,2024-03-01,1000,530-0001,大阪府,"
    "大阪市北区,梅田2-4-9,\n";
constexpr std::string_view k_moved =
    "A2,hanako@example.jp,山田 花子,2025-06-01,1000,150-0001,東京都,"
    "渋谷区,神宮前1-2-3,ハイツ神宮前 201\n";
constexpr std::string_view k_newest = "A3,hanako@example.jp,,2025-09-01,1000,,,,,\n";

std::string hanako(Shop& shop) {
  return shop.query(
      "SELECT postal_code, region, city, address, address2 FROM customers WHERE "
      "email = 'hanako@example.jp'");
}
constexpr std::string_view k_tokyo = "150-0001|東京都|渋谷区|神宮前1-2-3|ハイツ神宮前 201";

}  // namespace

TEST_CASE("import: the newest order with an address gives it, in one import in any row order",
          "[import]") {
  for (const auto& rows : {std::string(k_old) + std::string(k_moved) + std::string(k_newest),
                           std::string(k_newest) + std::string(k_old) + std::string(k_moved),
                           std::string(k_moved) + std::string(k_newest) + std::string(k_old)}) {
    INFO(rows);
    Shop shop;
    REQUIRE(shop.import("orders.csv", std::string(k_header) + rows).exit_code == 0);
    CHECK(hanako(shop) == k_tokyo);
    CHECK(shop.query("SELECT name FROM customers") == "山田 花子");
  }
}

TEST_CASE("import: an older export imported later never replaces a newer address", "[import]") {
  SECTION("newest first, then the history") {
    Shop shop;
    REQUIRE(shop.import("new.csv", std::string(k_header) + std::string(k_newest)).exit_code == 0);
    CHECK(hanako(shop) == "||||");
    REQUIRE(shop.import("history.csv",
                        std::string(k_header) + std::string(k_moved) + std::string(k_old))
                .exit_code == 0);
    CHECK(hanako(shop) == k_tokyo);
  }
  SECTION("history first, then an order without an address") {
    Shop shop;
    REQUIRE(shop.import("history.csv",
                        std::string(k_header) + std::string(k_old) + std::string(k_moved))
                .exit_code == 0);
    REQUIRE(shop.import("new.csv", std::string(k_header) + std::string(k_newest)).exit_code == 0);
    CHECK(hanako(shop) == k_tokyo);
    REQUIRE(shop.import("old.csv", std::string(k_header) + std::string(k_old)).exit_code == 0);
    CHECK(hanako(shop) == k_tokyo);
  }
}

TEST_CASE("import: a mapping joins several columns into one field", "[import]") {
  Shop shop;
  testing::write_file(shop / "mapping.yaml",
                      "columns:\n  order_id: 注文番号\n  email: メール\n  ordered_at: 注文日\n"
                      "  total: 合計\n  name: [姓, 名]\n  region: 都道府県\n"
                      "  address: [市区町村, 番地]\n  address2: 建物名\n"
                      "  carrier: [配送会社, 便種]\n");
  const auto result =
      shop.import("orders.csv",
                  "注文番号,メール,注文日,合計,姓,名,都道府県,市区町村,番地,建物名,配送会社,便種\n"
                  "1,taro@example.jp,2026-11-01,3000,佐藤,太郎,京都府,京都市左京区,"
                  "吉田本町36-1,,ヤマト運輸,宅急便コンパクト\n",
                  {"--mapping", "mapping.yaml"});
  CHECK(result.exit_code == 0);
  CHECK(shop.query("SELECT name, region, address, address2 FROM customers") ==
        "佐藤 太郎|京都府|京都市左京区 吉田本町36-1|");
  CHECK(shop.query("SELECT carrier FROM orders") == "ヤマト運輸 宅急便コンパクト");
}

TEST_CASE("segments: the dormant list CSV has the whole address for a mailing", "[import]") {
  Shop shop;
  REQUIRE(shop.import("orders.csv", std::string(k_header) + std::string(k_old) +
                                        std::string(k_moved) + std::string(k_newest) +
                                        "B1,ken@example.jp,木村 健,2025-01-10,500,,,,,\n")
              .exit_code == 0);
  const auto result =
      shop.run({"segments", "list", "dormant", "--format", "csv", "--as-of", "2026-11-18"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out,
             Contains("customer_key,email,name,segment,frequency,monetary,last_order_at,"
                      "recency_days,r,f,m,postal_code,address,address2,city,region,country,"
                      "phone\r\n"));
  CHECK_THAT(result.out, Contains(",150-0001,神宮前1-2-3,ハイツ神宮前 201,渋谷区,東京都,,\r\n"));
  CHECK_THAT(result.out, Contains("ken@example.jp,木村 健,dormant,1,500,"));
}

TEST_CASE("import: an order with a postal code but no street never erases the address",
          "[import]") {
  Shop shop;
  REQUIRE(shop.import("history.csv", std::string(k_header) + std::string(k_moved)).exit_code == 0);
  // A later export without address columns: its postal code alone is not an address.
  REQUIRE(shop.import("new.csv",
                      "order_id,email,ordered_at,total,postal_code\n"
                      "A9,hanako@example.jp,2026-01-05,1000,999-9999\n"
                      "B1,ken@example.jp,2026-01-05,500,100-0001\n")
              .exit_code == 0);
  CHECK(hanako(shop) == k_tokyo);
  // What no order told fills in, and a whole address later replaces it.
  CHECK(shop.query("SELECT postal_code, address FROM customers WHERE email = 'ken@example.jp'") ==
        "100-0001|");
  std::string later(k_header);
  later += "B2,ken@example.jp,木村 健,2026-02-01,500,530-0001,大阪府,大阪市北区,梅田2-4-9,\n";
  REQUIRE(shop.import("later.csv", later).exit_code == 0);
  CHECK(shop.query("SELECT postal_code, region, address FROM customers WHERE email = "
                   "'ken@example.jp'") == "530-0001|大阪府|梅田2-4-9");
}
