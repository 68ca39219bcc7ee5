#pragma once

#include <optional>
#include <string>

#include "tsuikyaku/core/time.hpp"

// `--as-of "YYYY-MM-DD[ HH:MM[:SS]]"` (SPEC §4), which every command that depends on
// "now" accepts: its help text and its parsing, declared once.

namespace tsuikyaku::cli {

inline constexpr const char* k_as_of_help =
    "Work as of this local time, \"YYYY-MM-DD[ HH:MM[:SS]]\" in shop.timezone (default: now)";

// nullopt for an empty flag (not given); a usage error for text that is not a local time.
std::optional<core::LocalTime> as_of_flag(const std::string& text);

}  // namespace tsuikyaku::cli
