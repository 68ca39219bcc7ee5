#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tsuikyaku/campaign/planner.hpp"
#include "tsuikyaku/config/config.hpp"
#include "tsuikyaku/core/duration.hpp"
#include "tsuikyaku/delivery/run_guard.hpp"
#include "tsuikyaku/mail/transport.hpp"
#include "tsuikyaku/render/message.hpp"
#include "tsuikyaku/store/database.hpp"
#include "tsuikyaku/store/ledger.hpp"

// The delivery half of `tsuikyaku send` (SPEC §8.1–8.3): the due rows, claimed by
// store::claim_due, handed to the transport over `smtp.connections` connections, each
// outcome recorded in the ledger as it comes.
//
// Rows are rendered in order on a thread of their own, a few ahead. For each, under the
// pool's lock: mark it `sending` (committed), hand it over; then record the outcome
// (committed): `sent`; `deferred` until the next attempt of
// the backoff, moved out of quiet hours (`failed` once 3 days have passed since the first
// attempt); `failed`, with a dead address (5.1.1–5.1.3) suppressed as bounced in the same
// transaction; `unknown`. A refused login or an unreachable server puts the row back
// where it was, uncounted, and stops the run at once (exit 78, 69); ten deliveries in a
// row that fail the same way stop it too (delivery::CircuitBreaker). Rows not handed
// over when the run stops are left as they were: queued (or deferred, still due).
//
// A rehearsal (`--redirect-to ADDR`) sends every message to ADDR instead and writes
// nothing to the ledger: no row is marked sending, sent or anything else, no address is
// suppressed, so every row stays as it was (queued or deferred, still due) and the next
// real run sends it to the customer. A crash during a rehearsal leaves nothing behind.

namespace tsuikyaku::app {

// Turns a due row into the message to hand over. The send command renders it with
// message_request (planning) and render_outgoing below. A core::Error of kind data (the
// customer's address is no longer a valid address) fails that row and the run goes on;
// any other exception stops the run.
//
// It is called on a thread of its own, one row at a time in row order, a few rows ahead
// of delivery, while the ledger is written on the same database connection from the
// delivery threads: it may read the database (SQLite serializes the calls of one
// connection), but must write nothing and share no statement with other code.
using RenderRow = std::function<mail::OutgoingMessage(const store::LedgerRow&)>;

struct DeliveryProgress {
  std::size_t done = 0;   // rows with an outcome
  std::size_t total = 0;  // rows claimed
};
// Called after each row's outcome, from the delivery threads but under the pool's lock: one
// call at a time.
using OnDeliveryProgress = std::function<void(const DeliveryProgress&)>;

struct DeliverRequest {
  core::Instant now;               // the run's "now" (--as-of when given): backoff, sent_at
  std::int64_t run_id = 0;         // store::start_send_run
  int connections = 1;             // smtp.connections (the outbox: 1)
  std::optional<core::Rate> rate;  // smtp.rate
  std::optional<core::TimeOfDayRange> quiet_hours;  // send.quiet_hours: retries wait too
  core::TimeZone zone = core::TimeZone::utc();      // shop.timezone
  std::optional<std::string> redirect_to;           // --redirect-to: a rehearsal
  // The last check: why a row must not go out after all, judged on the database as it is
  // in the transaction that would mark it sending (none: it goes). Empty: no check.
  std::function<campaign::Reason(const store::LedgerRow&)> last_check;
};

// The run's outcomes for one campaign. failed includes bounced.
struct CampaignDelivery {
  std::string name;
  std::int64_t queued = 0;  // claimed but not attempted (the run stopped) or put back
  std::int64_t sent = 0;
  std::int64_t deferred = 0;
  std::int64_t failed = 0;
  std::int64_t bounced = 0;  // of failed: dead addresses, suppressed
  std::int64_t unknown = 0;
  std::map<campaign::Reason, std::int64_t> skipped;  // by the last check, by reason
};

struct DeliverResult {
  std::vector<CampaignDelivery> campaigns;  // every campaign of the rows, by name
  delivery::RunTally tally;                 // for delivery::exit_code
  std::optional<std::string> stopped;       // why the run stopped before the end
  bool rehearsal = false;                   // --redirect-to: nothing was recorded
};

// Delivers `rows` (from store::claim_due) through `transport`. Throws what render
// (other than a data error), the transport or the database throws, after every
// connection has finished; rows already handed over are recorded by then.
DeliverResult deliver(store::Database& db, mail::Transport& transport,
                      std::span<const store::LedgerRow> rows, const DeliverRequest& request,
                      const RenderRow& render, const OnDeliveryProgress& progress = {});

// The request's settings from the config: connections and rate from `smtp:` (the outbox
// writes with one connection and no rate), quiet hours and zone from `send:`/`shop:`.
DeliverRequest deliver_request(const config::Config& config, core::Instant now,
                               std::int64_t run_id);

// The transport of the config: SMTP with the password from password_env/password_file,
// or the outbox (workspace/outbox) when there is no `smtp:`. Throws a config error when
// the password cannot be read.
std::unique_ptr<mail::Transport> open_transport(const config::Config& config,
                                                const config::EnvLookup& env);

// The Message-ID token of a row: the one of its earlier attempts, so a retried message
// keeps its Message-ID, else a new one from `date`, the row id and random bits.
std::string message_token(const store::LedgerRow& row, core::Instant date);

// Renders a message request (render::render_message) into what a transport hands over:
// the envelope sender is the row's own return path when send.return_path is set
// (return_path, docs/mailbox.md), else the campaign's `from`, else shop.from.
mail::OutgoingMessage render_outgoing(const render::MessageRequest& request, std::int64_t ledger_id,
                                      std::string_view return_path = {});

}  // namespace tsuikyaku::app
