#include <catch2/catch.hpp>

#include "segment_shop.hpp"
#include "tsuikyaku/store/products.hpp"

using namespace tsuikyaku;
using testing::utc;

TEST_CASE("products: a cancelled or refunded order in between makes no gap", "[products]") {
  // Every ten days, with a cancelled order and a refunded one (any letter case) between:
  // counted, they would make gaps of 5, and the median would be 5, not 10.
  testing::SegmentShop shop;
  const auto hanako = shop.customer("hanako");
  for (const int day : {1, 11, 21, 31}) {
    shop.line(shop.order(hanako, utc(2026, 10, day, 3), 1200), "TEA-SEN", "Sencha", 1, "1200");
  }
  for (const int day : {10, 20}) {
    shop.line(shop.order(hanako, utc(2026, 11, day, 3), 1200), "TEA-SEN", "Sencha", 1, "1200");
  }
  shop.line(shop.order(hanako, utc(2026, 10, 6, 3), 1200, "cancelled"), "TEA-SEN", "Sencha", 1,
            "1200");
  shop.line(shop.order(hanako, utc(2026, 10, 16, 3), 1200, "Refunded"), "TEA-SEN", "Sencha", 1,
            "1200");
  const auto products = store::load_product_stats(shop.db(), utc(2026, 11, 30));
  REQUIRE(products.size() == 1);
  CHECK(products[0].orders == 6);
  CHECK(products[0].units == 6);
  REQUIRE(products[0].median_reorder_days);
  CHECK(*products[0].median_reorder_days == segment::ReorderDays{2 * 10});
}
