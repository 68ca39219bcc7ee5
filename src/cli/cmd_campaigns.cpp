#include <fmt/format.h>

#include <ostream>

#include "as_of_flag.hpp"
#include "commands.hpp"
#include "plan_output.hpp"
#include "tsuikyaku/app/campaigns.hpp"
#include "tsuikyaku/app/planning.hpp"
#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/core/i18n.hpp"

// `tsuikyaku campaigns` (what each campaign would send now), `tsuikyaku campaigns check`
// (SPEC §6) and `tsuikyaku campaigns start` (docs/sending.md).

namespace tsuikyaku::cli {
namespace {

core::ExitCode run_check(Context& ctx) {
  const app::CampaignCheck check = app::check_campaigns(ctx.location());
  for (const std::string& error : check.errors) {
    ctx.io().err << error_prefix() << error << '\n';
  }
  if (!check.errors.empty()) {
    ctx.io().err << core::trf_n("campaigns check: {} error", "campaigns check: {} errors",
                                check.errors.size(), check.errors.size())
                 << '\n';
    return core::ExitCode::config;
  }
  const std::size_t disabled = check.campaigns - check.enabled;
  ctx.io().out << core::trf_n("{} campaign OK", "{} campaigns OK", check.campaigns,
                              check.campaigns);
  if (disabled > 0) ctx.io().out << core::trf(" ({} disabled)", disabled);
  ctx.io().out << '\n';
  if (!check.samples.empty()) {
    ctx.io().out << core::tr(
                        "Still the shipped samples (fine for the outbox; a send through a "
                        "mail server refuses them):")
                 << '\n';
    for (const std::string& sample : check.samples) ctx.io().out << "  " << sample << '\n';
  }
  return core::ExitCode::ok;
}

core::ExitCode run_overview(Context& ctx, const std::string& as_of) {
  app::Workspace workspace = ctx.open_workspace();
  const core::Instant now = as_of_moment(ctx, workspace.config, as_of);
  print_campaigns_overview(ctx.io().out, app::campaigns_overview(workspace, now), workspace.config);
  return core::ExitCode::ok;
}

core::ExitCode run_start(Context& ctx, const std::string& name, std::int64_t limit) {
  app::Workspace workspace = ctx.open_workspace();
  app::CampaignStartRequest request{name, std::nullopt, ctx.clock().now()};
  if (limit > 0) request.daily_limit = limit;
  app::start_campaign(workspace, request);
  const std::string pace = limit > 0 ? core::trf("at most {} a day", limit)
                                     : core::trf("at most {} a run (send.max_per_run)",
                                                 workspace.config.send.max_per_run);
  ctx.io().out << core::trf("Started {}: the next send sends what it held back, {}.", name, pace)
               << '\n';
  return core::ExitCode::ok;
}

}  // namespace

Registered add_campaigns(CLI::App& app, Context& ctx) {
  auto as_of = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand(
      "campaigns",
      core::tr("Each campaign with what it would send now, what waits and what it skips"));
  sub->require_subcommand(0, 1);
  sub->add_option("--as-of", *as_of, as_of_help());
  sub->footer(core::tr("See docs/campaigns.md for the campaign files and the rules of planning."));
  CLI::App* check = sub->add_subcommand(
      "check", core::tr("Validate every campaign file and template; exit 78 on any error"));
  auto start_name = std::make_shared<std::string>();
  auto start_limit = std::make_shared<std::int64_t>(0);
  CLI::App* start = sub->add_subcommand(
      "start", core::tr("Let a marketing campaign's held first run go out from the next send"));
  start->add_option("name", *start_name, core::tr("The campaign"))->required();
  start->add_option("--limit", *start_limit, core::tr("Send at most N of its messages a day"))
      ->type_name("N")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{10'000'000}).description(""));
  start->footer(
      core::tr("A marketing campaign that has never mailed anyone and would mail more customers "
               "than send.first_run_limit at once waits for this (docs/sending.md)."));
  return {sub, [&ctx, check, start, as_of, start_name, start_limit] {
            if (check->parsed()) return run_check(ctx);
            if (start->parsed()) return run_start(ctx, *start_name, *start_limit);
            return run_overview(ctx, *as_of);
          }};
}

}  // namespace tsuikyaku::cli
