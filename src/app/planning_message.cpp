#include <fmt/format.h>

#include "tsuikyaku/app/planning.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/store/message_facts.hpp"

// One message's render request from the store: what `send` renders for a ledger row and
// `preview` for what the user picked, so both make the same render_message call.

namespace tsuikyaku::app {

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
                      store::stored_segment_of(ws.db, customer_id, date).value_or("")};
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
