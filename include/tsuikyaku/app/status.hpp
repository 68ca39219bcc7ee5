#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/store/campaign_starts.hpp"
#include "tsuikyaku/store/inbox.hpp"
#include "tsuikyaku/store/ledger_status.hpp"

// `tsuikyaku status` (SPEC §9): the ledger by state and campaign, the messages that need
// a person (unknown, deferred, failed, with their last error; `sending` ones no running
// send holds, and those of which that cannot be known), coupon pools running low,
// the last send run, and mail held back: first runs waiting for a start, due mail waiting
// for quiet hours to end; the customers' replies `inbox` has read.

namespace tsuikyaku::app {

struct StateCounts {
  std::array<std::int64_t, store::k_message_states.size()> counts{};

  std::int64_t operator[](store::MessageState state) const {
    return counts[static_cast<std::size_t>(state)];
  }
  std::int64_t& operator[](store::MessageState state) {
    return counts[static_cast<std::size_t>(state)];
  }
};

struct CampaignStatus {
  std::string name;
  StateCounts states;
};

enum class RunState { finished, running, died };

// Whether the messages in `sending` are in flight, by the send lock (docs/sending.md).
enum class SendingState {
  running,      // a send holds the lock: its own messages
  ended,        // none does: left by a send that died; the next send recovers them
  cannot_tell,  // the lock cannot be asked about: they may be in flight or stuck
};

struct LastRun {
  store::SendRunRecord run;
  RunState state = RunState::finished;
};

struct StatusResult {
  StateCounts totals;
  std::vector<CampaignStatus> campaigns;          // by name
  std::vector<store::AttentionRow> attention;     // unknown, deferred, failed
  std::vector<store::CouponPoolCount> low_pools;  // only the low ones, by name
  std::optional<LastRun> last_run;
  std::vector<store::AttentionRow> sending;  // the messages in `sending`, oldest first …
  SendingState sending_state = SendingState::running;  // … and whether a send runs them
  std::vector<store::CampaignHold> held;               // first runs the last send held for a start
  std::optional<core::Instant> quiet_until;            // now is in quiet hours: they end then …
  std::int64_t due_in_quiet_hours = 0;                 // … and this many due messages wait for it
  std::int64_t replies = 0;                            // customers' replies `inbox` has read …
  std::vector<store::InboxMessage> latest_replies;     // … the newest of them
};

// How many of the newest replies status lists.
inline constexpr std::int64_t k_replies_shown = 10;

// The status as of now (the clock: quiet hours are the wall clock's).
StatusResult ledger_status(Workspace& workspace, core::Instant now);

}  // namespace tsuikyaku::app
