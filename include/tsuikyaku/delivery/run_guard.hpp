#pragma once

#include <optional>
#include <string>

#include "tsuikyaku/core/exit_code.hpp"
#include "tsuikyaku/delivery/outcome.hpp"

// What a delivery run has done so far, when it must stop, and the exit code it ends
// with (SPEC §8.2, §8.3).

namespace tsuikyaku::delivery {

// Counts of one run's outcomes, as the send command's summary and exit code need them.
struct RunTally {
  int sent = 0;
  int deferred = 0;  // 4xx or lost before the data; not the session failures below
  int bounced = 0;   // failed with a dead address (5.1.1–5.1.3)
  int failed = 0;    // failed for any other reason (5.7.x policy, 5.5.x, 5.3.x, gave up…)
  int unknown = 0;
  bool unreachable = false;    // a session could not be set up: everything left is queued
  bool login_refused = false;  // the server refused the login

  void add(const Outcome& outcome);
};

// SPEC §8.3, first match wins: 69 unreachable, 78 login refused, 1 failed (not bounced)
// or unknown, 75 deferred, else 0. A lock held by another send is 75 too, but that run
// never gets a tally: it stops with a core::Error of kind temp_fail.
core::ExitCode exit_code(const RunTally& tally);

// Stops a run that would only repeat one failure (SPEC §8.2). A login refused or an
// unreachable server stops it at once; otherwise `limit` deliveries in a row that end
// the same way do. "The same way" is the same status (deferred, failed or unknown),
// reply code and enhanced code: ten 451 4.7.1 in a row stop the run, a 451 4.7.1 among
// 550 5.1.1s does not, and ten connections lost before the data (no reply) do. Dead
// addresses count too: a server that calls every address dead is misconfigured, and
// suppressing the whole list would be the worst outcome. A sent message resets the row.
// Outcomes are recorded in the order they complete, from every connection.
class CircuitBreaker {
 public:
  static constexpr int k_default_limit = 10;
  explicit CircuitBreaker(int limit = k_default_limit) : m_limit(limit) {}

  // Records an outcome; returns why the run must stop now (a sentence for the user), or
  // nullopt to go on. Once tripped it stays tripped and returns the same reason.
  std::optional<std::string> record(const Outcome& outcome);

 private:
  int m_limit;
  int m_row = 0;
  Outcome m_last;
  std::optional<std::string> m_reason;
};

}  // namespace tsuikyaku::delivery
