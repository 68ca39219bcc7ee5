#include "tsuikyaku/segment/catalog.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;
using segment::matches_product_glob;

TEST_CASE("product glob: * is any run of characters, the rest is itself", "[products]") {
  CHECK(matches_product_glob("TEA-SEN-100", "TEA-SEN-100"));
  CHECK_FALSE(matches_product_glob("TEA-SEN-100", "TEA-SEN-1000"));
  CHECK(matches_product_glob("TEA-SEN-*", "TEA-SEN-100"));
  CHECK(matches_product_glob("TEA-SEN-*", "TEA-SEN-"));
  CHECK_FALSE(matches_product_glob("TEA-SEN-*", "TEA-SE"));
  CHECK_FALSE(matches_product_glob("TEA-SEN-*", "tea-sen-100"));  // letter case counts
  CHECK(matches_product_glob("*-100", "TEA-SEN-100"));
  CHECK(matches_product_glob("TEA-*-100", "TEA-SEN-GOLD-100"));
  CHECK_FALSE(matches_product_glob("TEA-*-100", "TEA-SEN-1000"));
  CHECK(matches_product_glob("*", "煎茶 100g"));
  CHECK(matches_product_glob("煎茶*", "煎茶 100g"));
  CHECK(matches_product_glob("**a*", "ba"));
  CHECK_FALSE(matches_product_glob("", "x"));
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

TEST_CASE("product key: the SKU, else the name", "[products]") {
  CHECK(segment::product_key("TEA-1", "Sencha") == "TEA-1");
  CHECK(segment::product_key("", "Sencha") == "Sencha");
  CHECK(segment::product_key("", "").empty());
}
