#include "text_table.hpp"

#include <ostream>

namespace tsuikyaku::cli {
namespace {

std::vector<core::TextTable::Align> aligns_of(const std::vector<TextTable::Column>& columns) {
  std::vector<core::TextTable::Align> aligns;
  for (const TextTable::Column& column : columns) aligns.push_back(column.align);
  return aligns;
}

// A cell as one line of plain text: a line break or an escape sequence from the data
// (a name, an address) must not break the table or drive the terminal.
void make_printable(std::string& cell) {
  for (char& c : cell) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) c = ' ';
  }
}

}  // namespace

TextTable::TextTable(const std::vector<Column>& columns) : m_table(aligns_of(columns)) {
  std::vector<std::string> headers;
  for (const Column& column : columns) headers.push_back(column.header);
  m_table.add_row(std::move(headers));
}

void TextTable::add_row(std::vector<std::string> cells) {
  for (std::string& cell : cells) make_printable(cell);
  m_table.add_row(std::move(cells));
}

void TextTable::print(std::ostream& out) const { out << m_table.render(); }

}  // namespace tsuikyaku::cli
