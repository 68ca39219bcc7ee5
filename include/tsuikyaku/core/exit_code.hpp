#pragma once

// The process exit codes of SPEC §10, named once (sysexits values, as mail tools use).

namespace tsuikyaku::core {

enum class ExitCode : int {
  ok = 0,
  failure = 1,       // some messages failed permanently; an unexpected internal error
  usage = 64,        // bad flag or argument
  data_error = 65,   // rejected input rows
  no_input = 66,     // input file missing or unreadable
  unavailable = 69,  // SMTP server unreachable
  io_error = 74,     // an output could not be written in full (a full disk)
  temp_fail = 75,    // deferred messages, or another send holds the lock
  config = 78,       // configuration or campaign file error
};

constexpr int to_int(ExitCode code) { return static_cast<int>(code); }

}  // namespace tsuikyaku::core
