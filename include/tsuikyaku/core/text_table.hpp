#pragma once

#include <cstddef>
#include <string>
#include <vector>

// A plain text table: columns padded to their widest cell by display width (East Asian
// wide characters count two columns), two spaces apart, no trailing spaces. Used by the
// command line's tables and the report's text rendering.

namespace tsuikyaku::core {

class TextTable {
 public:
  enum class Align { left, right };

  explicit TextTable(std::vector<Align> aligns) : m_aligns(std::move(aligns)) {}

  // A row of cells, one per column, as given; a short row ends early. Cells beyond the
  // columns are not shown.
  void add_row(std::vector<std::string> cells) { m_rows.push_back(std::move(cells)); }
  bool empty() const { return m_rows.empty(); }

  // Each row on its own line after `indent` spaces.
  std::string render(std::size_t indent = 0) const;

 private:
  std::vector<Align> m_aligns;
  std::vector<std::vector<std::string>> m_rows;
};

}  // namespace tsuikyaku::core
