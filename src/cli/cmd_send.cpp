#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "as_of_flag.hpp"
#include "commands.hpp"
#include "progress_bar.hpp"
#include "text_table.hpp"
#include "tsuikyaku/app/send.hpp"
#include "tsuikyaku/core/email.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/i18n.hpp"

// `tsuikyaku send` (SPEC §8): plan, then deliver; one summary line per campaign, the exit
// code cron acts on (SPEC §8.3).

namespace tsuikyaku::cli {
namespace {

using json = nlohmann::ordered_json;

struct SendOptions {
  std::string campaign;
  std::string as_of;
  std::string redirect_to;
  std::int64_t limit = 0;  // 0: not given
  bool dry_run = false;
  bool retry_unknown = false;
  bool json = false;
};

json counts_json(const app::SendCounts& c) {
  json out{{"name", c.name},         {"queued", c.queued},   {"sent", c.sent},
           {"deferred", c.deferred}, {"failed", c.failed},   {"skipped", c.skipped},
           {"unknown", c.unknown},   {"bounced", c.bounced}, {"waiting", c.waiting},
           {"held", c.held}};
  json reasons = json::object();
  for (const auto& [reason, n] : c.skipped_by_reason) {
    reasons[std::string(campaign::to_string(reason))] = n;
  }
  out["skipped_by_reason"] = std::move(reasons);
  return out;
}

void print_json(std::ostream& out, const app::SendResult& r, const core::TimeZone& zone) {
  json document{{"as_of", core::format_iso(r.as_of, zone)},
                {"transport", r.transport},
                {"dry_run", r.dry_run},
                {"rehearsal", r.rehearsal}};
  document["campaigns"] = json::array();
  for (const app::SendCounts& c : r.campaigns) document["campaigns"].push_back(counts_json(c));
  json totals = counts_json(r.totals);
  totals.erase("name");
  document["totals"] = std::move(totals);
  document["interrupted"] = r.interrupted;
  document["retried"] = r.retried;
  document["quiet_until"] = r.quiet_until ? json(core::format_iso(*r.quiet_until, zone)) : json();
  document["marketing_held_until"] =
      r.marketing_held_until ? json(core::format_iso(*r.marketing_held_until, zone)) : json();
  document["stopped"] = r.stopped ? json(*r.stopped) : json();
  document["coupon_pools_low"] = json::array();
  for (const campaign::PoolUse& pool : r.pools) {
    if (pool.low) {
      document["coupon_pools_low"].push_back(
          {{"pool", pool.pool}, {"free", pool.left}, {"total", pool.total}});
    }
  }
  if (r.dry_run) {
    document["would_send"] = json::array();
    for (const app::DryRunMessage& m : r.would_send) {
      document["would_send"].push_back({{"campaign", m.campaign},
                                        {"customer_key", m.customer_key},
                                        {"recipient", m.recipient},
                                        {"subject", m.subject},
                                        {"in_ledger", m.in_ledger}});
    }
  }
  out << document.dump(2) << '\n';
}

// "thank-you: 3 queued, 3 sent, 0 deferred, 0 failed, 1 skipped, 0 unknown"; a dry run
// has no outcomes: "thank-you: 3 to send, 1 to skip".
std::string summary_line(const app::SendCounts& c, std::size_t width, bool dry_run) {
  const std::string name = fmt::format("{:<{}}", c.name + ":", width + 1);
  const std::string held = c.held > 0 ? core::trf("; {} held for a start", c.held) : "";
  if (dry_run) return name + "  " + core::trf("{} to send, {} to skip", c.sent, c.skipped) + held;
  std::string line = name + "  " +
                     core::trf("{} queued, {} sent, {} deferred, {} failed, {} skipped, {} unknown",
                               c.queued, c.sent, c.deferred, c.failed, c.skipped, c.unknown);
  if (c.bounced > 0) line += core::trf(" ({} of the failed bounced)", c.bounced);
  if (c.waiting > 0) line += core::trf("; {} still due", c.waiting);
  return line + held;
}

void print_human(Context& ctx, const app::SendResult& r, const core::TimeZone& zone) {
  std::ostream& out = ctx.io().out;
  std::ostream& err = ctx.io().err;
  if (r.dry_run && !ctx.global().quiet) {
    out << core::trf("Dry run as of {}: nothing is sent or recorded.",
                     core::format_iso(r.as_of, zone))
        << '\n';
    if (!r.would_send.empty()) {
      TextTable table({{core::tr("campaign")}, {core::tr("to")}, {core::tr("subject")}});
      for (const app::DryRunMessage& m : r.would_send) {
        table.add_row({m.campaign,
                       m.customer_key == m.recipient
                           ? m.recipient
                           : fmt::format("{} <{}>", m.customer_key, m.recipient),
                       m.in_ledger ? m.subject + "  " + core::tr("(queued earlier)") : m.subject});
      }
      table.print(out);
    }
  }
  std::size_t width = 0;
  for (const app::SendCounts& c : r.campaigns) width = std::max(width, c.name.size());
  if (!ctx.global().quiet) {
    for (const app::SendCounts& c : r.campaigns) out << summary_line(c, width, r.dry_run) << '\n';
    if (r.campaigns.empty()) out << core::tr("No campaign is enabled: nothing to send.") << '\n';
  }
  // Diagnostics: on stderr, so that cron mails them and a monitor sees them.
  if (r.interrupted > 0) {
    err << core::tr("tsuikyaku: warning: ")
        << core::trf_n(
               "{} message of an interrupted run is now unknown: it may have reached the "
               "server (tsuikyaku status lists them; docs/sending.md says what to do)",
               "{} messages of an interrupted run are now unknown: they may have reached "
               "the server (tsuikyaku status lists them; docs/sending.md says what to do)",
               static_cast<unsigned long>(r.interrupted), r.interrupted)
        << '\n';
  }
  if (r.retried > 0) ctx.verbose(core::trf("{} unknown messages queued again", r.retried));
  if (r.quiet_until && !ctx.global().quiet) {
    err << core::trf("quiet hours until {}: nothing is delivered now",
                     core::format_iso(*r.quiet_until, zone))
        << '\n';
  }
  if (r.marketing_held_until && !ctx.global().quiet) {
    err << core::trf("a day of send.skip: marketing mail waits until {}",
                     core::format_iso(*r.marketing_held_until, zone))
        << '\n';
  }
  if (r.stopped) {
    err << core::trf_n("tsuikyaku: delivery stopped: {}; {} message is still due",
                       "tsuikyaku: delivery stopped: {}; {} messages are still due",
                       static_cast<unsigned long>(r.totals.waiting), *r.stopped, r.totals.waiting)
        << '\n';
  }
  for (const app::SendCounts& c : r.campaigns) {
    if (c.held == 0) continue;
    const auto held = static_cast<unsigned long>(c.held);
    err << (r.dry_run
                ? core::trf_n("tsuikyaku: {} waits for a start: its first run would send {} "
                              "message at once, to more customers than send.first_run_limit "
                              "({}); nothing of it would be sent. To start it: tsuikyaku "
                              "campaigns start {} (--limit N sends N a day)",
                              "tsuikyaku: {} waits for a start: its first run would send {} "
                              "messages at once, to more customers than send.first_run_limit "
                              "({}); nothing of it would be sent. To start it: tsuikyaku "
                              "campaigns start {} (--limit N sends N a day)",
                              held, c.name, c.held, r.first_run_limit, c.name)
                : core::trf_n("tsuikyaku: {} waits for a start: its first run would send {} "
                              "message at once, to more customers than send.first_run_limit "
                              "({}); nothing of it was sent. To start it: tsuikyaku campaigns "
                              "start {} (--limit N sends N a day)",
                              "tsuikyaku: {} waits for a start: its first run would send {} "
                              "messages at once, to more customers than send.first_run_limit "
                              "({}); nothing of it was sent. To start it: tsuikyaku campaigns "
                              "start {} (--limit N sends N a day)",
                              held, c.name, c.held, r.first_run_limit, c.name))
        << '\n';
  }
  for (const campaign::PoolUse& pool : r.pools) {
    if (pool.low) {
      err << core::tr("tsuikyaku: warning: ")
          << core::trf("coupon pool {} is running low: {} of {} codes left", pool.pool, pool.left,
                       pool.total)
          << '\n';
    }
  }
  if (r.rehearsal) {
    err << core::tr(
               "rehearsal (--redirect-to): every message went to the given address; "
               "nothing was recorded, so the next run sends them to the customers")
        << '\n';
  }
}

core::ExitCode run_send(Context& ctx, const SendOptions& options) {
  app::Workspace workspace = ctx.open_workspace();
  const core::TimeZone& zone = workspace.config.shop.timezone;
  app::SendRequest request;
  request.now = as_of_moment(ctx, workspace.config, options.as_of);
  if (!options.campaign.empty()) request.campaign = options.campaign;
  if (options.limit > 0) request.limit = options.limit;
  request.dry_run = options.dry_run;
  request.retry_unknown = options.retry_unknown;
  if (!options.redirect_to.empty()) {
    if (!core::is_valid_address(options.redirect_to)) {
      throw core::Error(core::ErrorKind::usage,
                        core::trf("--redirect-to: '{}' is not a mail address (expected "
                                  "name@example.com)",
                                  options.redirect_to));
    }
    request.redirect_to = options.redirect_to;
  }
  request.env = [&ctx](std::string_view name) { return ctx.env(name); };
  std::optional<ProgressBar> bar;
  if (ctx.progress() && !options.json) {
    bar.emplace(ctx.io().err);
    request.progress = [&](const app::DeliveryProgress& p) {
      bar->update(static_cast<std::int64_t>(p.done), core::tr("messages"),
                  static_cast<std::int64_t>(p.done), static_cast<std::int64_t>(p.total));
    };
  }
  const app::SendResult result = app::send(workspace, request, ctx.clock());
  if (bar) bar->clear();
  if (options.json) {
    print_json(ctx.io().out, result, zone);
  } else {
    print_human(ctx, result, zone);
  }
  return app::send_exit_code(result);
}

}  // namespace

Registered add_send(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<SendOptions>();
  CLI::App* sub = app.add_subcommand(
      "send",
      core::tr("Plan what has fallen due and deliver it: the daily run for cron (docs/cron.md)"));
  sub->add_option("--campaign", options->campaign, core::tr("Only this campaign"))
      ->type_name("NAME");
  sub->add_flag("--dry-run", options->dry_run,
                core::tr("Plan and render, print what would be sent, change nothing"));
  sub->add_option("--limit", options->limit,
                  core::tr("Deliver at most N messages this run (send.max_per_run caps it too)"))
      ->type_name("N")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{10'000'000}).description(""));
  sub->add_option("--as-of", options->as_of, as_of_help());
  sub->add_option("--redirect-to", options->redirect_to,
                  core::tr("Send every due message to ADDR instead (a rehearsal): nothing is "
                           "recorded"))
      ->type_name("ADDR");
  sub->add_flag("--retry-unknown", options->retry_unknown,
                core::tr("Queue the unknown messages again first (check the server's log first: "
                         "docs/sending.md)"));
  sub->add_flag("--json", options->json, json_help());
  sub->footer(
      core::tr("Exit codes: 0 all sent or skipped for a reason; 1 failed or unknown messages; 69 "
               "server unreachable; 75 deferred messages or another send running; 78 login "
               "refused or a config error. See docs/sending.md and docs/cron.md."));
  return {sub, [&ctx, options] { return run_send(ctx, *options); }};
}

}  // namespace tsuikyaku::cli
