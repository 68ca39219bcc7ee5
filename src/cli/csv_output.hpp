#pragma once

#include <string>
#include <string_view>

// CSV as spreadsheets and printers' tools read it (RFC 4180): fields separated by commas,
// records ended by CRLF, a field quoted when it holds a comma, a double quote, CR or LF,
// quotes inside doubled. The file starts with a UTF-8 byte order mark, without which
// Excel reads UTF-8 as the local code page (CP932 on Japanese Windows).

namespace tsuikyaku::cli::csv {

inline constexpr std::string_view k_bom = "\xEF\xBB\xBF";
inline constexpr std::string_view k_record_end = "\r\n";

// Appends one field, quoted when it must be.
void append_field(std::string& out, std::string_view value);

// Appends a field of text from the data (a name, an address) that a spreadsheet must
// show as text, never run: one that starts with =, +, -, @, TAB or CR (or a full-width
// ＝ ＋ － ＠) gets a leading apostrophe, which Excel and LibreOffice take as "this is
// text" and do not display (OWASP, CSV injection). Numbers we format ourselves use
// append_field.
void append_text(std::string& out, std::string_view value);

}  // namespace tsuikyaku::cli::csv
