#include "tsuikyaku/segment/products.hpp"

#include <algorithm>

#include "tsuikyaku/segment/rfm.hpp"

namespace tsuikyaku::segment {

std::optional<ReorderDays> median_reorder_days(std::vector<std::int64_t> gaps) {
  if (gaps.size() < k_min_reorder_gaps) return std::nullopt;
  const std::size_t middle = gaps.size() / 2;
  std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(middle), gaps.end());
  const std::int64_t upper = gaps[middle];
  if (gaps.size() % 2 == 1) return ReorderDays{2 * upper};
  const std::int64_t lower =
      *std::max_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(middle));
  return ReorderDays{lower + upper};
}

std::string format_reorder_days(const ReorderDays& days) {
  std::string out = std::to_string(days.halves / 2);
  if (!days.whole()) out += ".5";
  return out;
}

ProductStats product_stats(std::string sku, const std::vector<ProductLine>& lines) {
  ProductStats out;
  out.sku = std::move(sku);
  std::vector<std::int64_t> gaps;
  std::optional<core::Instant> newest_named;
  std::int64_t customer_orders = 0;  // the current customer's orders of it so far
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const ProductLine& line = lines[i];
    out.units += line.quantity;
    core::add_product(out.revenue, line.quantity, line.unit_price);
    if (!line.name.empty() && (!newest_named || line.ordered_at >= *newest_named)) {
      newest_named = line.ordered_at;
      out.name = line.name;
    }
    const bool same_customer = i > 0 && lines[i - 1].customer_id == line.customer_id;
    if (same_customer && lines[i - 1].order_id == line.order_id) continue;  // same order
    ++out.orders;
    if (!same_customer) {
      ++out.customers;
      customer_orders = 1;
      continue;
    }
    if (++customer_orders == 2) ++out.repeat_customers;
    gaps.push_back(recency_days(lines[i - 1].ordered_at, line.ordered_at));
  }
  out.median_reorder_days = median_reorder_days(std::move(gaps));
  return out;
}

}  // namespace tsuikyaku::segment
