#pragma once

// `--as-of` (SPEC §4, core::k_as_of_forms), for every command that depends on "now".

#include <optional>
#include <string>

#include "context.hpp"
#include "tsuikyaku/core/time.hpp"

namespace tsuikyaku::cli {

// --as-of's help, in the UI language.
const char* as_of_help();

// A flag's date and time (a date alone is the start of that day); nullopt when not given.
// Throws a usage error naming the flag and the accepted forms when the text is not one.
std::optional<core::ParsedDateTime> parse_local_time_flag(const std::string& flag,
                                                          const std::string& text);
inline std::optional<core::ParsedDateTime> parse_as_of_flag(const std::string& text) {
  return parse_local_time_flag("--as-of", text);
}

// The moment the command works at: the flag read in the shop's time zone, else the clock.
core::Instant as_of_moment(const Context& ctx, const config::Config& config,
                           const std::string& flag);

}  // namespace tsuikyaku::cli
