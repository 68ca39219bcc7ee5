#include "as_of_flag.hpp"

#include <fmt/format.h>

#include "tsuikyaku/app/segments.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/i18n.hpp"

namespace tsuikyaku::cli {

const char* as_of_help() {
  return core::tr(
      "Compute as of this moment: \"YYYY-MM-DD[ HH:MM[:SS]]\" or \"YYYY/MM/DD HH:MM\" in "
      "shop.timezone, or with an offset as the tool prints it (2026-11-20T10:00:00+09:00); "
      "default: now");
}

std::optional<core::ParsedDateTime> parse_local_time_flag(const std::string& flag,
                                                          const std::string& text) {
  if (text.empty()) return std::nullopt;
  const auto parsed = core::parse_datetime(text);
  if (!parsed) {
    throw core::Error(core::ErrorKind::usage,
                      core::trf("{}: expected a date and time like {}, not '{}'", flag,
                                core::k_as_of_forms, text));
  }
  return parsed;
}

core::Instant as_of_moment(const Context& ctx, const config::Config& config,
                           const std::string& flag) {
  return app::resolve_as_of(config, parse_as_of_flag(flag), ctx.clock().now());
}

}  // namespace tsuikyaku::cli
