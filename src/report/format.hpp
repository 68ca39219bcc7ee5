#pragma once

#include <cstdint>
#include <string>

#include "tsuikyaku/report/render.hpp"

// Helpers the text and HTML renderings share (private to the report module).

namespace tsuikyaku::report::detail {

// "¥4,980" in English, "4,980円" in Japanese: core::format_money in the UI language.
std::string money(const ShopView& shop, std::int64_t minor);

std::string count(std::int64_t value);  // "12,345"
std::string percent(double fraction);   // "12.5%"
// "2026-11-18 09:00", "2026年11月18日(水) 09:00": core::ui_minute in the shop's zone.
std::string local_minute(core::Instant t, const core::TimeZone& zone);
// "2026-11", "2026年11月" (core::ui_month); format_month is the JSON's.
std::string month_label(Month month);

// A bar of `fraction` (0..1) of `width` cells in eighths of a cell: "███▍".
std::string bar(double fraction, std::size_t width);

}  // namespace tsuikyaku::report::detail
