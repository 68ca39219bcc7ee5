#pragma once

#include <optional>
#include <string>
#include <string_view>

// What a shop owner hands the import instead of a CSV export, named with the fix
// (docs/import.md, "Not a CSV file"): a spreadsheet workbook (.xlsx, .xls, .numbers), a
// tab-separated file, a file separated by semicolons.

namespace tsuikyaku::ingest {

// The problem with a file whose first bytes are head, or nullopt when it may be CSV.
// file_name is the name as given ("-" for standard input), for its extension.
std::optional<std::string> not_csv_problem(std::string_view head, std::string_view file_name);

// When bytes that are not valid UTF-8 are valid CP932, the hint to add to the rejection
// ("; the file looks like CP932 (Shift_JIS): run the import with --encoding cp932"), else
// empty. Pure: it checks the CP932 byte structure, not the characters.
std::string cp932_hint(std::string_view bytes);

// True when head is valid UTF-8 and holds multi-byte characters: a file that --encoding
// cp932 would turn into mojibake.
bool looks_like_utf8_text(std::string_view head);

}  // namespace tsuikyaku::ingest
