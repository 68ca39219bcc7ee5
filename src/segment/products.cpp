#include "tsuikyaku/segment/products.hpp"

#include <algorithm>

#include "tsuikyaku/core/strings.hpp"
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

bool sku_matches(std::string_view glob, std::string_view sku) {
  constexpr std::size_t k_none = std::string_view::npos;
  std::size_t g = 0;
  std::size_t s = 0;
  std::size_t star = k_none;  // the glob just after the last '*' seen …
  std::size_t resume = 0;     // … and where in sku it began to match
  while (s < sku.size()) {
    if (g < glob.size() && glob[g] == '*') {
      star = ++g;
      resume = s;
    } else if (g < glob.size() && glob[g] == '?') {
      ++g;
      s += core::utf8_sequence_length(sku, s);
    } else if (g < glob.size() && glob[g] == sku[s]) {
      ++g;
      ++s;
    } else if (star == k_none) {
      return false;
    } else {  // the last '*' takes one character more
      g = star;
      resume += core::utf8_sequence_length(sku, resume);
      s = resume;
    }
  }
  while (g < glob.size() && glob[g] == '*') ++g;
  return g == glob.size();
}

std::string format_reorder_days(const ReorderDays& days) {
  std::string out = std::to_string(days.halves / 2);
  if (!days.whole()) out += ".5";
  return out;
}

void ProductTally::add(std::int64_t customer_id, core::Instant ordered_at, std::int64_t order_id,
                       std::int64_t quantity, const core::Decimal& unit_price,
                       std::string_view name) {
  m_stats.units += quantity;
  core::add_product(m_stats.revenue, quantity, unit_price);
  if (!name.empty() && (!m_newest_named || ordered_at >= *m_newest_named)) {
    m_newest_named = ordered_at;
    if (m_stats.name != name) m_stats.name = name;
  }
  const bool same_customer = m_customer == customer_id;
  if (same_customer && m_order == order_id) return;  // another line of the same order
  ++m_stats.orders;
  if (!same_customer) {
    ++m_stats.customers;
    m_customer_orders = 1;
  } else {
    if (++m_customer_orders == 2) ++m_stats.repeat_customers;
    m_gaps.push_back(recency_days(m_ordered_at, ordered_at));
  }
  m_customer = customer_id;
  m_order = order_id;
  m_ordered_at = ordered_at;
}

ProductStats ProductTally::finish(std::string sku) {
  ProductStats out = std::move(m_stats);
  out.sku = std::move(sku);
  out.median_reorder_days = median_reorder_days(std::move(m_gaps));
  return out;
}

ProductStats product_stats(std::string sku, const std::vector<ProductLine>& lines) {
  ProductTally tally;
  for (const ProductLine& line : lines) {
    tally.add(line.customer_id, line.ordered_at, line.order_id, line.quantity, line.unit_price,
              line.name);
  }
  return tally.finish(std::move(sku));
}

}  // namespace tsuikyaku::segment
