#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/delivery/outcome.hpp"
#include "tsuikyaku/store/database.hpp"
#include "tsuikyaku/store/send_lock.hpp"

// The messages ledger's delivery side (SPEC §8.1): which rows are due, the state
// transitions of a delivery, the send runs, and the recovery of rows a dead run left
// behind. Planning inserts the rows (`queued`, `skipped`) elsewhere; everything here moves
// rows that exist.
//
//   queued ──┐                         ┌─> sent
//            ├─> sending ─(outcome)────┼─> deferred ─(next_attempt_at ≤ now)─> sending …
//   deferred ┘      │                  ├─> failed            (3 days after the first try)
//                   │                  └─> unknown ─(--retry-unknown)─> queued
//                   ├─(login refused, unreachable)─> back to queued or deferred, uncounted
//                   └─(the run died)─> unknown, at the start of the next run
//
// Durability (SPEC §8.1): every transition is one UPDATE of one row by its primary key,
// committed on its own (SQLite's autocommit), so `sending` is on disk before the SMTP
// transaction starts and `sent` right after the 250 reply. Only one send runs at a time
// (store::SendLock), so reading the due rows is claiming them.

namespace tsuikyaku::store {

enum class MessageState { queued, sending, sent, deferred, failed, skipped, unknown };

// In the order SPEC §11 lists them (status --json).
inline constexpr std::array k_message_states{
    MessageState::queued, MessageState::sending, MessageState::sent,   MessageState::deferred,
    MessageState::failed, MessageState::skipped, MessageState::unknown};

std::string_view to_string(MessageState state);
std::optional<MessageState> parse_message_state(std::string_view text);

// A due row, with what rendering and the retry schedule need.
struct LedgerRow {
  std::int64_t id = 0;
  std::string campaign;
  std::int64_t customer_id = 0;
  std::optional<std::int64_t> order_id;       // triggered campaigns
  std::string coupon_code;                    // empty without a coupon
  MessageState state = MessageState::queued;  // queued or deferred
  core::Instant due_at;
  core::Instant created_at;
  int attempts = 0;  // deliveries with an outcome so far
  std::optional<core::Instant> first_attempt_at;
  std::string message_id;  // kept from an earlier attempt, so a retry keeps its Message-ID
};

struct ClaimRequest {
  core::Instant now;                   // the run's "now" (--as-of when given)
  std::vector<std::string> campaigns;  // only rows of these; empty: of every campaign
  std::optional<std::int64_t> limit;   // the smaller of --limit and send.max_per_run
};

// The rows to deliver now: `queued` and `deferred` whose next_attempt_at is at or before
// now, oldest next_attempt_at first, then by id; at most limit of them.
std::vector<LedgerRow> claim_due(Database& db, const ClaimRequest& request);

// How many rows claim_due would return without a limit, per campaign (by name): the rows a
// run leaves due for a later one.
std::vector<std::pair<std::string, std::int64_t>> count_due(Database& db, core::Instant now,
                                                            std::span<const std::string> campaigns);

// One row of send_runs per run (pid, host, process start tell a dead run from a live one).
struct SendRunStart {
  RunIdentity identity;
  core::Instant started_at;  // the clock
  core::Instant as_of;       // the run's "now"
  std::string transport;     // smtp or outbox
};
std::int64_t start_send_run(Database& db, const SendRunStart& run);
void finish_send_run(Database& db, std::int64_t run_id, core::Instant finished_at);

// At the start of a run, with the send lock held, the `sending` rows of earlier runs: the
// lock holder is the only live run on the database, so every such run is dead, whatever
// its host name. One handed over to the transport becomes `unknown`, since the message
// may have reached the server and only a person can tell (docs/sending.md). One never
// handed over goes back to being due (deferred when it has been attempted before, else
// queued), but only when the dead run ran since the machine last started: after a
// reboot or a power failure its last handed-over marks may be lost, so every row of it
// becomes `unknown`. Returns how many rows became `unknown`.
std::int64_t recover_interrupted(Database& db, core::Instant now);

// `send --retry-unknown`: every `unknown` row (of one campaign, when given) becomes
// `queued`, due now, keeping its Message-ID and attempts. Returns how many rows.
std::int64_t retry_unknown(Database& db, core::Instant now,
                           const std::optional<std::string>& campaign);

// The start of one delivery: what mark_sending records before the SMTP transaction.
struct Attempt {
  std::int64_t id = 0;  // the row
  std::int64_t run_id = 0;
  std::string recipient;   // the envelope recipient
  std::string message_id;  // without angle brackets
  std::string transport;   // smtp or outbox
};

// The transitions of one delivery, as statements the connection keeps prepared
// (Database::reused). Each call commits one UPDATE of one row; each throws core::Error
// (internal) when the row is not in the state it must come from (a bug: the send lock
// keeps other runs out).
class LedgerWriter {
 public:
  explicit LedgerWriter(Database& db) : m_db(db) {}

  // queued or deferred -> sending, with the run, recipient and Message-ID, for a batch of
  // rows in one transaction whose commit is written through to the disk (an fsync) before
  // this returns: whatever happens to the machine after, a message handed over is never
  // due again. The rows are not yet handed over.
  // In the same transaction, before each row is marked, check(i) judges attempts[i] again
  // on the database as it is now: a reason (the planner's words) makes the row `skipped`
  // with it instead, never handed over; an empty string lets it be marked sending.
  using LastCheck = std::function<std::string(std::size_t)>;
  void mark_sending(std::span<const Attempt> attempts, core::Instant now,
                    const LastCheck& check = {});

  // A row marked sending reached its hand-over (mail::HandOver: the end of its data, from
  // which the server may have it): records the moment, and
  // the first attempt's when this is the first. An ordinary commit, which a process crash
  // cannot undo (recover_interrupted relies on that for runs of the current boot).
  void mark_handed_over(std::int64_t id, core::Instant now);

  // sending, never handed over -> back to `previous` (queued or deferred): the run ended
  // before this row's turn (stopped, or its cap reached).
  void unclaim(std::int64_t id, MessageState previous, core::Instant now);

  // queued or deferred -> failed, never handed over: the row cannot become a message
  // (its customer's address is no longer valid). Counts no attempt.
  void mark_unsendable(std::int64_t id, std::string_view error, core::Instant now);

  // sending -> sent: the server's queue id and reply, sent_at = now. Counts an attempt.
  void mark_sent(std::int64_t id, const delivery::Outcome& outcome, core::Instant now);
  // sending -> deferred until next_attempt_at, with the error. Counts an attempt.
  void mark_deferred(std::int64_t id, const delivery::Outcome& outcome,
                     core::Instant next_attempt_at, core::Instant now);
  // sending -> failed, with the error (`error` replaces outcome.error when not empty: a
  // deferral that gave up says so). Counts an attempt.
  void mark_failed(std::int64_t id, const delivery::Outcome& outcome, core::Instant now,
                   std::string_view error = {});
  // sending -> failed, and `recipient` suppressed as bounced, in one transaction.
  void mark_bounced(std::int64_t id, const delivery::Outcome& outcome, std::string_view recipient,
                    core::Instant now);
  // sending -> unknown: the data was handed over and no reply came. Counts an attempt.
  void mark_unknown(std::int64_t id, const delivery::Outcome& outcome, core::Instant now);
  // sending -> back to `previous` (queued or deferred), uncounted: no session could be set
  // up (login refused, server unreachable), so the message was not attempted.
  void release(std::int64_t id, MessageState previous, const delivery::Outcome& outcome,
               core::Instant now);

 private:
  Database& m_db;
};

}  // namespace tsuikyaku::store
