#include "tsuikyaku/import/line_items.hpp"

#include <algorithm>
#include <array>
#include <iterator>

namespace tsuikyaku::ingest {
namespace {

void first_text(std::string& into, std::string& from) {
  if (into.empty() && !from.empty()) into = std::move(from);
}

template <typename T>
void first_value(std::optional<T>& into, const std::optional<T>& from) {
  if (!into && from) into = from;
}

}  // namespace

void merge_row(OrderRecord& order, OrderRecord&& row) {
  if (row.ordered_at && (!order.ordered_at || *row.ordered_at < *order.ordered_at)) {
    order.ordered_at = row.ordered_at;
  }
  for (auto member :
       {&OrderRecord::order_key, &OrderRecord::customer_id, &OrderRecord::email, &OrderRecord::name,
        &OrderRecord::phone, &OrderRecord::status, &OrderRecord::tracking_number,
        &OrderRecord::carrier, &OrderRecord::discount_code}) {
    first_text(order.*member, row.*member);
  }
  // The postal address is one block: the first row's that has one, never a mix of rows.
  constexpr std::array postal{&OrderRecord::postal_code, &OrderRecord::address,
                              &OrderRecord::address2,    &OrderRecord::city,
                              &OrderRecord::region,      &OrderRecord::country};
  const auto has_postal = [&](const OrderRecord& r) {
    return std::any_of(postal.begin(), postal.end(), [&](auto m) { return !(r.*m).empty(); });
  };
  if (!has_postal(order) && has_postal(row)) {
    for (const auto member : postal) order.*member = std::move(row.*member);
  }
  first_value(order.total_minor, row.total_minor);
  first_value(order.shipped_at, row.shipped_at);
  first_value(order.delivered_at, row.delivered_at);
  first_value(order.cancelled_at, row.cancelled_at);
  first_value(order.accepts_marketing, row.accepts_marketing);
  order.lines.insert(order.lines.end(), std::make_move_iterator(row.lines.begin()),
                     std::make_move_iterator(row.lines.end()));
}

core::Status total_from_lines(OrderRecord& order, const core::Currency& currency) {
  if (order.total_minor || order.lines.empty()) return {};
  // Quantities and prices are bounded by the row parser (|q| <= 1e9, |mantissa| <= 1e15),
  // so one product is below 1e33 and a sum kept under k_limit never overflows 128 bits,
  // even when a finer price widens its scale.
  constexpr core::Int128 k_limit = core::Int128{10'000'000'000'000'000} * 1'000'000'000'000;
  core::ExactSum sum;
  bool fits = true;
  for (const OrderLine& line : order.lines) {
    core::add_product(sum, line.quantity, line.unit_price);
    if (sum.mantissa > k_limit || sum.mantissa < -k_limit) {
      fits = false;
      break;
    }
  }
  if (fits) order.total_minor = core::round_half_even(sum, currency.exponent);
  if (!order.total_minor) return core::Failure{"the sum of the order's lines is out of range"};
  return {};
}

}  // namespace tsuikyaku::ingest
