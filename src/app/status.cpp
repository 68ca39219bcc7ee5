#include "tsuikyaku/app/status.hpp"

#include "tsuikyaku/campaign/planner.hpp"
#include "tsuikyaku/store/ledger.hpp"
#include "tsuikyaku/store/send_lock.hpp"

namespace tsuikyaku::app {

StatusResult ledger_status(Workspace& workspace, core::Instant now) {
  store::Database& db = workspace.db;
  StatusResult result;
  for (const store::StateCount& count : store::count_messages(db)) {
    if (result.campaigns.empty() || result.campaigns.back().name != count.campaign) {
      result.campaigns.push_back({count.campaign, {}});
    }
    result.campaigns.back().states[count.state] += count.count;
    result.totals[count.state] += count.count;
  }
  result.attention = store::attention_rows(db);
  for (store::CouponPoolCount& pool : store::coupon_pools(db)) {
    if (campaign::pool_running_low(pool.free, pool.total))
      result.low_pools.push_back(std::move(pool));
  }
  result.sending = store::sending_rows(db);
  auto run = store::last_send_run(db);
  const bool unfinished = run && !run->finished_at;
  // The send lock tells: a send that holds it is running, and it turned every earlier
  // run's `sending` rows into what they are when it started (docs/sending.md).
  const store::LockProbe lock = !result.sending.empty() || unfinished
                                    ? store::SendLock::probe(db.path())
                                    : store::LockProbe::held;
  switch (lock) {
    case store::LockProbe::held:
      result.sending_state = SendingState::running;
      break;
    case store::LockProbe::free:
      result.sending_state = SendingState::ended;
      break;
    case store::LockProbe::cannot_tell:
      result.sending_state = SendingState::cannot_tell;
      break;
  }
  if (run) {
    RunState state = RunState::finished;
    if (unfinished) {
      if (lock == store::LockProbe::cannot_tell) {
        state = store::is_alive(run->identity) ? RunState::running : RunState::died;
      } else {
        state = lock == store::LockProbe::held ? RunState::running : RunState::died;
      }
    }
    result.last_run = LastRun{std::move(*run), state};
  }
  result.held = store::load_campaign_holds(db);
  result.replies = store::count_inbox_replies(db);
  if (result.replies > 0) result.latest_replies = store::inbox_replies(db, k_replies_shown);
  const auto& config = workspace.config;
  if (const core::Instant allowed =
          campaign::next_allowed(now, config.send.quiet_hours, config.shop.timezone);
      allowed != now) {
    result.quiet_until = allowed;
    for (const auto& [campaign, n] : store::count_due(db, now, {})) result.due_in_quiet_hours += n;
  }
  return result;
}

}  // namespace tsuikyaku::app
