// Shops that do not sell in yen: a real Shopify export layout in rupees, a three-decimal
// currency end to end, and amounts printed in the shop's own currency (docs/config.md).

#include <catch2/catch.hpp>

#include "import_support.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using testing::Shop;

TEST_CASE("import: a Shopify export in rupees with -0500 times", "[import]") {
  Shop shop("INR", "Asia/Kolkata");
  const auto result = shop.import(
      "orders.csv", testing::read_file(testing::source_dir() / "tests/data/import/shopify-inr.csv"),
      {"--rejects", "rejects.csv"});
  CHECK(result.exit_code == 65);  // one row rejected
  CHECK_THAT(result.out, Equals("Imported orders.csv (shopify, utf-8): 6 rows read\n"
                                "  orders:    4 new, 0 updated\n"
                                "  customers: 3 new, 0 updated\n"
                                "  rejected:  1 row (written to rejects.csv)\n"));
  CHECK_THAT(result.err, Equals("orders.csv:4: missing Email\n"));
  const std::string rejects = testing::read_file(shop / "rejects.csv");
  CHECK_THAT(rejects, Contains("\n#1002,,paid,2026-10-05 16:40:12 -0500,"));
  CHECK_THAT(rejects, Contains(",\"missing Email\"\n"));
  // Times keep their own offset: 09:14:51 -0500 is 14:14:51 UTC.
  CHECK(shop.query("SELECT ordered_at, total_minor, currency FROM orders WHERE order_key = "
                   "'#1001'") == "1790950491|129900|INR");
  // Revenue: the Total of the orders that count (the refunded #1004 does not).
  CHECK(shop.query("SELECT sum(total_minor) FROM orders WHERE status NOT IN ('refunded', "
                   "'cancelled')") == "684800");
  const auto segments = shop.run({"segments", "--as-of", "2026-11-18"});
  CHECK(segments.exit_code == 0);
  CHECK_THAT(segments.out, Contains("₹6,848.00"));
  CHECK_THAT(segments.out, !Contains("¥"));
  CHECK_THAT(segments.out, !Contains("$"));
  // The whole shipping address; the gift card's order has only a billing address.
  CHECK(shop.query("SELECT postal_code, address, address2, city, region, country FROM customers "
                   "WHERE email = 'priya.sharma@example.in'") ==
        "400020|14 Marine Drive|Flat 3B|Mumbai|Maharashtra|IN");
  CHECK(shop.query("SELECT postal_code, address, city, region FROM customers WHERE lower(email) = "
                   "'meera.kapoor@example.in'") == "110016|7 Hauz Khas Village|New Delhi|Delhi");
}

TEST_CASE("import: a three-decimal currency end to end", "[import]") {
  Shop shop("KWD", "Asia/Kuwait");
  auto result = shop.import("orders.csv",
                            "order_id,email,name,ordered_at,total\n"
                            "K1,noor@example.com,Noor,2026-11-10 10:00,12.500\n"
                            "K2,noor@example.com,Noor,2026-11-12 10:00,1234.125\n"
                            "K3,sara@example.com,Sara,2026-11-17 10:00,7.5\n"
                            "K4,sara@example.com,Sara,2026-11-17 11:00,7.5005\n");
  CHECK(result.exit_code == 65);
  CHECK(shop.query("SELECT group_concat(total_minor, ' ') FROM (SELECT total_minor FROM orders "
                   "ORDER BY order_key)") == "12500 1234125 7500");
  result = shop.run({"segments", "--as-of", "2026-11-18"});
  CHECK_THAT(result.out, Contains("KWD 1,254.125"));
  result = shop.run({"report", "--as-of", "2026-11-18"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("KWD 1,254.125"));
  result = shop.run({"customers", "show", "noor@example.com", "--as-of", "2026-11-18"});
  CHECK_THAT(result.out, Contains("KWD 1,246.625"));
}

TEST_CASE("import: a three-decimal total in the thank-you mail", "[import]") {
  testing::TempDir dir;
  REQUIRE(testing::run_cli(dir.path(), {"init", "shop", "--lang", "en", "-q"}).exit_code == 0);
  const auto shop = dir / "shop";
  std::string config = testing::read_file(shop / "tsuikyaku.yaml");
  config.replace(config.find("currency: GBP"), 13, "currency: KWD");
  testing::write_file(shop / "tsuikyaku.yaml", config);
  testing::write_file(shop / "orders.csv",
                      "order_id,email,name,ordered_at,total\n"
                      "K9,noor@example.com,Noor,2026-11-18 09:00,1234.125\n");
  REQUIRE(testing::run_cli(shop, {"import", "orders.csv"}).exit_code == 0);
  const auto result = testing::run_cli(shop, {"preview", "thank-you", "--order", "K9"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("- Total: KWD 1,234.125\n"));
}
