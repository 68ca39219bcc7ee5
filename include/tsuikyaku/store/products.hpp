#pragma once

#include <vector>

#include "tsuikyaku/campaign/planner.hpp"
#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/segment/products.hpp"
#include "tsuikyaku/store/database.hpp"

namespace tsuikyaku::store {

// Every product of the counted orders placed at or before as_of, by product key (byte
// order): a scan of the counted orders and one of the lines, each in primary-key order.
std::vector<segment::ProductStats> load_product_stats(Database& db, core::Instant as_of);

// A product of a counted order (placed at any time: the planner asks by the due moment),
// and its customer.
struct CustomerPurchase {
  std::int64_t customer_id = 0;
  campaign::Purchase purchase;
};
std::vector<CustomerPurchase> load_purchases(Database& db);

}  // namespace tsuikyaku::store
