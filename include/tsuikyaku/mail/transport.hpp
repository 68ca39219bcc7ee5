#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "tsuikyaku/delivery/outcome.hpp"

// How a rendered message leaves the program (SPEC §8.2): over SMTP or into the outbox.
// A Transport opens connections; a Connection delivers many messages in turn, one at a
// time, belongs to one thread and must not outlive its Transport. Each delivery returns
// a delivery::Outcome; a Connection throws only for a bug or a broken environment (out
// of memory), never for anything a server does.

namespace tsuikyaku::mail {

struct OutgoingMessage {
  std::int64_t ledger_id = 0;  // the messages row, for the caller's bookkeeping
  std::string sender;          // the envelope sender (MAIL FROM), a bare address
  std::string recipient;       // the one envelope recipient (RCPT TO), a bare address
  std::string message_id;      // the Message-ID header, without angle brackets
  std::string data;            // the exact RFC 5322 bytes, CRLF line ends, not
                               // dot-stuffed: the transport sends them unchanged
};

// Called by a connection once per delivery, at the moment from which the message may
// have been accepted: SMTP just before the last byte of the data goes to the library
// (before it, the server can only have discarded an incomplete message, RFC 5321
// §4.1.1.4), the outbox just before the file is renamed into new/. A delivery that ends
// before it was called cannot have delivered anything. It may throw; the delivery is
// then abandoned and the exception comes out of deliver().
using HandOver = std::function<void()>;

class Connection {
 public:
  virtual ~Connection() = default;
  delivery::Outcome deliver(const OutgoingMessage& message, const HandOver& hand_over = {}) {
    static const HandOver nothing = [] {};
    return transfer(message, hand_over ? hand_over : nothing);
  }

 private:
  // deliver(), with a hand_over that can always be called.
  virtual delivery::Outcome transfer(const OutgoingMessage& message, const HandOver& hand_over) = 0;
};

class Transport {
 public:
  virtual ~Transport() = default;
  // "smtp" or "outbox": the ledger's transport column.
  virtual std::string_view name() const = 0;
  // A new connection. It may connect lazily, on its first delivery: a server that
  // cannot be reached shows as an outcome with `unreachable`, not as an exception.
  virtual std::unique_ptr<Connection> open_connection() = 0;
};

}  // namespace tsuikyaku::mail
