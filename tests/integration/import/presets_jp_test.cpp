#include <catch2/catch.hpp>

#include "import_support.hpp"

// The presets added for more platforms (issue 19), each on the example export we wrote in
// its documented layout: detected from the header, postal fields, statuses and times.

using namespace tsuikyaku;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using testing::Shop;

namespace {

std::string example(std::string_view name) {
  return testing::read_file(testing::source_dir() / "examples" / name);
}

}  // namespace

TEST_CASE("import: the woocommerce preset reads the Customer/Order Export's Default format",
          "[import]") {
  Shop shop;
  const auto result = shop.import("orders.csv", example("orders-woocommerce.csv"));
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Equals("Imported orders.csv (woocommerce, utf-8): 50 rows read\n"
                                "  orders:    50 new, 0 updated\n"
                                "  customers: 39 new, 0 updated\n"
                                "  rejected:  0 rows\n"));
  // `date` is the site's local time: 2025-01-06 13:21:00 in Tokyo is 04:21 UTC.
  CHECK(shop.query("SELECT ordered_at, total_minor, currency, status FROM orders WHERE "
                   "order_key = '2001'") == "1736137260|13750|JPY|cancelled");
  CHECK(shop.query("SELECT group_concat(status, ',') FROM (SELECT DISTINCT status FROM orders "
                   "ORDER BY status)") == "cancelled,paid,pending,refunded,voided");
  CHECK(shop.query("SELECT count(*) FROM orders WHERE status = 'voided'") == "3");
  // Names are family name first; customer_id 0 (a guest) does not make one customer.
  CHECK(shop.query("SELECT name, phone FROM customers WHERE email = 'aoi.kato2@example.com'") ==
        "加藤 葵|090-1070-2590");
  // The shipping address, split as WooCommerce's Japanese checkout asks for it.
  CHECK(shop.query("SELECT postal_code, region, city, address, address2, country FROM customers "
                   "WHERE email = 'hanako.yamada1@example.jp'") ==
        "150-0001|東京都|渋谷区|神宮前1-2-3|コーポ神宮前 201|JP");
  // A download has no shipping address: the billing address is the customer's.
  CHECK(shop.query("SELECT postal_code, region, city, address, address2, country FROM customers "
                   "WHERE email = 'yuna.kimura1@example.com'") ==
        "810-0001|福岡県|福岡市中央区|天神1-8-1|天神ビル 12F|JP");
}

TEST_CASE("import: the woocommerce preset is told by its header alone", "[import]") {
  Shop shop;
  const auto result = shop.import(
      "export.csv",
      "order_total,billing_email,order_number_formatted,order_id,date,status,billing_last_name\n"
      "4980.00,sakura@example.jp,,3001,2025-06-01 10:00:00,processing,中村\n");
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("(woocommerce, utf-8): 1 row read\n"));
  CHECK(shop.query("SELECT status, total_minor FROM orders WHERE order_key = '3001'") ==
        "paid|4980");
  // Without the plugin's columns the header is not taken for WooCommerce's.
  const auto other =
      shop.import("other.csv", "order_id,billing_email,order_total\n3002,a@example.jp,100\n");
  CHECK(other.exit_code == 65);
  CHECK_THAT(other.err, Contains("cannot tell the export's format"));
}

TEST_CASE("import: the eccube preset reads EC-CUBE 4's 受注CSV", "[import]") {
  Shop shop;
  const auto result = shop.import("orders.csv", example("orders-eccube.csv"));
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Equals("Imported orders.csv (eccube, cp932): 131 rows read\n"
                                "  orders:    40 new, 0 updated\n"
                                "  customers: 34 new, 0 updated\n"
                                "  rejected:  0 rows\n"));
  // 受注日 is the shop's local time: 2025-01-06 18:47:00 in Tokyo is 09:47 UTC.
  CHECK(shop.query("SELECT ordered_at, total_minor, currency, status FROM orders WHERE "
                   "order_key = '1000'") == "1736156820|1944|JPY|cancelled");
  CHECK(shop.query("SELECT group_concat(status, ',') FROM (SELECT DISTINCT status FROM orders "
                   "ORDER BY status)") == "cancelled,paid,pending,refunded");
  CHECK(shop.query("SELECT count(*) FROM orders WHERE status = 'refunded'") == "3");
  CHECK(shop.query("SELECT count(*) FROM orders WHERE status = 'pending'") == "3");
  // One row per item: the 送料 and 手数料 rows are lines of the order; its total is 支払合計.
  CHECK(shop.query("SELECT total_minor, shipped_at, tracking_number, carrier FROM orders WHERE "
                   "order_key = '1001'") == "3138|1736363160|500000000001|佐川急便");
  CHECK(shop.query("SELECT group_concat(description, ',') FROM (SELECT description FROM "
                   "order_lines JOIN orders ON orders.id = order_lines.order_id WHERE order_key = "
                   "'1001' ORDER BY line_no)") ==
        "ほうじ茶 200g,ほうじ茶 200g,煎茶 100g,送料,代引手数料");
  // Names family name first; a guest (no 会員ID) is still a customer by e-mail.
  CHECK(shop.query("SELECT name, phone FROM customers WHERE email = 'hanako.yamada@example.jp'") ==
        "山田 花子|09010000000");
  // A gift shipped elsewhere: the customer's address is the orderer's, not the recipient's.
  CHECK(shop.query("SELECT postal_code, region, city, address FROM customers WHERE email = "
                   "'hiroto.yamamoto1@example.com'") == "5300001|大阪府|大阪市北区|梅田2-4-9");
  CHECK(shop.query("SELECT postal_code, region, city, address FROM customers WHERE email = "
                   "'hanako.yamada@example.jp'") ==
        "1500001|東京都|渋谷区|神宮前1-2-3 コーポ神宮前201");
}

TEST_CASE("import: the eccube preset is told by its header alone", "[import]") {
  Shop shop;
  const auto result = shop.import(
      "export.csv",
      "明細区分(名称),支払合計,受注日,注文番号,メールアドレス,対応状況(名称),個数,価格,お名前(姓)\n"
      "商品,4980.00,2025-06-01 10:00:00,3001,sakura@example.jp,入金済み,1,4612.00,中村\n"
      "送料,4980.00,2025-06-01 10:00:00,3001,sakura@example.jp,入金済み,1,368.00,中村\n");
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("(eccube, utf-8): 2 rows read\n"));
  CHECK(shop.query("SELECT status, total_minor FROM orders WHERE order_key = '3001'") ==
        "paid|4980");
  // BASE's export has 注文ID and 注文日時, not EC-CUBE's columns: still BASE's.
  const auto base = shop.import("base.csv",
                                "注文ID,注文日時,合計金額,メールアドレス\n"
                                "B1,2025/06/01 10:00,100,a@example.jp\n");
  CHECK_THAT(base.out, Contains("(base, utf-8): 1 row read\n"));
}
