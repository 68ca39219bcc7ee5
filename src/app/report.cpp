#include "tsuikyaku/app/report.hpp"

#include "tsuikyaku/store/report.hpp"
#include "tsuikyaku/store/segments.hpp"

namespace tsuikyaku::app {
namespace {

void add_segments(store::Database& db, const ReportRequest& request, report::Report& result) {
  result.since = request.since;
  auto latest = store::segment_run_at(db, request.as_of);
  if (!latest) {
    result.movement_gap = report::MovementGap::no_runs;
    return;
  }
  // The earlier run is always older than the latest: a --since at or after the latest
  // run means the run before it, as without --since.
  const bool use_since = request.since && *request.since < latest->as_of;
  auto earlier = use_since ? store::segment_run_at(db, *request.since)
                           : store::segment_run_before(db, latest->as_of);
  result.segments = report::summarize_segments(*latest, store::segment_tallies(db, latest->id));
  if (!earlier) {
    result.movement_gap =
        use_since ? report::MovementGap::none_at_since : report::MovementGap::single_run;
    return;
  }
  std::vector<report::Move> moves;
  for (auto& move : store::segment_moves(db, earlier->id, latest->id)) {
    moves.push_back({move.from.value_or(""), move.to.value_or(""), move.customers});
  }
  result.movement_gap = report::MovementGap::none;
  result.movement =
      report::summarize_movement(std::move(*earlier), std::move(*latest), std::move(moves));
}

}  // namespace

report::Report build_report(store::Database& db, const core::TimeZone& zone,
                            const ReportRequest& request) {
  const store::ReportSnapshot snapshot(db);
  report::Report result;
  result.as_of = request.as_of;
  add_segments(db, request, result);
  result.orders =
      report::summarize_orders(store::counted_orders(db, request.as_of), zone, request.as_of);
  result.campaigns =
      store::campaign_tallies(db, request.as_of, std::chrono::days{report::k_attribution_days});
  return result;
}

}  // namespace tsuikyaku::app
