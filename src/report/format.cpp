#include "format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "tsuikyaku/core/i18n.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::report::detail {

std::string money(const ShopView& shop, std::int64_t minor) {
  return core::format_money(core::Money(minor, *shop.currency), core::ui_format_language());
}

std::string count(std::int64_t value) { return core::format_count(value); }

std::string percent(double fraction) { return fmt::format("{:.1f}%", fraction * 100.0); }

std::string local_minute(core::Instant t, const core::TimeZone& zone) {
  return core::ui_minute(core::civil(zone.to_local(t)));
}

std::string month_label(Month month) { return core::ui_month(month.year, month.month); }

std::string bar(double fraction, std::size_t width) {
  static constexpr const char* k_eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  const double clamped = std::clamp(fraction, 0.0, 1.0);
  const auto eighths =
      static_cast<std::size_t>(std::lround(clamped * static_cast<double>(width * 8)));
  std::string text;
  for (std::size_t i = 0; i < eighths / 8; ++i) text += "█";
  text += k_eighths[eighths % 8];
  return text;
}

}  // namespace tsuikyaku::report::detail
