#pragma once

#include <chrono>
#include <string>

#include "tsuikyaku/config/config.hpp"
#include "tsuikyaku/mail/transport.hpp"

// SMTP submission through libcurl (SPEC §8.2). Each connection is one curl easy handle
// and, while the server keeps it open, one TCP connection that carries many messages.
// STARTTLS is required for smtp:// (never a fallback to clear text), smtps:// is TLS
// from the first byte, and only `tls: none`, which the config allows for a loopback
// host alone, sends in clear. Certificates are always verified: against the system's
// CAs and, when given, smtp.ca_file as well.
//
// Outcomes (see docs/sending.md):
//  - 250 to the end of the data: sent, with the server's queue id.
//  - a reply to MAIL, RCPT, DATA or the end of the data: delivery::classify_reply.
//  - a 421, or a connection found lost before the data, on a reused connection: the
//    message is tried once more at once on a fresh connection (the server closed an
//    idle or busy connection; nothing was handed over).
//  - the connection lost before the end of the data was handed to curl: deferred (an
//    incomplete message is never delivered, RFC 5321 §4.1.1.4).
//  - the end of the data handed over and no reply within server.reply_timeout: unknown. The
//    server may have queued it; a retry could mail the customer twice.
//  - no TCP connection, no STARTTLS offered, a certificate that does not verify:
//    unreachable. AUTH refused: login_refused (a 4xx to AUTH is deferred).
// The password is never part of an outcome or any output: curl's verbose trace, which
// shows the AUTH exchange, is never switched on.

namespace tsuikyaku::mail {

struct SmtpSettings {
  config::SmtpConfig server;
  std::string password;  // from config::resolve_smtp_password; empty without username
  std::chrono::seconds connect_timeout{30};
};

class SmtpTransport final : public Transport {
 public:
  explicit SmtpTransport(SmtpSettings settings);

  std::string_view name() const override { return "smtp"; }
  std::unique_ptr<Connection> open_connection() override;

 private:
  SmtpSettings m_settings;
  std::string m_url;  // smtp[s]://host:port/ehlo-name
};

}  // namespace tsuikyaku::mail
