#include <fmt/format.h>

#include "tsuikyaku/app/planning.hpp"
#include "tsuikyaku/core/decimal.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/segment/favourite.hpp"
#include "tsuikyaku/store/message_facts.hpp"

// One message's render request from the store: what `send` renders for a ledger row and
// `preview` for what the user picked, so both make the same render_message call.

namespace tsuikyaku::app {
namespace {

render::ProductInfo product_info(const segment::Catalog& catalog, std::string sku,
                                 std::string name) {
  render::ProductInfo product;
  if (const segment::CatalogEntry* entry = catalog.find(sku)) {
    product.category = entry->category;
    product.care = entry->care;
    product.review_url = entry->review_url;
  }
  product.sku = std::move(sku);
  product.name = std::move(name);
  return product;
}

// An amount in major units rounded half to even to the currency's minor unit, as revenue is.
std::optional<core::Money> rounded(std::int64_t quantity, const core::Decimal& price,
                                   const core::Currency& currency) {
  core::ExactSum sum;
  core::add_product(sum, quantity, price);
  const auto minor = core::round_half_even(sum, currency.exponent);
  if (!minor) return std::nullopt;
  return core::Money(*minor, currency);
}

// The order's lines that are products and not no_followup, priced in the order's currency.
std::vector<render::ItemInfo> order_items(Workspace& ws, std::int64_t order_id,
                                          const core::Currency& currency) {
  std::vector<render::ItemInfo> items;
  for (store::MessageLine& line : store::load_message_lines(ws.db, order_id)) {
    std::string key(segment::product_key(line.sku, line.name));
    const segment::CatalogEntry* entry = ws.config.products.find(key);
    if (key.empty() || (entry != nullptr && entry->no_followup)) continue;
    render::ItemInfo item;
    item.product = product_info(ws.config.products, std::move(key), std::move(line.name));
    item.quantity = line.quantity;
    if (const auto price = core::parse_decimal(line.unit_price).value) {
      item.unit_price = rounded(1, *price, currency);
      item.line_total = rounded(line.quantity, *price, currency);
    }
    items.push_back(std::move(item));
  }
  return items;
}

std::optional<render::FavouriteInfo> favourite_of(Workspace& ws, std::int64_t customer_id,
                                                  core::Instant at) {
  const auto favourite = segment::favourite_product(
      store::load_customer_lines(ws.db, customer_id, at), ws.config.products);
  if (!favourite) return std::nullopt;
  return render::FavouriteInfo{
      product_info(ws.config.products, favourite->product, favourite->name), favourite->orders};
}

}  // namespace

render::MessageRequest message_request(Workspace& ws, const campaign::Campaign& campaign,
                                       std::int64_t customer_id,
                                       std::optional<std::int64_t> order_id,
                                       std::string coupon_code, core::Instant date,
                                       std::string message_token) {
  const campaign::Shop& shop = ws.config.shop;
  const auto customer = store::load_message_customer(ws.db, customer_id);
  if (!customer) {
    throw core::Error(core::ErrorKind::data,
                      fmt::format("customer {} is not in the database", customer_id));
  }
  render::MessageRequest request;
  request.campaign = &campaign;
  request.shop = &shop;
  request.customer = {customer->key, customer->name, customer->email,
                      store::stored_segment_of(ws.db, customer_id, date).value_or(""),
                      favourite_of(ws, customer_id, date)};
  if (order_id) {
    const auto order = store::load_message_order(ws.db, *order_id);
    if (!order) {
      throw core::Error(core::ErrorKind::data,
                        fmt::format("order {} is not in the database", *order_id));
    }
    const core::Currency* currency = core::find_currency(order->currency);
    render::OrderInfo info;
    info.id = order->id;
    info.total = core::Money(order->total_minor, currency ? *currency : *shop.currency);
    info.items = order_items(ws, *order_id, info.total->currency());
    info.ordered_at = order->ordered_at;
    info.shipped_at = order->shipped_at;
    info.delivered_at = order->delivered_at;
    info.tracking_number = order->tracking_number;
    info.carrier = order->carrier;
    request.order = std::move(info);
  }
  request.coupon_code = std::move(coupon_code);
  request.date = date;
  request.message_token = std::move(message_token);
  return request;
}

}  // namespace tsuikyaku::app
