#pragma once

#include <vector>

#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/segment/products.hpp"
#include "tsuikyaku/store/database.hpp"

namespace tsuikyaku::store {

// Every product of the counted orders placed at or before as_of, by product key (byte
// order): one pass over the order lines ordered by product, customer and time.
std::vector<segment::ProductStats> load_product_stats(Database& db, core::Instant as_of);

}  // namespace tsuikyaku::store
