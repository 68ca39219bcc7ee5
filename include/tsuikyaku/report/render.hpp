#pragma once

#include <string>

#include "tsuikyaku/core/money.hpp"
#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/report/report.hpp"

// The report as a person reads it: compact terminal tables with Unicode bars, and one
// self-contained HTML page (inline CSS and SVG, no scripts, no external assets).

namespace tsuikyaku::report {

// What the figures are shown in: the shop's name, currency and time zone (SPEC §2).
struct ShopView {
  std::string name;
  const core::Currency* currency = nullptr;  // never null
  core::TimeZone zone = core::TimeZone::utc();
};

// Plain text for a terminal, in the UI language (core::tr). `color` adds ANSI colours to headings
// and bars; widths count East Asian wide characters as two columns. The longest tables are cut to
// the newest months (k_text_months, k_text_cohorts) with a note; --json and --html have all.
std::string render_text(const Report& report, const ShopView& shop, bool color);

inline constexpr std::size_t k_text_months = 24;
inline constexpr std::size_t k_text_cohorts = 12;

// One HTML5 document in the UI language (core::tr: labels, dates, money); every text from
// the data is escaped.
std::string render_html(const Report& report, const ShopView& shop);

}  // namespace tsuikyaku::report
