#pragma once

#include <optional>
#include <vector>

#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/segment/products.hpp"

namespace tsuikyaku::app {

struct ProductsRequest {
  std::optional<core::ParsedDateTime> as_of;  // --as-of; else now
  core::Instant now;
};

struct ProductRow {
  segment::ProductStats stats;
  std::int64_t revenue_minor = 0;  // stats.revenue rounded half to even, once
};

struct ProductsResult {
  core::Instant as_of;
  std::vector<ProductRow> products;  // by product key, byte order
};

// `tsuikyaku products`: every product of the counted orders (docs/products.md).
ProductsResult run_products(Workspace& workspace, const ProductsRequest& request);

}  // namespace tsuikyaku::app
