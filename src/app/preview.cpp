#include "tsuikyaku/app/preview.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "planning_internal.hpp"
#include "tsuikyaku/campaign/occurrence.hpp"
#include "tsuikyaku/campaign/template.hpp"
#include "tsuikyaku/config/campaigns.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/store/message_facts.hpp"

namespace tsuikyaku::app {
namespace {

using campaign::Campaign;

struct Pick {
  std::int64_t customer_id = 0;
  std::optional<std::int64_t> order_id;
  std::string example;  // why, when the user did not say
};

core::Error usage(std::string message) {
  return core::Error(core::ErrorKind::usage, std::move(message));
}

std::int64_t customer_named(Workspace& ws, const std::string& key) {
  const auto id = store::find_customer(ws.db, key);
  if (!id) throw usage(fmt::format("unknown customer '{}'", key));
  return *id;
}

// "delivered or shipped", as an example is described.
std::string events_text(const std::vector<campaign::Event>& events) {
  std::vector<std::string> names;
  for (const auto event : events) {
    names.emplace_back(event == campaign::Event::ordered ? "placed" : campaign::to_string(event));
  }
  return core::join(names, " or ");
}

std::optional<Pick> pick_for_order(Workspace& ws, const Campaign& campaign,
                                   const PreviewRequest& request) {
  const auto& events = campaign.trigger->events;
  if (request.order) {
    const auto order = store::find_order(ws.db, *request.order);
    if (!order) throw usage(fmt::format("unknown order '{}'", *request.order));
    return Pick{order->customer_id, order->id, ""};
  }
  if (request.customer) {
    const std::int64_t id = customer_named(ws, *request.customer);
    auto order = store::latest_order(ws.db, events, request.now, id);
    if (!order) order = store::latest_order(ws.db, {}, request.now, id);
    if (!order) {
      throw usage(fmt::format("customer '{}' has no order for {} to follow", *request.customer,
                              campaign.name));
    }
    return Pick{id, order->id, ""};
  }
  if (const auto order = store::latest_order(ws.db, events, request.now, std::nullopt)) {
    return Pick{order->customer_id, order->id, "the latest order " + events_text(events)};
  }
  if (const auto order = store::latest_order(ws.db, {}, request.now, std::nullopt)) {
    return Pick{order->customer_id, order->id,
                fmt::format("no order is {} yet: the latest order placed", events_text(events))};
  }
  return std::nullopt;
}

std::optional<Pick> pick_for_schedule(Workspace& ws, const Campaign& campaign,
                                      const PreviewRequest& request,
                                      const SegmentMembership& members) {
  if (request.order) {
    throw usage(
        fmt::format("--order: {} is sent on a schedule, not for an order; use "
                    "--customer KEY",
                    campaign.name));
  }
  if (request.customer) return Pick{customer_named(ws, *request.customer), std::nullopt, ""};
  const std::vector<std::string>& audience =
      campaign.segments.empty() ? members.names() : campaign.segments;
  for (const std::string& segment : audience) {
    const auto ids = members.members(segment);
    if (!ids.empty()) return Pick{ids.front(), std::nullopt, "a customer in segment " + segment};
  }
  if (const auto order = store::latest_order(ws.db, {}, request.now, std::nullopt)) {
    return Pick{order->customer_id, std::nullopt,
                fmt::format("nobody is in {} now: the customer of the latest order",
                            core::join(audience, ", "))};
  }
  return std::nullopt;
}

// Without --customer and --order: the first message `send` would send now (or, failing
// that, one that waits for quiet hours or a cooldown), so the preview is what goes out.
std::optional<Pick> pick_from_plan(Workspace& ws, const Campaign& campaign,
                                   const campaign::Plan& plan) {
  for (const campaign::Outcome wanted : {campaign::Outcome::send, campaign::Outcome::later}) {
    for (const campaign::Candidate& c : plan.candidates) {
      if (c.campaign != campaign.name || c.outcome != wanted) continue;
      const auto customer = store::find_customer(ws.db, c.customer);
      if (!customer) continue;
      std::optional<std::int64_t> order_id;
      if (!c.order.empty()) {
        const auto order = store::find_order(ws.db, c.order);
        if (!order) continue;
        order_id = order->id;
      }
      return Pick{*customer, order_id,
                  wanted == campaign::Outcome::send ? "the first message send would send now"
                                                    : "the first message due (it waits now)"};
    }
  }
  return std::nullopt;
}

// Why the planner would skip the message to this customer (and order) now; empty when it
// would not, or when the message is not due now.
std::string skip_reason(const campaign::Plan& plan, const Campaign& campaign,
                        const std::string& customer_key, const std::string& order_key) {
  for (const campaign::Candidate& c : plan.candidates) {
    if (c.campaign != campaign.name || c.outcome != campaign::Outcome::skip) continue;
    if (c.customer != customer_key || (!order_key.empty() && c.order != order_key)) continue;
    std::string reason(campaign::to_string(c.reason));
    if (!c.segment.empty() && c.reason == campaign::Reason::audience) {
      reason += " (segment " + c.segment + ")";
    } else if (!c.detail.empty()) {
      reason += " (" + c.detail + ")";
    }
    return reason;
  }
  return {};
}

bool shows_segment(const Campaign& campaign) {
  for (const auto& scan : {campaign::scan_template(campaign.subject, campaign.places.subject),
                           campaign::scan_template(campaign.body, {campaign.body_file, 1, 1})}) {
    for (const campaign::Tag& tag : scan.tags) {
      if (tag.name == "customer.segment") return true;
    }
  }
  return false;
}

std::string coupon_for(Workspace& ws, const Campaign& campaign) {
  if (!campaign.coupon) return "";
  if (campaign.coupon->pool.empty()) return campaign.coupon->code;
  const std::vector<std::string> free = free_coupon_codes(ws, campaign.coupon->pool);
  if (free.empty()) {
    throw core::Error(core::ErrorKind::data,
                      fmt::format("{} has no free code left: {} would skip this customer (no "
                                  "coupon)",
                                  campaign.coupon->pool, campaign.name));
  }
  return free.front();
}

// A customer and order for a shop without any yet, so a new workspace can see its mail.
render::MessageRequest made_up_request(Workspace& ws, const Campaign& campaign, core::Instant now) {
  const campaign::Shop& shop = ws.config.shop;
  const bool ja = campaign.language == campaign::Language::ja;
  render::MessageRequest request;
  request.campaign = &campaign;
  request.shop = &shop;
  request.customer = {"example", ja ? "山田 花子" : "Emma Clarke",
                      ja ? "hanako@example.jp" : "emma@example.com",
                      campaign.segments.empty() ? "new" : campaign.segments.front()};
  if (campaign.trigger) {
    render::OrderInfo order;
    order.id = "1001";
    order.total = core::Money(4980, *shop.currency);
    order.ordered_at = now - std::chrono::days{3};
    order.shipped_at = now - std::chrono::days{2};
    order.delivered_at = now - std::chrono::days{1};
    order.tracking_number = "4912-3456-7890";
    order.carrier = ja ? "ヤマト運輸" : "Royal Mail";
    render::ItemInfo item;
    item.product.sku = "SAMPLE-1";
    item.product.name = ja ? "煎茶 100g" : "Sencha 100g";
    item.quantity = 2;
    item.unit_price = core::Money(2490, *shop.currency);
    item.line_total = core::Money(4980, *shop.currency);
    order.items.push_back(item);
    request.order = order;
  }
  request.date = now;
  request.message_token = render::make_message_token(now, 1);
  return request;
}

std::string mailbox_text(const core::Mailbox& mailbox) {
  if (mailbox.display_name.empty()) return mailbox.address;
  return mailbox.display_name + " <" + mailbox.address + ">";
}

}  // namespace

PreviewResult preview_message(Workspace& ws, const PreviewRequest& request) {
  const std::vector<Campaign> campaigns = config::load_valid_campaigns(ws.config);
  const Campaign& campaign = find_campaign(campaigns, request.campaign);
  // Segments are computed only when they are shown or choose the example.
  std::optional<SegmentMembership> members;
  const auto segments = [&]() -> const SegmentMembership& {
    if (!members) members = segment_membership(ws, request.now, request.now, StoreRun::no);
    return *members;
  };
  const campaign::Plan plan =
      campaign.enabled ? plan_due(ws, PlanRequest{request.now, campaign.name}) : campaign::Plan{};
  std::optional<Pick> pick;
  if (!request.customer && !request.order) pick = pick_from_plan(ws, campaign, plan);
  if (!pick) {
    pick = campaign.trigger ? pick_for_order(ws, campaign, request)
                            : pick_for_schedule(ws, campaign, request, segments());
  }
  PreviewResult out;
  out.from = mailbox_text(campaign.from ? *campaign.from : ws.config.shop.from);
  render::MessageRequest message;
  if (!pick) {
    message = made_up_request(ws, campaign, request.now);
    message.coupon_code = coupon_for(ws, campaign);
    out.example = "a made-up customer and order: the database has no order yet";
  } else {
    out.example = pick->example;
    message = message_request(ws, campaign, pick->customer_id, pick->order_id, "", request.now, "");
    const std::string key =
        campaign.trigger
            ? campaign::order_dedup_key(campaign, message.order->id)
            : campaign::customer_dedup_key(
                  campaign, campaign::occurrence_at(campaign, ws.config.shop.timezone, request.now),
                  message.customer.key);
    const auto ledger = store::find_message(ws.db, key);
    if (ledger) out.ledger_state = ledger->state;
    message.coupon_code =
        ledger && !ledger->coupon_code.empty() ? ledger->coupon_code : coupon_for(ws, campaign);
    const std::int64_t unique = ledger ? ledger->id : pick->order_id.value_or(pick->customer_id);
    message.message_token =
        render::make_message_token(request.now, static_cast<std::uint64_t>(unique));
    if (shows_segment(campaign)) {
      const auto segment = segments().segment_of(pick->customer_id);
      message.customer.segment = segment ? std::string(*segment) : std::string();
    }
  }
  out.customer_key = message.customer.key;
  if (message.order) out.order_id = message.order->id;
  if (pick) out.skip_reason = skip_reason(plan, campaign, out.customer_key, out.order_id);
  out.message = render::render_message(message);
  return out;
}

}  // namespace tsuikyaku::app
