#pragma once

#include <iosfwd>
#include <string>
#include <vector>

// A plain text table for terminals: columns padded to their widest cell, counting East
// Asian wide characters as two columns, two spaces between columns, no colour.

namespace tsuikyaku::cli {

class TextTable {
 public:
  enum class Align { left, right };
  struct Column {
    std::string header;
    Align align = Align::left;
  };

  explicit TextTable(std::vector<Column> columns) : m_columns(std::move(columns)) {}

  // A row of cells, one per column. Control characters in them become spaces.
  void add_row(std::vector<std::string> cells);

  // Header, then the rows; no trailing spaces.
  void print(std::ostream& out) const;

 private:
  std::vector<Column> m_columns;
  std::vector<std::vector<std::string>> m_rows;
};

}  // namespace tsuikyaku::cli
