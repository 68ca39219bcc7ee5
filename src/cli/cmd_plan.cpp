#include "as_of_flag.hpp"
#include "commands.hpp"
#include "plan_output.hpp"
#include "tsuikyaku/app/planning.hpp"
#include "tsuikyaku/core/i18n.hpp"

// `tsuikyaku plan [--days N]` (SPEC §6): what will go out over the next days.

namespace tsuikyaku::cli {
namespace {

struct PlanOptions {
  int days = 14;
  std::string as_of;
  std::string campaign;
  bool json = false;
};

core::ExitCode run_plan(Context& ctx, const PlanOptions& options) {
  app::Workspace workspace = ctx.open_workspace();
  app::ForecastRequest request;
  request.now = as_of_moment(ctx, workspace.config, options.as_of);
  request.days = options.days;
  if (!options.campaign.empty()) request.campaign = options.campaign;
  const app::ForecastResult forecast = app::forecast_plan(workspace, request);
  if (options.json) {
    print_forecast_json(ctx.io().out, forecast, workspace.config);
  } else {
    print_forecast(ctx.io().out, forecast, workspace.config, ctx.global().quiet);
  }
  return core::ExitCode::ok;
}

}  // namespace

Registered add_plan(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<PlanOptions>();
  CLI::App* sub = app.add_subcommand(
      "plan", core::tr("What will go out over the next days, campaign by campaign and day by day, "
                       "and why"));
  sub->add_option("--days", options->days, core::tr("How many days, today first (default 14)"))
      ->check(CLI::Range(1, 366));
  sub->add_option("--campaign", options->campaign, core::tr("Only this campaign"));
  sub->add_option("--as-of", options->as_of, as_of_help());
  sub->add_flag("--json", options->json, json_help());
  sub->footer(
      core::tr("Assumes no new order, consent or suppression comes in. -q prints only the counts. "
               "See docs/campaigns.md."));
  return {sub, [&ctx, options] { return run_plan(ctx, *options); }};
}

}  // namespace tsuikyaku::cli
