#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "tsuikyaku/core/exit_code.hpp"

// The one exception type of the project. A command that cannot go on throws an Error;
// the CLI catches it in one place, prints `tsuikyaku: error: <message>` and exits with
// the code of its kind. Expected outcomes (a rejected row, a deferred delivery) are
// values, never exceptions.

namespace tsuikyaku::core {

enum class ErrorKind {
  usage,        // a bad argument the parser could not catch            -> 64
  data,         // input data (a CSV, the database content) is wrong    -> 65
  no_input,     // a file to read is missing or unreadable              -> 66
  unavailable,  // a service (the SMTP server) cannot be reached        -> 69
  io_error,     // an output (stdout, a file) could not be written      -> 74
  temp_fail,    // try again later (a lock held by another process)     -> 75
  config,       // the config, a campaign, a mapping or a template      -> 78
  internal,     // a bug or an environment failure (SQLite)             -> 1
};

ExitCode exit_code_for(ErrorKind kind);

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message);

  ErrorKind kind() const { return m_kind; }

 private:
  ErrorKind m_kind;
};

// A place in a text file, 1-based, for messages like `tsuikyaku.yaml:7:12: ...`.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

// "file:line:col: message" (or "file:line: message" when column is 0).
std::string located(const SourceLocation& where, std::string_view message);

// A configuration error at a place in a file (kind config, exit 78).
Error config_error(const SourceLocation& where, std::string_view message);

}  // namespace tsuikyaku::core
