#pragma once

#include <string>
#include <vector>

// The store's statements by how often they run (src/store/statements.hpp): the ones run
// per imported row or per message, which must be indexed searches, and the reads that
// scan whole tables by design, once per command.

namespace tsuikyaku::store {

struct ListedStatement {
  std::string name;   // where it runs, "import: the order's owner"
  std::string sql;    // for per-row statements; the file and function for whole-table reads
  std::string setup;  // a statement to run before preparing sql (a temporary table), or ""
};

std::vector<ListedStatement> per_row_statements();
std::vector<ListedStatement> whole_table_reads();

}  // namespace tsuikyaku::store
