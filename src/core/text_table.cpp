#include "tsuikyaku/core/text_table.hpp"

#include <algorithm>

#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::core {

std::string TextTable::render(std::size_t indent) const {
  std::vector<std::size_t> widths(m_aligns.size(), 0);
  for (const auto& row : m_rows) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  }
  std::string out;
  for (const auto& row : m_rows) {
    std::string line(indent, ' ');
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      const std::string pad(widths[c] - display_width(row[c]), ' ');
      if (c > 0) line += "  ";
      line += m_aligns[c] == Align::right ? pad + row[c] : row[c] + pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
  return out;
}

}  // namespace tsuikyaku::core
