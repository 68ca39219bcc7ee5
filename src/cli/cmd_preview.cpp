#include <fmt/format.h>

#include <ostream>

#include "as_of_flag.hpp"
#include "commands.hpp"
#include "tsuikyaku/app/preview.hpp"

// `tsuikyaku preview CAMPAIGN [--customer KEY|--order ID] [--format eml|text|html]`
// (SPEC §7): exactly what would be sent.

namespace tsuikyaku::cli {
namespace {

struct PreviewOptions {
  std::string campaign;
  std::string customer;
  std::string order;
  std::string format = "text";
  std::string as_of;
};

// Says on stderr which example was picked, so the user knows whose mail this is.
void say_example(Context& ctx, const app::PreviewResult& result, const std::string& campaign) {
  if (ctx.global().quiet) return;
  std::ostream& err = ctx.io().err;
  if (!result.example.empty()) {
    const std::string whom =
        result.order_id.empty()
            ? "customer " + result.customer_key
            : fmt::format("order {} (customer {})", result.order_id, result.customer_key);
    err << fmt::format("preview: {} for {}, {}; choose with {}\n", campaign, whom, result.example,
                       result.order_id.empty() ? "--customer KEY" : "--order ID or --customer KEY");
  }
  if (!result.skip_reason.empty()) {
    err << fmt::format("preview: send would not send this message now: {}\n", result.skip_reason);
  }
  if (!result.ledger_state.empty()) {
    err << fmt::format("preview: the ledger holds this message ({})\n", result.ledger_state);
  }
}

core::ExitCode run_preview(Context& ctx, const PreviewOptions& options) {
  app::Workspace workspace = ctx.open_workspace();
  app::PreviewRequest request;
  request.campaign = options.campaign;
  if (!options.customer.empty()) request.customer = options.customer;
  if (!options.order.empty()) request.order = options.order;
  request.now = as_of_moment(ctx, workspace.config, options.as_of);
  const app::PreviewResult result = app::preview_message(workspace, request);
  say_example(ctx, result, options.campaign);
  const render::RenderedMessage& message = result.message;
  std::ostream& out = ctx.io().out;
  if (options.format == "eml") {
    out << message.eml;
  } else if (options.format == "html") {
    out << message.html;
  } else {
    out << "From: " << result.from << "\nTo: " << message.recipient
        << "\nSubject: " << message.subject << "\n\n"
        << message.text;
  }
  return core::ExitCode::ok;
}

}  // namespace

Registered add_preview(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<PreviewOptions>();
  CLI::App* sub = app.add_subcommand("preview", "Show exactly what a campaign would send");
  sub->add_option("campaign", options->campaign, "The campaign's name")->required();
  CLI::Option* customer =
      sub->add_option("--customer", options->customer, "For this customer (its key)");
  CLI::Option* order =
      sub->add_option("--order", options->order, "For this order (the shop's order number)");
  customer->excludes(order);
  sub->add_option("--format", options->format,
                  "text (default: the sender, recipient, subject and text part), html (the HTML "
                  "part) or eml (the whole message as sent)")
      ->check(CLI::IsMember({"eml", "text", "html"}));
  sub->add_option("--as-of", options->as_of, as_of_help());
  sub->footer(
      "Without --customer or --order, an example is picked and named on stderr. Nothing is "
      "recorded and no coupon code is given by previewing.");
  return {sub, [&ctx, options] { return run_preview(ctx, *options); }};
}

}  // namespace tsuikyaku::cli
