#include <catch2/catch.hpp>

#include "import_support.hpp"

// The presets on the example exports, mapping files, line-item exports and the real UCI
// Online Retail data (SPEC §3).

using namespace tsuikyaku;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;
using testing::Shop;

namespace {

std::string example(std::string_view name) {
  return testing::read_file(testing::source_dir() / "examples" / name);
}

}  // namespace

TEST_CASE("import: each preset is detected on its example export", "[import]") {
  SECTION("generic") {
    Shop shop;
    const auto result = shop.import("orders.csv", example("orders-generic.csv"));
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Equals("Imported orders.csv (generic, utf-8): 300 rows read\n"
                                  "  orders:    300 new, 0 updated\n"
                                  "  customers: 99 new, 0 updated\n"
                                  "  rejected:  0 rows\n"));
    CHECK(shop.query("SELECT count(*) FROM orders WHERE status = 'cancelled'") == "19");
    CHECK(shop.query("SELECT count(*) FROM orders WHERE delivered_at IS NOT NULL") == "228");
  }
  SECTION("shopify") {
    Shop shop;
    const auto result = shop.import("orders.csv", example("orders-shopify.csv"));
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Contains("(shopify, utf-8): 130 rows read\n"
                                    "  orders:    60 new, 0 updated\n"));
    // Order fields from the first row; line items kept; zip and phone without the apostrophe.
    CHECK(shop.query("SELECT total_minor, status, ordered_at, shipped_at FROM orders WHERE "
                     "order_key = '#1001'") == "7660|paid|1736125020|1736319420");
    CHECK(shop.query("SELECT count(*), sum(quantity) FROM order_lines") == "130|130");
    CHECK(shop.query("SELECT postal_code, phone, accepts_marketing FROM customers WHERE email = "
                     "'taro.sato@example.com'") == "530-0001|090-1001-0037|1");
    CHECK(shop.query("SELECT count(*) FROM orders WHERE status = 'cancelled' AND cancelled_at "
                     "IS NOT NULL") == shop.query("SELECT count(*) FROM orders WHERE status = "
                                                  "'cancelled'"));
  }
  SECTION("base: CP932 and CRLF") {
    Shop shop;
    const auto result = shop.import("orders.csv", example("orders-base.csv"));
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Contains("(base, cp932): 80 rows read\n"
                                    "  orders:    80 new, 0 updated\n"));
    CHECK(shop.query("SELECT carrier, status FROM orders WHERE order_key = 'B20250001'") ==
          "佐川急便|paid");
    CHECK(shop.query("SELECT count(*) FROM customers WHERE address LIKE '%①'") != "0");
    CHECK(shop.query("SELECT count(*) FROM orders WHERE status = 'cancelled'") == "9");
  }
}

TEST_CASE("import: a line-item mapping sums its lines once per order", "[import]") {
  Shop shop("USD", "Europe/London");
  const auto result = shop.import(
      "line-items.csv", example("line-items.csv"),
      {"--mapping", (testing::source_dir() / "examples/mappings/line-items.yaml").string()});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("85 rows read\n  orders:    41 new, 0 updated\n"));
  // 3 × 16.20 + 2 × 16.20 + 21.60 on the 6th of January (day first), London time.
  CHECK(shop.query("SELECT total_minor, currency, ordered_at FROM orders WHERE order_key = "
                   "'70001'") == "10260|USD|1736168460");
  CHECK(shop.query("SELECT total_minor FROM orders WHERE order_key = '70100'") == "0");  // 0.001
  CHECK(shop.query("SELECT status, total_minor < 0 FROM orders WHERE order_key LIKE 'C%'") ==
        "cancelled|1");
  CHECK(shop.query("SELECT unit_price FROM order_lines WHERE sku = 'BANK'") == "0.001");
}

TEST_CASE("import: one bad line rejects its whole order", "[import]") {
  Shop shop("GBP", "Europe/London");
  testing::write_file(shop / "items.yaml",
                      "columns:\n  order_id: Invoice\n  customer_id: Customer\n"
                      "  ordered_at: Date\n  quantity: Qty\n  unit_price: Price\n");
  const auto result = shop.import("items.csv",
                                  "Invoice,Customer,Date,Qty,Price\n"
                                  "1,9,2025-01-01 10:00,2,1.50\n"
                                  "2,8,2025-01-01 11:00,1,3\n"
                                  "1,9,2025-01-01 10:05,x,1.50\n"
                                  "3,,2025-01-01 12:00,1,3\n",
                                  {"--mapping", "items.yaml", "--rejects", "rejects.csv"});
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err, Equals("items.csv:2: line 4 of the same order was rejected\n"
                                "items.csv:4: Qty: \"x\" is not a whole number\n"
                                "items.csv:5: missing Customer\n"));
  CHECK(shop.query("SELECT group_concat(order_key) FROM orders") == "2");
  CHECK(testing::read_file(shop / "rejects.csv") ==
        "Invoice,Customer,Date,Qty,Price,reject_reason\n"
        "1,9,2025-01-01 10:00,2,1.50,\"line 4 of the same order was rejected\"\n"
        "1,9,2025-01-01 10:05,x,1.50,\"Qty: \"\"x\"\" is not a whole number\"\n"
        "3,,2025-01-01 12:00,1,3,\"missing Customer\"\n");
}

