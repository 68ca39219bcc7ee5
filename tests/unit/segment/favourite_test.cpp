#include "tsuikyaku/segment/favourite.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;
using segment::PurchasedLine;

namespace {

PurchasedLine line(std::string product, std::int64_t order, std::int64_t day,
                   std::string name = "") {
  return {std::move(product), std::move(name), order, core::from_unix(day * 86400)};
}

}  // namespace

TEST_CASE("favourite: the product in the most orders, two lines in one order once", "[products]") {
  const segment::Catalog none;
  const auto favourite = segment::favourite_product(
      {line("HOJI", 1, 1, "Hojicha"), line("HOJI", 1, 1), line("HOJI", 1, 1),
       line("SEN", 2, 2, "Sencha"), line("SEN", 3, 3, "Sencha 100g")},
      none);
  REQUIRE(favourite);
  CHECK(favourite->product == "SEN");
  CHECK(favourite->name == "Sencha 100g");  // the newest line's name
  CHECK(favourite->orders == 2);
}

TEST_CASE("favourite: of equals the one bought last, then byte order", "[products]") {
  const segment::Catalog none;
  CHECK(segment::favourite_product({line("B", 1, 5), line("A", 2, 3)}, none)->product == "B");
  CHECK(segment::favourite_product({line("B", 1, 5), line("A", 1, 5)}, none)->product == "A");
  CHECK(segment::favourite_product({line("B", 1, 5), line("A", 1, 5)}, none)->name == "A");
}

TEST_CASE("favourite: never a no_followup product, none without products", "[products]") {
  segment::Catalog catalog;
  catalog.entries.push_back({"GIFT-*", "", "", "", std::nullopt, "", true, {}});
  CHECK(segment::favourite_product(
            {line("GIFT-WRAP", 1, 1), line("GIFT-WRAP", 2, 2), line("SEN", 2, 2)}, catalog)
            ->product == "SEN");
  CHECK_FALSE(segment::favourite_product({line("GIFT-WRAP", 1, 1)}, catalog));
  CHECK_FALSE(segment::favourite_product({line("", 1, 1)}, catalog));
  CHECK_FALSE(segment::favourite_product({}, catalog));
}
