#include "tsuikyaku/segment/catalog.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;
using segment::sku_matches;

TEST_CASE("product glob: * is any run of characters, the rest is itself", "[products]") {
  CHECK(sku_matches("TEA-SEN-100", "TEA-SEN-100"));
  CHECK_FALSE(sku_matches("TEA-SEN-100", "TEA-SEN-1000"));
  CHECK(sku_matches("TEA-SEN-*", "TEA-SEN-100"));
  CHECK(sku_matches("TEA-SEN-*", "TEA-SEN-"));
  CHECK_FALSE(sku_matches("TEA-SEN-*", "TEA-SE"));
  CHECK_FALSE(sku_matches("TEA-SEN-*", "tea-sen-100"));  // letter case counts
  CHECK(sku_matches("*-100", "TEA-SEN-100"));
  CHECK(sku_matches("TEA-*-100", "TEA-SEN-GOLD-100"));
  CHECK_FALSE(sku_matches("TEA-*-100", "TEA-SEN-1000"));
  CHECK(sku_matches("*", "煎茶 100g"));
  CHECK(sku_matches("煎茶*", "煎茶 100g"));
  CHECK(sku_matches("**a*", "ba"));
  CHECK_FALSE(sku_matches("", "x"));
}

TEST_CASE("catalog: the first entry in file order that matches, not merged", "[products]") {
  segment::Catalog catalog;
  catalog.entries.push_back({"TEA-SEN-GOLD", "gift", "", "", 60, "", false, {}});
  catalog.entries.push_back(
      {"TEA-SEN-*", "green", "care", "https://x.example/r", 30, "sencha", false, {}});
  catalog.entries.push_back({"GIFT-*", "", "", "", std::nullopt, "", true, {}});
  REQUIRE(catalog.find("TEA-SEN-GOLD") == &catalog.entries[0]);
  CHECK(catalog.find("TEA-SEN-GOLD")->care.empty());  // nothing from the glob below
  CHECK(catalog.find("TEA-SEN-100") == &catalog.entries[1]);
  CHECK(catalog.find("GIFT-CARD")->no_followup);
  CHECK(catalog.find("COFFEE-1") == nullptr);
  CHECK(catalog.find("") == nullptr);
}
