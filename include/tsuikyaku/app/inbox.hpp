#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/config/config.hpp"
#include "tsuikyaku/core/clock.hpp"

// `tsuikyaku inbox` (docs/mailbox.md), the cron step before `send`: reads the new mail of
// the `inbox:` folder over IMAP, suppresses what bounced (hard, or soft too often),
// complained or asked to be unsubscribed, marks bounced ledger rows, records replies, and
// files away what it handled. A rerun reads nothing twice.

namespace tsuikyaku::app {

struct InboxCounts {
  int read = 0;
  int bounces = 0;
  int hard = 0;  // recipients of bounces that were dead addresses
  int complaints = 0;
  int unsubscribes = 0;
  int auto_replies = 0;
  int replies = 0;
  int other = 0;
  int suppressed = 0;  // addresses added to the suppression list
  int matched = 0;     // messages that led to a ledger row
  int unmatched = 0;   // bounces and complaints about no address we mailed
  bool uidvalidity_changed = false;
};

// Throws core::Error: config when there is no `inbox:` or the login is refused (78),
// unavailable when the server cannot be reached (69).
InboxCounts read_inbox(Workspace& workspace, const config::EnvLookup& env,
                       const core::Clock& clock);

}  // namespace tsuikyaku::app
