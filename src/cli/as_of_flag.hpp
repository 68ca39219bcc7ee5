#pragma once

// `--as-of "YYYY-MM-DD[ HH:MM[:SS]]"` (SPEC §4), for every command that depends on "now".

#include <optional>
#include <string>

#include "context.hpp"
#include "tsuikyaku/core/time.hpp"

namespace tsuikyaku::cli {

inline constexpr const char* k_as_of_help =
    "Compute as of this local time, \"YYYY-MM-DD[ HH:MM[:SS]]\" in shop.timezone (default: now)";

// A flag's local time (a date alone is the start of that day); nullopt when not given.
// Throws a usage error naming the flag when the text is not a date.
std::optional<core::LocalTime> parse_local_time_flag(const std::string& flag,
                                                     const std::string& text);
inline std::optional<core::LocalTime> parse_as_of_flag(const std::string& text) {
  return parse_local_time_flag("--as-of", text);
}

// The moment the command works at: the flag read in the shop's time zone, else the clock.
core::Instant as_of_moment(const Context& ctx, const config::Config& config,
                           const std::string& flag);

}  // namespace tsuikyaku::cli
