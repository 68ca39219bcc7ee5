#pragma once

#include <string>
#include <string_view>

// What became of one delivery attempt (SPEC §8.1, §8.2): a value, never an exception
// (DESIGN.md habit 5). Transports produce it; the send command records it in the ledger.

namespace tsuikyaku::delivery {

enum class Status {
  sent,      // the server answered 2xx to the end of the data (or the outbox wrote it)
  deferred,  // try again later: a 4xx reply, or nothing was handed over
  failed,    // a permanent 5xx reply
  unknown,   // the data was handed over but no reply came: never resent automatically
};

std::string_view to_string(Status status);

// One SMTP reply (RFC 5321 §4.2, enhanced status codes RFC 3463).
struct Reply {
  int code = 0;          // 250, 451, 550…; 0 when there was no reply
  std::string enhanced;  // "5.1.1"; empty when the server gave none or one of another class
  std::string text;      // the text after the codes; the lines of a multi-line reply
                         // joined with a space
};

// "550 5.1.1 No such user", "451 Try again", or "" for no reply.
std::string format_reply(const Reply& reply);

struct Outcome {
  Status status = Status::deferred;
  Reply reply;            // the server's reply that decided the outcome (code 0: none)
  std::string server_id;  // sent: the queue id from the 250 reply, or the outbox file name
  std::string error;      // not sent: what went wrong, for last_error and people. Never
                          // holds the SMTP password.

  // The address does not exist (5.1.1, 5.1.2, 5.1.3): failed, and the address is
  // suppressed as bounced (SPEC §8.2). 5.7.x (policy) is never a dead address.
  bool dead_address = false;
  // No SMTP session could be set up, so the message was not attempted at all: it stays
  // queued, no attempt is counted, and the run stops. Status is deferred.
  bool login_refused = false;  // AUTH refused (535, other 5.x to AUTH): exit 78
  bool unreachable = false;    // no connection, or no TLS session that verifies: exit 69

  bool session_failed() const { return login_refused || unreachable; }
};

}  // namespace tsuikyaku::delivery
