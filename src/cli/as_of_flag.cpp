#include "as_of_flag.hpp"

#include <fmt/format.h>

#include "tsuikyaku/app/segments.hpp"
#include "tsuikyaku/core/error.hpp"

namespace tsuikyaku::cli {

std::optional<core::ParsedDateTime> parse_local_time_flag(const std::string& flag,
                                                          const std::string& text) {
  if (text.empty()) return std::nullopt;
  const auto parsed = core::parse_datetime(text);
  if (!parsed) {
    throw core::Error(core::ErrorKind::usage,
                      fmt::format("{}: expected a date and time like {}, not '{}'", flag,
                                  core::k_as_of_forms, text));
  }
  return parsed;
}

core::Instant as_of_moment(const Context& ctx, const config::Config& config,
                           const std::string& flag) {
  return app::resolve_as_of(config, parse_as_of_flag(flag), ctx.clock().now());
}

}  // namespace tsuikyaku::cli
