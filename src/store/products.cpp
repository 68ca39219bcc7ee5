#include "tsuikyaku/store/products.hpp"

#include <algorithm>
#include <deque>
#include <numeric>
#include <string>
#include <tuple>
#include <unordered_map>

#include "counted_orders.hpp"
#include "scan.hpp"

namespace tsuikyaku::store {
namespace {

// A counted order and where its lines are in the lines read.
struct Order {
  std::int64_t id = 0;
  std::int64_t customer_id = 0;
  std::int64_t ordered_at = 0;  // Unix seconds
  std::uint32_t first_line = 0;
  std::uint32_t end_line = 0;
};

// What a line says besides its quantity: a few thousand of these stand for millions of
// lines, so that a line costs one hash lookup, not one per text.
struct Variant {
  std::uint32_t product = 0;  // index into the product keys
  std::uint32_t name = 0;     // into the names
  core::Decimal price;
};

// A line of a counted order.
struct Line {
  std::uint32_t variant = 0;
  std::int64_t quantity = 0;
};

// Texts by number, each stored once.
class Interned {
 public:
  std::uint32_t id(std::string_view text) {
    const auto found = m_ids.find(text);
    if (found != m_ids.end()) return found->second;
    const auto id = static_cast<std::uint32_t>(m_texts.size());
    m_texts.emplace_back(text);
    m_ids.emplace(m_texts.back(), id);
    return id;
  }
  const std::string& text(std::uint32_t id) const { return m_texts[id]; }
  std::size_t size() const { return m_texts.size(); }

 private:
  std::deque<std::string> m_texts;  // stable: the map's keys view them
  std::unordered_map<std::string_view, std::uint32_t> m_ids;
};

}  // namespace

std::vector<segment::ProductStats> load_product_stats(Database& db, core::Instant as_of) {
  // Two scans in primary-key order, joined here by a merge on the order id: the counted
  // orders (NOT INDEXED: the as-of is usually after nearly every order, as in segments),
  // then every line. On a million orders with two million lines this takes 1.0 s CPU where
  // a join in SQLite and a sort of the lines took 2.3 s (docs/benchmarks.md).
  std::vector<Order> orders;
  {
    Scan scan(db,
              "SELECT id, customer_id, ordered_at FROM orders NOT INDEXED "
              "WHERE ordered_at <= ?1 AND " +
                  counted_order_condition() + " ORDER BY id");
    scan.bind(1, core::to_unix(as_of));
    while (scan.step()) orders.push_back({scan.integer(0), scan.integer(1), scan.integer(2)});
  }
  Interned products;
  Interned names;
  Interned variant_keys;  // the SKU's length, the SKU, the name, NUL, the price
  std::vector<Variant> variants;
  std::string key;
  std::vector<Line> lines;
  {
    Scan scan(db,
              "SELECT order_id, sku, description, quantity, unit_price FROM order_lines "
              "ORDER BY order_id, line_no");
    std::size_t next = 0;  // the first order whose id is not below the line's
    while (scan.step()) {
      const std::int64_t order_id = scan.integer(0);
      while (next < orders.size() && orders[next].id < order_id) ++next;
      if (next == orders.size()) break;
      if (orders[next].id != order_id) continue;  // not counted
      // A line without a SKU is its name's product; a line with neither is no product.
      const std::string_view sku = scan.text(1);
      const std::string_view name = scan.text(2);
      if (sku.empty() && name.empty()) continue;
      Order& order = orders[next];
      if (order.end_line == 0) order.first_line = static_cast<std::uint32_t>(lines.size());
      const std::string_view price = scan.text(4);
      const auto sku_size = static_cast<std::uint32_t>(sku.size());
      key.assign(reinterpret_cast<const char*>(&sku_size), sizeof sku_size);
      key.append(sku).append(name).append(1, '\0').append(price);
      const std::uint32_t variant = variant_keys.id(key);
      if (variant == variants.size()) {
        variants.push_back({products.id(segment::product_key(sku, name)), names.id(name),
                            core::parse_decimal(price).value.value_or(core::Decimal{})});
      }
      lines.push_back({variant, scan.integer(3)});
      order.end_line = static_cast<std::uint32_t>(lines.size());
    }
  }
  // Each customer's orders in time order (then by id): every product's tally sees its
  // customers' lines together and in order.
  std::erase_if(orders, [](const Order& o) { return o.end_line == 0; });
  std::sort(orders.begin(), orders.end(), [](const Order& a, const Order& b) {
    return std::tie(a.customer_id, a.ordered_at, a.id) <
           std::tie(b.customer_id, b.ordered_at, b.id);
  });
  std::vector<segment::ProductTally> tallies(products.size());
  for (const Order& order : orders) {
    const core::Instant at = core::from_unix(order.ordered_at);
    for (std::uint32_t i = order.first_line; i < order.end_line; ++i) {
      const Variant& v = variants[lines[i].variant];
      tallies[v.product].add(order.customer_id, at, order.id, lines[i].quantity, v.price,
                             names.text(v.name));
    }
  }
  // Products in byte order of their keys.
  std::vector<std::uint32_t> by_key(products.size());
  std::iota(by_key.begin(), by_key.end(), 0);
  std::sort(by_key.begin(), by_key.end(),
            [&](std::uint32_t a, std::uint32_t b) { return products.text(a) < products.text(b); });
  std::vector<segment::ProductStats> out;
  out.reserve(by_key.size());
  for (const std::uint32_t id : by_key) out.push_back(tallies[id].finish(products.text(id)));
  return out;
}

std::vector<CustomerPurchase> load_purchases(Database& db) {
  Scan scan(db,
            "SELECT o.customer_id, l.sku, l.description, o.ordered_at "
            "FROM orders o NOT INDEXED JOIN order_lines l ON l.order_id = o.id WHERE " +
                counted_order_condition("o"));
  std::vector<CustomerPurchase> out;
  while (scan.step()) {
    const std::string_view product = segment::product_key(scan.text(1), scan.text(2));
    if (product.empty()) continue;
    out.push_back({scan.integer(0), {std::string(product), core::from_unix(scan.integer(3))}});
  }
  return out;
}

}  // namespace tsuikyaku::store
