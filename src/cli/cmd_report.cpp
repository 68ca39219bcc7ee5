#include <fmt/format.h>

#include <ostream>

#include "as_of_flag.hpp"
#include "commands.hpp"
#include "report_json.hpp"
#include "tsuikyaku/app/report.hpp"
#include "tsuikyaku/app/segments.hpp"
#include "tsuikyaku/core/atomic_file.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/i18n.hpp"
#include "tsuikyaku/report/render.hpp"

namespace tsuikyaku::cli {
namespace {

struct ReportOptions {
  std::string as_of;  // local "YYYY-MM-DD[ HH:MM[:SS]]"; empty: now
  std::string since;  // the moment to compare segments with; empty: the previous run
  bool json = false;
  std::string html;  // file to write the HTML report to; empty: none
};

core::ExitCode run_report(Context& ctx, const ReportOptions& options) {
  app::Workspace workspace = ctx.open_workspace();
  const config::ShopConfig& shop_config = workspace.config.shop;
  const report::ShopView shop{shop_config.name, shop_config.currency, shop_config.timezone};

  app::ReportRequest request;
  request.as_of = as_of_moment(ctx, workspace.config, options.as_of);
  if (const auto since = parse_local_time_flag("--since", options.since)) {
    request.since = app::resolve_as_of(workspace.config, since, request.as_of);
    if (*request.since >= request.as_of) {
      throw core::Error(
          core::ErrorKind::usage,
          core::trf("--since: {} is not before the report's as-of moment", options.since));
    }
  }
  const report::Report result = app::build_report(workspace.db, shop.zone, request);

  if (!options.html.empty()) {
    // Beside the target and renamed over it: a browser never shows half a report.
    core::write_file_atomically(options.html, report::render_html(result, shop));
  }
  std::ostream& out = ctx.io().out;
  if (options.json) {
    out << report_json(result, shop).dump(2) << '\n';
    return core::ExitCode::ok;
  }
  // With --html the page is the report: the terminal only says where it went.
  if (!options.html.empty()) {
    out << core::trf("HTML report written to {}", options.html) << '\n';
    return core::ExitCode::ok;
  }
  out << report::render_text(result, shop, ctx.color());
  return core::ExitCode::ok;
}

}  // namespace

Registered add_report(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* sub = app.add_subcommand(
      "report", core::tr("Segment sizes and movement, repeat purchases, revenue by month, "
                         "cohorts, and the orders that followed each campaign's mail"));
  sub->add_option("--as-of", options->as_of, as_of_help());
  sub->add_option("--since", options->since,
                  core::tr("Compare segments with the last run at or before this local time "
                           "(default: the run before the latest)"));
  sub->add_flag("--json", options->json, json_help());
  sub->add_option("--html", options->html,
                  core::tr("Also write the report as one self-contained HTML file"))
      ->option_text("FILE");
  return {sub, [&ctx, options] { return run_report(ctx, *options); }};
}

}  // namespace tsuikyaku::cli
