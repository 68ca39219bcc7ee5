#include "tsuikyaku/app/products.hpp"

#include <fmt/format.h>

#include "tsuikyaku/app/segments.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/store/products.hpp"

namespace tsuikyaku::app {

ProductsResult run_products(Workspace& workspace, const ProductsRequest& request) {
  ProductsResult out;
  out.as_of = resolve_as_of(workspace.config, request.as_of, request.now);
  const int exponent = workspace.config.shop.currency->exponent;
  for (segment::ProductStats& stats : store::load_product_stats(workspace.db, out.as_of)) {
    const auto revenue = core::round_half_even(stats.revenue, exponent);
    if (!revenue) {
      throw core::Error(core::ErrorKind::data,
                        fmt::format("the revenue of product '{}' is too large to show", stats.sku));
    }
    out.products.push_back({std::move(stats), *revenue});
  }
  return out;
}

}  // namespace tsuikyaku::app
