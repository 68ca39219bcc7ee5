#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tsuikyaku/app/deliver.hpp"
#include "tsuikyaku/app/planning.hpp"
#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/core/clock.hpp"

// `tsuikyaku send` (SPEC §8): the daily run. In order, under the send lock
// (store::SendLock: a second run stops at once with exit 75):
//
//   1. rows a dead run left `sending` become `unknown`, those it never handed over due
//      again (store::recover_interrupted);
//   2. with --retry-unknown, `unknown` rows are queued again (store::retry_unknown);
//   3. planning records what has fallen due (app::queue_due: `queued`, `skipped`);
//   4. the due rows, at most min(--limit, send.max_per_run), none during quiet hours, are
//      rendered and delivered (app::deliver), each transition committed as it happens.
//
// Rows of a campaign that is disabled or no longer has a file stay queued: nothing is
// sent for a campaign the shop turned off, and nothing is dropped either.
//
// A dry run plans and renders the same messages but writes nothing, takes no lock and
// opens no connection.

namespace tsuikyaku::app {

struct SendRequest {
  core::Instant now;                       // --as-of or the clock
  std::optional<std::string> campaign;     // --campaign NAME
  std::optional<std::int64_t> limit;       // --limit N
  bool dry_run = false;                    // --dry-run
  bool retry_unknown = false;              // --retry-unknown
  std::optional<std::string> redirect_to;  // --redirect-to ADDR: a rehearsal
  config::EnvLookup env;                   // where password_env is looked up
  OnDeliveryProgress progress;             // a progress bar on a terminal
};

// One campaign's counts of this run (SPEC §8.3, §11). queued: rows this run planned as
// queued; sent, deferred, failed (bounced included), unknown: outcomes of this run's
// deliveries; skipped: rows this run planned as skipped. waiting: rows still due after the
// run, left for a later one (quiet hours, the per-run cap, a stopped run).
struct SendCounts {
  std::string name;
  std::int64_t queued = 0;
  std::int64_t sent = 0;
  std::int64_t deferred = 0;
  std::int64_t failed = 0;
  std::int64_t bounced = 0;
  std::int64_t skipped = 0;
  std::int64_t unknown = 0;
  std::int64_t waiting = 0;
  std::int64_t held = 0;  // due, but its first run waits for `campaigns start`
  std::map<campaign::Reason, std::int64_t> skipped_by_reason;
};

// A message a dry run would send, rendered.
struct DryRunMessage {
  std::string campaign;
  std::string customer_key;
  std::string recipient;
  std::string subject;
  bool in_ledger = false;  // queued or deferred by an earlier run
};

struct SendResult {
  core::Instant as_of;
  std::string transport;  // smtp or outbox
  bool dry_run = false;
  bool rehearsal = false;  // --redirect-to: nothing was recorded
  std::vector<SendCounts> campaigns;
  SendCounts totals;                         // name "total"
  std::int64_t interrupted = 0;              // `sending` rows of a dead run, now unknown
  std::int64_t retried = 0;                  // --retry-unknown: rows queued again
  std::optional<core::Instant> quiet_until;  // now is in quiet hours: nothing went out
  // Now is a day of send.skip: marketing mail waits until then (transactional goes).
  std::optional<core::Instant> marketing_held_until;
  std::optional<std::string> stopped;     // why delivery stopped before the end
  std::vector<campaign::PoolUse> pools;   // coupon pools after planning
  std::vector<DryRunMessage> would_send;  // --dry-run only
  std::int64_t first_run_limit = 0;       // send.first_run_limit, for a held campaign
  delivery::RunTally tally;               // for the exit code
};

// Runs `send`; the clock dates the run and its lock (request.now may be --as-of). Throws
// core::Error: temp_fail when another send holds the lock, usage for an unknown or disabled
// --campaign, config when a campaign file or the password is bad.
SendResult send(Workspace& ws, const SendRequest& request, const core::Clock& clock);

// SPEC §8.3's exit code of a run: delivery::exit_code of its tally, and 1 when rows of a
// dead run were found `unknown`.
core::ExitCode send_exit_code(const SendResult& result);

}  // namespace tsuikyaku::app
