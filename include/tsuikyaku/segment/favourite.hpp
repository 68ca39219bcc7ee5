#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/segment/catalog.hpp"

// A customer's favourite product ({{#customer.favourite}}, docs/products.md): the product
// bought in the most of their counted orders.

namespace tsuikyaku::segment {

// One line of one of the customer's counted orders.
struct PurchasedLine {
  std::string product;  // product_key of the line; empty: no product
  std::string name;     // the line's name; empty when the export has none
  std::int64_t order_id = 0;
  core::Instant ordered_at;
};

struct Favourite {
  std::string product;
  std::string name;         // the name on its newest line that has one, else the product
  std::int64_t orders = 0;  // the orders it is in
};

// The product in the most orders (two lines of it in one order count once); of equals, the
// one bought last, then the first in byte order. Products the catalog marks no_followup
// are never the favourite. nullopt when no line is a product.
std::optional<Favourite> favourite_product(const std::vector<PurchasedLine>& lines,
                                           const Catalog& catalog);

}  // namespace tsuikyaku::segment
