#include "planner_state.hpp"

namespace tsuikyaku::campaign {

// Day by day from now: each day's decisions go into the state the next day starts from,
// so a message sent on Tuesday holds the cooldown of Wednesday's candidates.
std::vector<ForecastDay> forecast(const PlanInput& input, int days) {
  PlannerState state(input);
  std::vector<ForecastDay> out;
  const auto today = std::chrono::floor<std::chrono::days>(input.zone.to_local(input.now));
  for (int d = 0; d < days; ++d) {
    const core::LocalTime date = today + std::chrono::days{d};
    const core::Instant start = d == 0 ? input.now : input.zone.to_instant(date);
    const core::Instant end = input.zone.to_instant(date + std::chrono::days{1});
    ForecastDay day{date, {}, {}, {}};
    if (d > 0) state.planned_today.clear();  // a daily limit counts again from midnight
    for (Candidate& c : evaluate_window(input, state, start, end)) {
      if (c.outcome == Outcome::later) {
        if (c.reason == Reason::not_started) ++day.held[c.campaign];
        continue;  // another day
      }
      state.ledger.keys.insert(c.dedup_key);
      (c.outcome == Outcome::send ? day.sends : day.skips).push_back(std::move(c));
    }
    out.push_back(std::move(day));
  }
  return out;
}

}  // namespace tsuikyaku::campaign
