#include "tsuikyaku/delivery/run_guard.hpp"

#include <fmt/format.h>

namespace tsuikyaku::delivery {
namespace {

bool same_way(const Outcome& a, const Outcome& b) {
  return a.status == b.status && a.reply.code == b.reply.code &&
         a.reply.enhanced == b.reply.enhanced;
}

std::string describe(const Outcome& outcome) {
  if (outcome.reply.code != 0) return format_reply(outcome.reply);
  return outcome.error.empty() ? std::string(to_string(outcome.status)) : outcome.error;
}

}  // namespace

void RunTally::add(const Outcome& outcome) {
  if (outcome.login_refused) {
    login_refused = true;
    return;
  }
  if (outcome.unreachable) {
    unreachable = true;
    return;
  }
  switch (outcome.status) {
    case Status::sent:
      ++sent;
      break;
    case Status::deferred:
      ++deferred;
      break;
    case Status::failed:
      ++(outcome.dead_address ? bounced : failed);
      break;
    case Status::unknown:
      ++unknown;
      break;
  }
}

core::ExitCode exit_code(const RunTally& tally) {
  if (tally.unreachable) return core::ExitCode::unavailable;
  if (tally.login_refused) return core::ExitCode::config;
  if (tally.failed > 0 || tally.unknown > 0) return core::ExitCode::failure;
  if (tally.deferred > 0) return core::ExitCode::temp_fail;
  return core::ExitCode::ok;
}

std::optional<std::string> CircuitBreaker::record(const Outcome& outcome) {
  if (m_reason) return m_reason;
  if (outcome.login_refused || outcome.unreachable) {
    m_reason = fmt::format("{}; the rest stays queued", outcome.error);
    return m_reason;
  }
  if (outcome.status == Status::sent) {
    m_row = 0;
    return std::nullopt;
  }
  m_row = m_row > 0 && same_way(outcome, m_last) ? m_row + 1 : 1;
  m_last = outcome;
  if (m_row >= m_limit) {
    m_reason =
        fmt::format("{} deliveries in a row ended {} the same way ({}); the rest stays queued",
                    m_row, to_string(outcome.status), describe(outcome));
  }
  return m_reason;
}

}  // namespace tsuikyaku::delivery
