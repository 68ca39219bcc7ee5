#include "tsuikyaku/core/error.hpp"

#include <fmt/format.h>

namespace tsuikyaku::core {

ExitCode exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::usage:
      return ExitCode::usage;
    case ErrorKind::data:
      return ExitCode::data_error;
    case ErrorKind::no_input:
      return ExitCode::no_input;
    case ErrorKind::unavailable:
      return ExitCode::unavailable;
    case ErrorKind::io_error:
      return ExitCode::io_error;
    case ErrorKind::temp_fail:
      return ExitCode::temp_fail;
    case ErrorKind::config:
      return ExitCode::config;
    case ErrorKind::internal:
      break;
  }
  return ExitCode::failure;
}

Error::Error(ErrorKind kind, const std::string& message)
    : std::runtime_error(message), m_kind(kind) {}

std::string located(const SourceLocation& where, std::string_view message) {
  if (where.column > 0) {
    return fmt::format("{}:{}:{}: {}", where.file, where.line, where.column, message);
  }
  if (where.line > 0) {
    return fmt::format("{}:{}: {}", where.file, where.line, message);
  }
  return fmt::format("{}: {}", where.file, message);
}

Error config_error(const SourceLocation& where, std::string_view message) {
  return Error(ErrorKind::config, located(where, message));
}

}  // namespace tsuikyaku::core
