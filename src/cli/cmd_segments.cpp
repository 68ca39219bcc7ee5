#include <fmt/format.h>

#include <ostream>

#include "as_of_flag.hpp"
#include "commands.hpp"
#include "segments_output.hpp"
#include "tsuikyaku/app/segments.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/i18n.hpp"

namespace tsuikyaku::cli {
namespace {

struct SegmentsOptions {
  std::string as_of;  // segments --as-of
  bool json = false;
  bool save = false;
  CLI::App* list = nullptr;  // the `list` subcommand
  std::string list_as_of;    // segments list --as-of
  std::string segment;       // segments list SEGMENT
  std::string format = "table";
};

core::ExitCode run_summary(Context& ctx, const SegmentsOptions& options) {
  const auto as_of = parse_as_of_flag(options.as_of);
  app::Workspace workspace = ctx.open_workspace();
  const app::SegmentsResult result = app::run_segments(
      workspace, {as_of, ctx.clock().now(), options.save ? app::StoreRun::yes : app::StoreRun::no});
  if (options.save) {
    ctx.verbose(core::trf("stored as segment run {} (one run is kept per day)", result.run_id));
  }
  if (options.json) {
    print_segments_json(ctx.io().out, result, workspace.config);
  } else {
    print_segments_table(ctx.io().out, result, workspace.config, ctx.global().quiet);
  }
  return core::ExitCode::ok;
}

core::ExitCode run_list(Context& ctx, const SegmentsOptions& options) {
  // Flags of `segments` given after `list` fall through to it: say so, do not ignore them.
  if (options.json || options.save) {
    throw core::Error(core::ErrorKind::usage,
                      options.json ? core::tr("segments list takes --format json, not --json")
                                   : core::tr("--save belongs to segments, not segments list"));
  }
  const auto as_of =
      parse_as_of_flag(options.list_as_of.empty() ? options.as_of : options.list_as_of);
  app::Workspace workspace = ctx.open_workspace();
  app::SegmentListRequest request{as_of, ctx.clock().now(), std::nullopt};
  if (!options.segment.empty()) request.segment = options.segment;
  const app::SegmentListResult result = app::list_segment_customers(workspace, request);
  std::ostream& out = ctx.io().out;
  if (options.format == "csv") {
    print_list_csv(out, result, workspace.config);
  } else if (options.format == "json") {
    print_list_json(out, result, workspace.config, request.segment);
  } else {
    print_list_table(out, result, workspace.config);
  }
  return core::ExitCode::ok;
}

}  // namespace

Registered add_segments(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<SegmentsOptions>();
  CLI::App* sub = app.add_subcommand(
      "segments",
      core::tr("Sort customers into RFM segments: customers, orders and revenue per segment"));
  sub->add_option("--as-of", options->as_of, as_of_help());
  sub->add_flag("--json", options->json, json_help());
  sub->add_flag("--save", options->save,
                core::tr("Also store each customer's segment with the as-of, for the report (one "
                         "run per day; send stores its own)"));
  sub->footer(core::tr("See docs/segments.md for the segments, the scoring and the rules."));

  CLI::App* list = sub->add_subcommand(
      "list", core::tr("One row per customer with its metrics, scores and postal fields"));
  list->add_option("segment", options->segment, core::tr("Only the customers of this segment"));
  list->add_option("--as-of", options->list_as_of, as_of_help());
  list->add_option("--format", options->format, core::tr("table (default), csv or json"))
      ->check(CLI::IsMember({"table", "csv", "json"}));
  options->list = list;

  return {sub, [&ctx, options] {
            return options->list->parsed() ? run_list(ctx, *options) : run_summary(ctx, *options);
          }};
}

}  // namespace tsuikyaku::cli
