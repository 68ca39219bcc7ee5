// Who a row's customer is (docs/import.md, "Customers and updates"): customer ids and
// e-mail addresses are two key spaces, and an order belongs to one customer for good.

#include <catch2/catch.hpp>

#include "import_support.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using testing::Shop;

namespace {

constexpr std::string_view k_header = "order_id,customer_id,email,name,ordered_at,total\n";

std::string customers_of(Shop& shop) {
  return shop.query(
      "SELECT group_concat(customer_key || ' ' || email || ' ' || name, '; ') FROM "
      "(SELECT * FROM customers ORDER BY id)");
}

}  // namespace

TEST_CASE("import: a customer id equal to another customer's address is another customer",
          "[import]") {
  Shop shop;
  auto result = shop.import("orders.csv", std::string(k_header) +
                                              "A1,,hanako@example.jp,山田 花子,2025-12-01,1000\n"
                                              "A2,hanako@example.jp,mallory@example.com,"
                                              "Mallory,2025-12-02,2000\n");
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("  customers: 2 new, 0 updated\n"));
  // The newer order's profile did not replace Hanako's: the two never met. The second
  // customer's key would be the first's, so it is shown with its kind.
  CHECK(customers_of(shop) ==
        "hanako@example.jp hanako@example.jp 山田 花子; "
        "id:hanako@example.jp mallory@example.com Mallory");
  // Each is found again by what identifies it: the address, the id.
  result = shop.import("again.csv", std::string(k_header) +
                                        "A3,,hanako@example.jp,山田 花子,2025-12-03,500\n"
                                        "A4,hanako@example.jp,mallory@example.com,Mallory,"
                                        "2025-12-04,700\n");
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("  customers: 0 new, 0 updated\n"));
  CHECK(shop.query("SELECT group_concat(n, ',') FROM (SELECT count(*) AS n FROM orders GROUP BY "
                   "customer_id ORDER BY customer_id)") == "2,2");
  result = shop.run({"customers", "show", "hanako@example.jp"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("山田 花子"));
  result = shop.run({"customers", "show", "id:hanako@example.jp"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("Mallory"));
}

TEST_CASE("import: a row that moves an order to another customer is rejected", "[import]") {
  Shop shop;
  REQUIRE(shop.import("orders.csv", std::string(k_header) + "A1,C-1,hanako@example.jp,花子,"
                                                            "2025-12-01,1000\n")
              .exit_code == 0);
  const auto result = shop.import("later.csv", std::string(k_header) +
                                                   "A1,C-2,taro@example.jp,太郎,2025-12-01,9000\n"
                                                   "A2,C-2,taro@example.jp,太郎,2025-12-02,3000\n");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err,
             Equals("later.csv:2: order A1 belongs to customer C-1, not to C-2 as this row says; "
                    "an order never moves to another customer (correct the row's customer, or "
                    "leave the order out)\n"));
  CHECK_THAT(result.out, Contains("  orders:    1 new, 0 updated\n"));
  // Nothing of the rejected row is stored: the order, its customer, its total stay.
  CHECK(shop.query("SELECT c.customer_key, o.total_minor FROM orders o JOIN customers c ON "
                   "c.id = o.customer_id WHERE o.order_key = 'A1'") == "C-1|1000");
  CHECK(shop.query("SELECT count(*) FROM orders") == "2");
  CHECK(customers_of(shop) == "C-1 hanako@example.jp 花子; C-2 taro@example.jp 太郎");
}

TEST_CASE("import: an order of an address is not taken by the same text as a customer id",
          "[import]") {
  Shop shop;
  REQUIRE(shop.import("orders.csv", std::string(k_header) + "A1,,taro@example.jp,太郎,"
                                                            "2025-12-01,1000\n")
              .exit_code == 0);
  const auto result = shop.import("ids.csv", std::string(k_header) +
                                                 "A1,taro@example.jp,taro@example.jp,太郎,"
                                                 "2025-12-01,1000\n");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err, Equals("ids.csv:2: order A1 belongs to customer email:taro@example.jp, "
                                "not to id:taro@example.jp as this row says; an order never "
                                "moves to another customer (correct the row's customer, or leave "
                                "the order out)\n"));
  CHECK(shop.query("SELECT count(*) FROM customers") == "1");
}

// Orders are the shop's order numbers, whatever export brought them (docs/import.md,
// "Orders from two exports"): Shopify's #1001 and a generic 1001 are two orders; the same
// number again is the same order, updated, and never another customer's.
TEST_CASE("import: Shopify and generic order numbers in one database", "[import]") {
  Shop shop;
  const std::string shopify =
      testing::read_file(testing::source_dir() / "examples" / "orders-shopify.csv");
  REQUIRE(shop.import("shopify.csv", shopify).exit_code == 0);
  CHECK(shop.query("SELECT count(*) FROM orders") == "60");
  auto result = shop.import("generic.csv",
                            std::string(k_header) +
                                "1001,C-9,jiro@example.jp,次郎,2025-01-05 10:00,1200\n"
                                "#1001,,Taro.Sato@example.com,佐藤 太郎,2025-01-05 19:57,7660\n");
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("  orders:    1 new, 1 updated\n"));
  CHECK(shop.query("SELECT count(*) FROM orders") == "61");
  CHECK(shop.query("SELECT c.email FROM orders o JOIN customers c ON c.id = o.customer_id "
                   "WHERE o.order_key = '1001'") == "jiro@example.jp");
  // Shopify's #1001 kept its line items and its customer.
  CHECK(shop.query("SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id "
                   "WHERE o.order_key = '#1001'") == "2");
  result = shop.import("other.csv", std::string(k_header) +
                                        "#1001,C-9,jiro@example.jp,次郎,2025-01-05 10:00,1200\n");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err,
             Equals("other.csv:2: order #1001 belongs to customer taro.sato@example.com, not to "
                    "C-9 as this row says; an order never moves to another customer (correct "
                    "the row's customer, or leave the order out)\n"));
  CHECK(shop.query("SELECT c.email, o.total_minor FROM orders o JOIN customers c ON c.id = "
                   "o.customer_id WHERE o.order_key = '#1001'") == "taro.sato@example.com|7660");
}
