#include "tsuikyaku/store/products.hpp"

#include "counted_orders.hpp"
#include "scan.hpp"

namespace tsuikyaku::store {

std::vector<segment::ProductStats> load_product_stats(Database& db, core::Instant as_of) {
  // A line without a SKU is its name's product; a line with neither is no product.
  Scan scan(db,
            "SELECT coalesce(nullif(l.sku, ''), nullif(l.description, '')) AS product, "
            "o.customer_id, o.ordered_at, o.id, l.quantity, l.unit_price, l.description "
            "FROM order_lines l JOIN orders o ON o.id = l.order_id "
            "WHERE product IS NOT NULL AND o.ordered_at <= ?1 AND " +
                counted_order_condition("o") +
                " ORDER BY product, o.customer_id, o.ordered_at, o.id, l.line_no");
  scan.bind(1, core::to_unix(as_of));
  std::vector<segment::ProductStats> out;
  std::string product;
  std::vector<segment::ProductLine> lines;
  const auto flush = [&] {
    if (!lines.empty()) out.push_back(segment::product_stats(product, lines));
    lines.clear();
  };
  while (scan.step()) {
    const std::string_view key = scan.text(0);
    if (key != product) {
      flush();
      product = key;
    }
    segment::ProductLine line;
    line.customer_id = scan.integer(1);
    line.ordered_at = core::from_unix(scan.integer(2));
    line.order_id = scan.integer(3);
    line.quantity = scan.integer(4);
    line.unit_price = core::parse_decimal(scan.text(5)).value.value_or(core::Decimal{});
    line.name = scan.text(6);
    lines.push_back(std::move(line));
  }
  flush();
  return out;
}

}  // namespace tsuikyaku::store
