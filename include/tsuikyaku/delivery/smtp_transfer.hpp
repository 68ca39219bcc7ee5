#pragma once

#include <string>
#include <string_view>

#include "tsuikyaku/delivery/outcome.hpp"

// How one SMTP transaction ended, told apart without the network (SPEC §8.1, §8.2): the
// SMTP transport records what it saw (the reply lines, whether the end of the data was
// handed over) and what its library reported, and `judge` makes the outcome. The line
// between deferred and unknown is the heart of "never send twice": before the end of
// the data is handed over the server cannot have accepted the message (RFC 5321
// §4.1.1.4: an incomplete message is discarded); after it, without a reply, it may have.

namespace tsuikyaku::delivery {

// What the client saw during one transaction.
struct TransferLog {
  int replies = 0;                // complete replies read, not counting a 221 to QUIT
  Reply last;                     // the last of them
  bool data_done = false;         // the end of the data was handed to the SMTP library
  bool reply_after_data = false;  // a complete reply was read after that

  // One reply line as read, with or without its line end. A reply is complete at its
  // last line ("250 ok", not "250-SIZE").
  void add_line(std::string_view line);

 private:
  std::string m_pending;
};

// What the SMTP library reported, sorted by what it means for the message.
enum class FailureKind {
  none,         // the transaction completed
  login,        // AUTH was refused
  no_starttls,  // TLS was required and the server does not offer STARTTLS
  tls,          // the TLS handshake or the certificate check failed
  connect,      // no TCP connection (refused, no route, unknown host)
  timeout,      // a connect or reply timeout
  other,        // anything else: a lost connection, a refused command
};

struct TransferResult {
  FailureKind kind = FailureKind::none;
  std::string error;    // the library's message, for people
  bool reused = false;  // the transaction ran on a connection that carried earlier ones
};

// The outcome of one transaction with `server` ("host:port", for messages). Every text
// in it has `password` (when not empty) replaced by "***".
Outcome judge(const TransferLog& log, const TransferResult& result, std::string_view server,
              std::string_view password);

// A 421 or a connection lost before the data, on a reused connection: the server closed
// an idle or busy connection before anything was handed over, so the message is tried
// once more at once on a fresh connection (SPEC §8.2).
bool worth_a_fresh_connection(const Outcome& outcome, bool reused);

}  // namespace tsuikyaku::delivery