TEST_CASE("import: mistakes in a mapping file are named with file, line and column", "[import]") {
  Shop shop;
  testing::write_file(shop / "orders.csv", "a,b\n1,2\n");
  const auto error_of = [&](const std::string& yaml) {
    testing::write_file(shop / "mapping.yaml", yaml);
    const auto result = shop.run({"import", "orders.csv", "--mapping", "mapping.yaml"});
    CHECK(result.exit_code == 78);
    return result.err;
  };
  const std::string base = "columns:\n  order_id: a\n  email: b\n  ordered_at: c\n  total: d\n";
  CHECK_THAT(error_of(base + "  emial: e\n"),
             Equals("tsuikyaku: error: mapping.yaml:6:3: columns: unknown field 'emial'; did "
                    "you mean 'email'?\n"));
  CHECK_THAT(error_of(base + "date_format: \"%d/%m/%Q\"\n"),
             Equals("tsuikyaku: error: mapping.yaml:6:14: date_format: expected a strptime "
                    "format like %d/%m/%Y %H:%M (unknown directive %Q)\n"));
  CHECK_THAT(error_of(base + "currency: YEN\n"),
             Equals("tsuikyaku: error: mapping.yaml:6:11: currency: expected an ISO 4217 code "
                    "like JPY, USD or EUR; did you mean 'JPY'?\n"));
  CHECK_THAT(error_of("columns:\n  order_id: a\n  email: b\n  total: d\n"),
             Equals("tsuikyaku: error: mapping.yaml:2:3: columns: expected a column for "
                    "ordered_at\n"));
  CHECK_THAT(error_of(base + "cancelled_prefix: C\n"),
             Equals("tsuikyaku: error: mapping.yaml:6:1: unknown key 'cancelled_prefix'; did "
                    "you mean 'cancelled_id_prefix'?\n"));
  CHECK_THAT(error_of(base + "  quantity: q\n"),
             Equals("tsuikyaku: error: mapping.yaml:2:3: columns: expected quantity and "
                    "unit_price together (a line-item export)\n"));
  const auto missing = shop.run({"import", "orders.csv", "--mapping", "nowhere.yaml"});
  CHECK(missing.exit_code == 78);
  CHECK_THAT(missing.err, Equals("tsuikyaku: error: cannot read mapping nowhere.yaml: no such "
                                 "file or not readable\n"));
  testing::write_file(shop / "mapping.yaml", base);
  const auto header = shop.run({"import", "orders.csv", "--mapping", "mapping.yaml"});
  CHECK(header.exit_code == 65);
  CHECK_THAT(header.err, Equals("tsuikyaku: error: orders.csv:1: no column 'c' for ordered_at in "
                                "the header\n"));
}

TEST_CASE("import: the UCI Online Retail sample imports through its mapping", "[import]") {
  // The first day of the real data set: 3,108 invoice lines; invoices without a customer
  // cannot be tied to anyone and are rejected; C invoices are cancellations.
  Shop shop("GBP", "Europe/London");
  const auto file = testing::shared_data_dir() / "online-retail/samples/2010-12-01.csv";
  const auto mapping = testing::source_dir() / "examples/mappings/online-retail.yaml";
  const auto result = shop.run({"import", file.string(), "--mapping", mapping.string(), "--json"});
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.out, StartsWith("{\"committed\":true,\"customers_new\":98,"
                                    "\"customers_updated\":0,\"encoding\":\"utf-8\","
                                    "\"orders_new\":127,\"orders_updated\":0,"));
  CHECK_THAT(result.out, Contains("\"rejected\":1140,\"rows_read\":3108,"));
  CHECK_THAT(result.out, Contains("{\"line\":1461,\"reason\":\"missing CustomerID\"}"));
  // 536365: Σ quantity × unit price = 139.12; customer 17850.0 is 17850.
  CHECK(shop.query("SELECT o.total_minor, c.customer_key, o.ordered_at FROM orders o JOIN "
                   "customers c ON c.id = o.customer_id WHERE order_key = '536365'") ==
        "13912|17850|1291191960");
  CHECK(shop.query("SELECT status, total_minor FROM orders WHERE order_key = 'C536379'") ==
        "cancelled|-2750");
}
