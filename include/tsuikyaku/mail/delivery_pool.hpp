#pragma once

#include <functional>
#include <optional>

#include "tsuikyaku/core/duration.hpp"
#include "tsuikyaku/delivery/outcome.hpp"
#include "tsuikyaku/mail/transport.hpp"

// The shape of a delivery run (SPEC §8.2): `connections` threads, each with a connection
// of its own that carries many messages, pulling from one shared queue, spaced by one
// token bucket shared by all of them when a rate is set. (curl's multi interface blocks
// on the final reply after the data, curl issue 8555, so threads are the simpler way.)
//
// The caller owns the queue and the bookkeeping through three callbacks. The pool calls
// them under one lock, never two at a time, so they may share one database handle:
//  - next(): the next message, or nullopt when none is left. The send command marks the
//    message `sending` in the ledger here, before the SMTP transaction starts.
//  - on_hand_over(message): the connection's HandOver (transport.hpp), at the moment from
//    which the message may have been accepted; the send command stamps it handed over.
//  - on_outcome(message, outcome): records what happened (`sent` after the 250 reply)
//    and says whether the run goes on. After `stop` no thread takes another message;
//    deliveries already under way finish and are reported.

namespace tsuikyaku::mail {

enum class Verdict { go_on, stop };

struct PoolOptions {
  int connections = 1;             // threads, each with its own connection (>= 1)
  std::optional<core::Rate> rate;  // a ceiling across all connections; none: no limit
};

using NextMessage = std::function<std::optional<OutgoingMessage>()>;
using OnHandOver = std::function<void(const OutgoingMessage&)>;
using OnOutcome = std::function<Verdict(const OutgoingMessage&, const delivery::Outcome&)>;

struct PoolCallbacks {
  NextMessage next;
  OnHandOver on_hand_over;
  OnOutcome on_outcome;
};

struct PoolResult {
  int delivered = 0;     // messages handed to a connection (and reported)
  bool stopped = false;  // on_outcome said stop
};

// Runs the pool until the queue is empty or on_outcome says stop. An exception from a
// callback or a connection stops every thread and is rethrown here, after all of them
// have finished.
PoolResult deliver_all(Transport& transport, const PoolOptions& options,
                       const PoolCallbacks& callbacks);

}  // namespace tsuikyaku::mail
