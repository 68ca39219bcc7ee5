#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "tsuikyaku/core/text_table.hpp"

// A table for terminals: a header line over core::TextTable's columns (padded by display
// width, two spaces apart, no colour), with cells from the data made printable.

namespace tsuikyaku::cli {

class TextTable {
 public:
  using Align = core::TextTable::Align;
  struct Column {
    std::string header;
    Align align = Align::left;
  };

  explicit TextTable(const std::vector<Column>& columns);

  // A row of cells, one per column. Control characters in them become spaces.
  void add_row(std::vector<std::string> cells);

  // Header, then the rows; no trailing spaces.
  void print(std::ostream& out) const;

 private:
  core::TextTable m_table;
};

}  // namespace tsuikyaku::cli
