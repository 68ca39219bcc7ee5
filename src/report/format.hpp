#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tsuikyaku/report/render.hpp"

// Helpers the text and HTML renderings share (private to the report module).

namespace tsuikyaku::report::detail {

std::string money(const ShopView& shop, std::int64_t minor);            // "¥4,980"
std::string count(std::int64_t value);                                  // "12,345"
std::string percent(double fraction);                                   // "12.5%"
std::string local_minute(core::Instant t, const core::TimeZone& zone);  // "2026-11-18 09:00"

// A bar of `fraction` (0..1) of `width` cells in eighths of a cell: "███▍".
std::string bar(double fraction, std::size_t width);

// Columns padded by display width, so Japanese names line up.
class TextTable {
 public:
  enum class Align { left, right };

  explicit TextTable(std::vector<Align> aligns) : m_aligns(std::move(aligns)) {}
  void add(std::vector<std::string> cells) { m_rows.push_back(std::move(cells)); }
  bool empty() const { return m_rows.empty(); }
  // Each row on its own line, indented, columns two spaces apart, no trailing spaces.
  std::string render(std::size_t indent = 2) const;

 private:
  std::vector<Align> m_aligns;
  std::vector<std::vector<std::string>> m_rows;
};

}  // namespace tsuikyaku::report::detail
