#include <catch2/catch.hpp>

#include "segment_shop.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;
using testing::utc;

namespace {

// Sencha bought again and again by two customers (gaps 10, 10, 9 and 7, 12 days: median
// 10), with a cancelled order in between and one after the as-of that do not count; a cup
// whose name has a comma and whose price has a fraction of a yen; gift wrapping with no SKU.
void fill(testing::SegmentShop& shop) {
  const auto a = shop.customer("c1");
  const auto b = shop.customer("c2");
  const auto c = shop.customer("c3");
  for (const int day : {1, 11, 21}) {
    shop.line(shop.order(a, utc(2026, 10, day, 3), 1200), "TEA-SEN", "Sencha 100g", 1, "1200");
  }
  shop.line(shop.order(a, utc(2026, 10, 15, 3), 1200, "Cancelled"), "TEA-SEN", "Sencha 100g", 1,
            "1200");
  // 9 days 23 hours after the 21st: 9 days.
  shop.line(shop.order(a, utc(2026, 10, 31, 2), 2400), "TEA-SEN", "Sencha 100g (new)", 2, "1200");
  const auto first = shop.order(b, utc(2026, 10, 1, 3), 3900);
  shop.line(first, "TEA-SEN", "Sencha 100g", 3, "1200");
  shop.line(first, "", "Gift wrapping", 1, "300");
  shop.line(shop.order(b, utc(2026, 10, 8, 3), 1200), "TEA-SEN", "Sencha 100g", 1, "1200");
  shop.line(shop.order(b, utc(2026, 10, 20, 3), 1200), "TEA-SEN", "Sencha 100g", 1, "1200");
  shop.line(shop.order(c, utc(2026, 11, 2, 3), 3500), "CUP-01", "Yunomi, blue", 1, "3500.5");
  shop.line(shop.order(c, utc(2026, 11, 20, 3), 1200), "TEA-SEN", "Sencha 100g", 1, "1200");
}

testing::CliResult run(const testing::SegmentShop& shop, std::vector<std::string> args) {
  return testing::run_cli(shop.path(), std::move(args));
}

}  // namespace

TEST_CASE("products: the table lists each product with its reorder interval", "[products]") {
  testing::SegmentShop shop;
  fill(shop);
  const auto result = run(shop, {"products", "--as-of", "2026-11-18"});
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  CHECK_THAT(result.out, Equals("sku            name               orders  customers  units  "
                                "revenue  repeat  reorder days\n"
                                "CUP-01         Yunomi, blue            1          1      1   "
                                "¥3,500       0             -\n"
                                "Gift wrapping  Gift wrapping           1          1      1     "
                                "¥300       0             -\n"
                                "TEA-SEN        Sencha 100g (new)       7          2     10  "
                                "¥12,000       2            10\n"));
}

TEST_CASE("products: --format csv quotes names and leaves an unknown interval empty",
          "[products]") {
  testing::SegmentShop shop;
  fill(shop);
  const auto result = run(shop, {"products", "--as-of", "2026-11-18", "--format", "csv"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Equals("\xEF\xBB\xBF"
                                "sku,name,orders,customers,units,revenue,repeat_customers,"
                                "median_reorder_days\r\n"
                                "CUP-01,\"Yunomi, blue\",1,1,1,3500,0,\r\n"
                                "Gift wrapping,Gift wrapping,1,1,1,300,0,\r\n"
                                "TEA-SEN,Sencha 100g (new),7,2,10,12000,2,10\r\n"));
}

TEST_CASE("products: --json prints revenue in major units and null intervals", "[products]") {
  testing::SegmentShop shop("", "Europe/London", "GBP");
  fill(shop);
  const auto result = run(shop, {"products", "--as-of", "2026-11-18", "--json"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Equals("{\n"
                                "  \"as_of\": \"2026-11-18T00:00:00+00:00\",\n"
                                "  \"products\": [\n"
                                "    {\n"
                                "      \"sku\": \"CUP-01\",\n"
                                "      \"name\": \"Yunomi, blue\",\n"
                                "      \"orders\": 1,\n"
                                "      \"customers\": 1,\n"
                                "      \"units\": 1,\n"
                                "      \"revenue\": \"3500.50\",\n"
                                "      \"repeat_customers\": 0,\n"
                                "      \"median_reorder_days\": null\n"
                                "    },\n"
                                "    {\n"
                                "      \"sku\": \"Gift wrapping\",\n"
                                "      \"name\": \"Gift wrapping\",\n"
                                "      \"orders\": 1,\n"
                                "      \"customers\": 1,\n"
                                "      \"units\": 1,\n"
                                "      \"revenue\": \"300.00\",\n"
                                "      \"repeat_customers\": 0,\n"
                                "      \"median_reorder_days\": null\n"
                                "    },\n"
                                "    {\n"
                                "      \"sku\": \"TEA-SEN\",\n"
                                "      \"name\": \"Sencha 100g (new)\",\n"
                                "      \"orders\": 7,\n"
                                "      \"customers\": 2,\n"
                                "      \"units\": 10,\n"
                                "      \"revenue\": \"12000.00\",\n"
                                "      \"repeat_customers\": 2,\n"
                                "      \"median_reorder_days\": 10\n"
                                "    }\n"
                                "  ]\n"
                                "}\n"));
}

TEST_CASE("products: --json and --format together are refused", "[products]") {
  testing::SegmentShop shop;
  const auto result = run(shop, {"products", "--json", "--format", "csv"});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err, Equals("tsuikyaku: error: use --json or --format, not both\n"));
}
