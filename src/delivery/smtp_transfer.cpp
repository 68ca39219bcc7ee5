#include "tsuikyaku/delivery/smtp_transfer.hpp"

#include <fmt/format.h>

#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/delivery/classify.hpp"

namespace tsuikyaku::delivery {
namespace {

Outcome unreachable(std::string error) {
  Outcome outcome;
  outcome.status = Status::deferred;
  outcome.unreachable = true;
  outcome.error = std::move(error);
  return outcome;
}

Outcome without_reply(Status status, std::string error) {
  Outcome outcome;
  outcome.status = status;
  outcome.error = std::move(error);
  return outcome;
}

Outcome judge_failure(const TransferLog& log, const TransferResult& result,
                      std::string_view server) {
  // A reply to the end of the data decides, whatever the library made of it.
  if (log.reply_after_data) return classify_reply(log.last);
  if (log.data_done) {
    return without_reply(Status::unknown,
                         fmt::format("no reply from {} after the end of the data ({}); the "
                                     "server may have accepted the message",
                                     server, result.error));
  }
  switch (result.kind) {
    case FailureKind::login:
      return classify_auth_refusal(log.last);
    case FailureKind::no_starttls:
      return unreachable(
          fmt::format("{} does not offer STARTTLS, and nothing is sent without TLS ({})", server,
                      result.error));
    case FailureKind::tls:
      return unreachable(fmt::format("TLS with {} failed: {}", server, result.error));
    case FailureKind::connect:
      return unreachable(fmt::format("cannot connect to {}: {}", server, result.error));
    default:
      break;
  }
  if (!result.reused && log.replies == 0) {
    return unreachable(fmt::format("no answer from {}: {}", server, result.error));
  }
  // The first reply on a fresh connection is the greeting: a 421 or 554 there refuses
  // the client, not this message.
  if (!result.reused && log.replies == 1 && log.last.code >= 400) {
    return unreachable(fmt::format("{} refuses connections: {}", server, format_reply(log.last)));
  }
  if (log.last.code >= 400) return classify_reply(log.last);
  if (result.kind == FailureKind::timeout) {
    return without_reply(
        Status::deferred,
        fmt::format("no reply from {} before the data was sent ({})", server, result.error));
  }
  return without_reply(Status::deferred,
                       fmt::format("the connection to {} was lost before the data was sent ({})",
                                   server, result.error));
}

}  // namespace

void TransferLog::add_line(std::string_view line) {
  m_pending += line;
  if (m_pending.empty() || m_pending.back() != '\n') m_pending += "\r\n";
  if (line.size() >= 4 && line[3] == '-') return;
  const Reply reply = parse_reply(m_pending);
  m_pending.clear();
  // After a refused command the library says QUIT on its own; the 221 to that is not
  // what decided the transaction.
  if (reply.code == 221) return;
  last = reply;
  ++replies;
  if (data_done) reply_after_data = true;
}

Outcome judge(const TransferLog& log, const TransferResult& result, std::string_view server,
              std::string_view password) {
  Outcome outcome;
  if (result.kind == FailureKind::none) {
    outcome = classify_reply(log.last);
    if (outcome.status != Status::sent) {
      outcome = without_reply(
          Status::unknown, fmt::format("{} ended the transaction without a clear reply: {}", server,
                                       format_reply(log.last)));
    }
  } else {
    outcome = judge_failure(log, result, server);
  }
  core::redact(outcome.error, password);
  core::redact(outcome.reply.text, password);
  return outcome;
}

bool worth_a_fresh_connection(const Outcome& outcome, bool reused) {
  return reused && outcome.status == Status::deferred && !outcome.session_failed() &&
         (outcome.reply.code == 421 || outcome.reply.code == 0);
}

}  // namespace tsuikyaku::delivery
