#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/core/decimal.hpp"
#include "tsuikyaku/core/time.hpp"

// Products from the orders (docs/products.md): a product is a line's SKU, or its name
// where the export has no SKU. Pure logic over counted order lines; the store reads them.

namespace tsuikyaku::segment {

// Half-days, so that the mean of two middle gaps (12 and 13 -> 12.5) stays exact.
struct ReorderDays {
  std::int64_t halves = 0;  // the median × 2

  bool whole() const { return halves % 2 == 0; }
  friend bool operator==(const ReorderDays&, const ReorderDays&) = default;
};

// The median of whole-day gaps (any order); the mean of the two middle with an even
// count; nullopt under k_min_reorder_gaps gaps.
inline constexpr std::size_t k_min_reorder_gaps = 5;
std::optional<ReorderDays> median_reorder_days(std::vector<std::int64_t> gaps);

// "12" or "12.5".
std::string format_reorder_days(const ReorderDays& days);

// A line's product: its SKU, else its name where the export has no SKU; empty: no product.
inline std::string_view product_key(std::string_view sku, std::string_view name) {
  return sku.empty() ? name : sku;
}

// Whether a product key matches a glob of an audience (`TEA-*`): `*` any run of
// characters, none too; `?` one character; anything else itself, letter case included.
bool sku_matches(std::string_view glob, std::string_view sku);

// One line of a counted order, as the pass over them needs it.
struct ProductLine {
  std::int64_t customer_id = 0;
  core::Instant ordered_at;
  std::int64_t order_id = 0;
  std::int64_t quantity = 0;
  core::Decimal unit_price;
  std::string name;  // the line's name (description); empty when the export has none
};

struct ProductStats {
  std::string sku;   // the product key: the SKU, else the line's name
  std::string name;  // the name on its newest line that has one
  std::int64_t orders = 0;
  std::int64_t customers = 0;
  std::int64_t units = 0;
  core::ExactSum revenue;  // Σ quantity × unit_price, major units
  std::int64_t repeat_customers = 0;
  std::optional<ReorderDays> median_reorder_days;
};

// The figures of one product, gathered line by line: each customer's lines of it must come
// together and in time order (then order, then line), as product_stats says; the lines of
// different products may interleave. Several lines of one order count it once.
class ProductTally {
 public:
  void add(std::int64_t customer_id, core::Instant ordered_at, std::int64_t order_id,
           std::int64_t quantity, const core::Decimal& unit_price, std::string_view name);
  // The statistics so far, under this product key; the gaps are handed over.
  ProductStats finish(std::string sku);

 private:
  ProductStats m_stats;
  std::vector<std::int64_t> m_gaps;
  std::optional<core::Instant> m_newest_named;
  std::optional<std::int64_t> m_customer;  // the previous line's
  std::int64_t m_order = 0;
  core::Instant m_ordered_at;
  std::int64_t m_customer_orders = 0;  // the current customer's orders of it so far
};

// The statistics of one product from its lines ordered by customer, then time, then order
// (several lines of one order count it once; a gap is floor(elapsed seconds / 86400)
// between consecutive orders of the same customer, as recency_days).
ProductStats product_stats(std::string sku, const std::vector<ProductLine>& lines);

}  // namespace tsuikyaku::segment
