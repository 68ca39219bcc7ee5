#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "as_of_flag.hpp"
#include "commands.hpp"
#include "json_fields.hpp"
#include "text_table.hpp"
#include "tsuikyaku/app/customers.hpp"
#include "tsuikyaku/core/decimal.hpp"
#include "tsuikyaku/core/money.hpp"
#include "tsuikyaku/core/strings.hpp"

// `tsuikyaku customers show KEY` (SPEC §9): one customer, its orders, segment and RFM,
// and every message of the ledger.

namespace tsuikyaku::cli {
namespace {

using Align = TextTable::Align;

struct CustomersOptions {
  std::string key;
  std::string as_of;
  bool json = false;
};

// An amount in the order's own currency; a code this build does not know is shown raw.
std::string amount(std::int64_t minor, const std::string& currency, bool formatted) {
  const core::Currency* found = core::find_currency(currency);
  if (found == nullptr) return fmt::format("{} {}", minor, currency);
  if (formatted) return core::format_money(core::Money(minor, *found), core::Language::en);
  return core::format_plain(minor, found->exponent);
}

std::string when(const std::optional<core::Instant>& at, const core::TimeZone& zone) {
  return at ? core::format_iso(*at, zone) : std::string();
}

json when_json(const std::optional<core::Instant>& at, const core::TimeZone& zone) {
  return at ? json(core::format_iso(*at, zone)) : json(nullptr);
}

json rfm_json(const app::CustomerShow& show, const campaign::Shop& shop) {
  if (!show.rfm) return nullptr;
  const segment::Rfm& rfm = *show.rfm;
  return {{"recency_days", rfm.recency_days},
          {"frequency", rfm.frequency},
          {"monetary", core::format_plain(rfm.monetary, shop.currency->exponent)},
          {"r", rfm.r},
          {"f", rfm.f},
          {"m", rfm.m}};
}

void print_json(std::ostream& out, const app::CustomerShow& show, const campaign::Shop& shop) {
  const core::TimeZone& zone = shop.timezone;
  const store::CustomerRecord& customer = show.customer;
  json document{{"as_of", core::format_iso(show.as_of, zone)},
                {"customer_key", customer.customer_key},
                {"email", text_or_null(customer.contact.email)},
                {"name", text_or_null(customer.contact.name)},
                {"accepts_marketing", customer.accepts_marketing}};
  add_postal_fields(document, customer.contact);
  document["suppressed"] =
      show.suppression ? json(campaign::to_string(show.suppression->reason)) : json(nullptr);
  document["segment"] = show.segment ? json(*show.segment) : json(nullptr);
  document["rfm"] = rfm_json(show, shop);
  document["orders"] = json::array();
  document["messages"] = json::array();
  for (const store::CustomerOrder& order : show.orders) {
    document["orders"].push_back({{"order_id", order.order_key},
                                  {"ordered_at", core::format_iso(order.ordered_at, zone)},
                                  {"total", amount(order.total_minor, order.currency, false)},
                                  {"currency", order.currency},
                                  {"status", order.status},
                                  {"shipped_at", when_json(order.shipped_at, zone)},
                                  {"delivered_at", when_json(order.delivered_at, zone)}});
  }
  for (const store::CustomerMessage& message : show.messages) {
    document["messages"].push_back({{"id", message.id},
                                    {"campaign", message.campaign},
                                    {"kind", message.kind},
                                    {"state", store::to_string(message.state)},
                                    {"order_id", text_or_null(message.order_key)},
                                    {"due_at", core::format_iso(message.due_at, zone)},
                                    {"sent_at", when_json(message.sent_at, zone)},
                                    {"message_id", text_or_null(message.message_id)},
                                    {"coupon_code", text_or_null(message.coupon_code)},
                                    {"reason", text_or_null(message.reason)}});
  }
  out << document.dump(2) << '\n';
}

void print_profile(std::ostream& out, const app::CustomerShow& show, const campaign::Shop& shop) {
  const core::TimeZone& zone = shop.timezone;
  const store::CustomerRecord& customer = show.customer;
  const store::CustomerContact& contact = customer.contact;
  const auto line = [&out](std::string_view label, const std::string& value) {
    out << fmt::format("  {:<10} {}\n", label, value.empty() ? "-" : value);
  };
  out << fmt::format("Customer {}\n", customer.customer_key);
  line("name", contact.name);
  std::string email = contact.email;
  if (show.suppression) {
    email +=
        fmt::format(" (suppressed: {} since {})", campaign::to_string(show.suppression->reason),
                    core::format_date(zone.to_local(show.suppression->created_at)));
  }
  line("e-mail", email);
  line("marketing", customer.accepts_marketing ? "accepted" : "not accepted");
  std::string postal;
  for (const std::string* part : {&contact.postal_code, &contact.region, &contact.city,
                                  &contact.address, &contact.address2, &contact.country}) {
    if (part->empty()) continue;
    if (!postal.empty()) postal += ' ';
    postal += *part;
  }
  if (!postal.empty()) line("address", postal);
  if (!contact.phone.empty()) line("phone", contact.phone);
  std::string segment = "none: no order that counts by then";
  if (show.segment && show.rfm) {
    const segment::Rfm& rfm = *show.rfm;
    segment = fmt::format(
        "{} (R {} F {} M {}: {} orders, {}, last order {} days ago)", *show.segment, rfm.r, rfm.f,
        rfm.m, rfm.frequency,
        core::format_money(core::Money(rfm.monetary, *shop.currency), core::Language::en),
        rfm.recency_days);
  }
  line("segment", segment);
  line("as of", core::format_iso(show.as_of, zone));
}

void print_human(std::ostream& out, const app::CustomerShow& show, const campaign::Shop& shop) {
  const core::TimeZone& zone = shop.timezone;
  print_profile(out, show, shop);
  out << fmt::format("\nOrders ({}):\n", show.orders.size());
  TextTable orders(
      {{"order"}, {"ordered"}, {"total", Align::right}, {"status"}, {"shipped"}, {"delivered"}});
  for (const store::CustomerOrder& order : show.orders) {
    orders.add_row({order.order_key, core::format_iso(order.ordered_at, zone),
                    amount(order.total_minor, order.currency, true), order.status,
                    when(order.shipped_at, zone), when(order.delivered_at, zone)});
  }
  if (!show.orders.empty()) orders.print(out);
  out << fmt::format("\nMessages ({}):\n", show.messages.size());
  TextTable messages({{"id", Align::right},
                      {"campaign"},
                      {"state"},
                      {"order"},
                      {"due"},
                      {"sent"},
                      {"message-id or reason"}});
  for (const store::CustomerMessage& message : show.messages) {
    messages.add_row({std::to_string(message.id), message.campaign,
                      std::string(store::to_string(message.state)), message.order_key,
                      core::format_iso(message.due_at, zone), when(message.sent_at, zone),
                      message.reason.empty() ? message.message_id : message.reason});
  }
  if (!show.messages.empty()) messages.print(out);
}

}  // namespace

Registered add_customers(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<CustomersOptions>();
  CLI::App* sub = app.add_subcommand("customers", "Customers: look one up");
  sub->require_subcommand(1);
  CLI::App* show = sub->add_subcommand(
      "show", "One customer: orders, segment and RFM, and every message of the ledger");
  show->add_option("key", options->key,
                   "The customer key, or an e-mail address (in any letter case)")
      ->required();
  show->add_option("--as-of", options->as_of, as_of_help());
  show->add_flag("--json", options->json, json_help());
  return {sub, [&ctx, options] {
            const auto as_of = parse_as_of_flag(options->as_of);
            app::Workspace workspace = ctx.open_workspace();
            const app::CustomerShow result =
                app::show_customer(workspace, {options->key, as_of, ctx.clock().now()});
            if (options->json) {
              print_json(ctx.io().out, result, workspace.config.shop);
            } else {
              print_human(ctx.io().out, result, workspace.config.shop);
            }
            return core::ExitCode::ok;
          }};
}

}  // namespace tsuikyaku::cli
