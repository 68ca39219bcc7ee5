#include "text_table.hpp"

#include <algorithm>
#include <ostream>

#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::cli {
namespace {

// A cell as one line of plain text: a line break or an escape sequence from the data
// (a name, an address) must not break the table or drive the terminal.
void make_printable(std::string& cell) {
  for (char& c : cell) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) c = ' ';
  }
}

void print_line(std::ostream& out, const std::vector<TextTable::Column>& columns,
                const std::vector<std::string>& cells, const std::vector<std::size_t>& widths) {
  std::string line;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    static const std::string k_empty;
    const std::string& cell = i < cells.size() ? cells[i] : k_empty;
    const std::string padding(widths[i] - core::display_width(cell), ' ');
    if (i > 0) line += "  ";
    if (columns[i].align == TextTable::Align::right) line += padding;
    line += cell;
    if (columns[i].align == TextTable::Align::left) line += padding;
  }
  line.erase(line.find_last_not_of(' ') + 1);
  out << line << '\n';
}

}  // namespace

void TextTable::add_row(std::vector<std::string> cells) {
  for (std::string& cell : cells) make_printable(cell);
  m_rows.push_back(std::move(cells));
}

void TextTable::print(std::ostream& out) const {
  std::vector<std::size_t> widths(m_columns.size());
  std::vector<std::string> headers;
  for (std::size_t i = 0; i < m_columns.size(); ++i) {
    widths[i] = core::display_width(m_columns[i].header);
    headers.push_back(m_columns[i].header);
  }
  for (const auto& row : m_rows) {
    for (std::size_t i = 0; i < std::min(row.size(), widths.size()); ++i) {
      widths[i] = std::max(widths[i], core::display_width(row[i]));
    }
  }
  print_line(out, m_columns, headers, widths);
  for (const auto& row : m_rows) print_line(out, m_columns, row, widths);
}

}  // namespace tsuikyaku::cli
