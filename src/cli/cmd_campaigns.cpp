#include <fmt/format.h>

#include <ostream>

#include "commands.hpp"
#include "tsuikyaku/app/campaigns.hpp"

// `tsuikyaku campaigns check` (SPEC §6). The listing of what each campaign would send
// today (`tsuikyaku campaigns` alone) joins this file as a second action.

namespace tsuikyaku::cli {
namespace {

core::ExitCode run_check(Context& ctx) {
  const app::CampaignCheck check = app::check_campaigns(ctx.location());
  for (const std::string& error : check.errors) {
    ctx.io().err << "tsuikyaku: error: " << error << '\n';
  }
  if (!check.errors.empty()) {
    ctx.io().err << fmt::format("campaigns check: {} error{}\n", check.errors.size(),
                                check.errors.size() == 1 ? "" : "s");
    return core::ExitCode::config;
  }
  const std::size_t disabled = check.campaigns - check.enabled;
  ctx.io().out << fmt::format("{} campaign{} OK", check.campaigns, check.campaigns == 1 ? "" : "s");
  if (disabled > 0) ctx.io().out << fmt::format(" ({} disabled)", disabled);
  ctx.io().out << '\n';
  return core::ExitCode::ok;
}

}  // namespace

Registered add_campaigns(CLI::App& app, Context& ctx) {
  CLI::App* sub = app.add_subcommand("campaigns", "Campaigns: check the files");
  sub->require_subcommand(1);
  CLI::App* check = sub->add_subcommand(
      "check", "Validate every campaign file and template; exit 78 on any error");
  return {sub, [&ctx, check] {
            if (check->parsed()) return run_check(ctx);
            return core::ExitCode::usage;
          }};
}

}  // namespace tsuikyaku::cli
