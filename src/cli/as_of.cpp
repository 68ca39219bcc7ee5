#include "as_of.hpp"

#include <fmt/format.h>

#include "tsuikyaku/core/error.hpp"

namespace tsuikyaku::cli {

std::optional<core::LocalTime> as_of_flag(const std::string& text) {
  if (text.empty()) return std::nullopt;
  const auto parsed = core::parse_as_of(text);
  if (!parsed) {
    throw core::Error(core::ErrorKind::usage,
                      fmt::format("--as-of: expected a local date and time like 2026-11-23 or "
                                  "\"2026-11-23 09:00\", not '{}'",
                                  text));
  }
  return parsed;
}

}  // namespace tsuikyaku::cli
