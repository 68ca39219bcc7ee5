#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// A suppression list as `suppress import` reads it (SPEC §9): one address a line (blank
// lines and lines starting with '#' ignored), or a CSV whose header names an address
// column (email, e-mail, email address, address, mail, メールアドレス) and perhaps a reason
// column, in any letter case. A plain list is read line by line, so a comment may hold
// anything, a lone quote included; a CSV with the import's reader (quoted fields may hold
// commas, quotes and line breaks). Either is UTF-8 or, when it is not valid UTF-8, CP932.
// Pure: the text is given, and what the rows mean is the caller's.

namespace tsuikyaku::ingest {

// One row of a list: its physical line, the address (trimmed) and the reason column
// (trimmed, lower-cased; empty when none), or why the row cannot be read.
struct SuppressionRow {
  std::int64_t line = 0;
  std::string address;
  std::string reason;
  std::string problem;
};

// The rows of a list, in file order. A CSV header that names no address column, or that
// is not valid in the list's encoding, is a core::Error (data) located at name:line.
std::vector<SuppressionRow> read_suppression_list(std::string_view text, const std::string& name);

}  // namespace tsuikyaku::ingest
