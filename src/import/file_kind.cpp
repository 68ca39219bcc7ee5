#include "tsuikyaku/import/file_kind.hpp"

#include <fmt/format.h>

#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/import/encoding.hpp"

namespace tsuikyaku::ingest {
namespace {

std::string_view extension_of(std::string_view name) {
  const auto dot = name.rfind('.');
  const auto slash = name.find_last_of("/\\");
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  return name.substr(dot + 1);
}

// The first line of head, without its line end.
std::string_view first_line(std::string_view head) {
  return head.substr(0, head.find_first_of("\r\n"));
}

// Counts c in line outside double quotes.
std::size_t count_outside_quotes(std::string_view line, char c) {
  std::size_t n = 0;
  bool quoted = false;
  for (const char ch : line) {
    if (ch == '"') quoted = !quoted;
    if (!quoted && ch == c) ++n;
  }
  return n;
}

constexpr std::string_view k_save_as_csv =
    "save it as CSV first (Excel: File > Save As > \"CSV UTF-8 (Comma delimited)\"; Numbers: "
    "File > Export To > CSV; Google Sheets: File > Download > Comma-separated values)";

}  // namespace

std::optional<std::string> not_csv_problem(std::string_view head, std::string_view file_name) {
  const std::string extension = core::to_lower_ascii(extension_of(file_name));
  if (head.starts_with("PK\x03\x04")) {
    const std::string_view what = extension == "numbers" ? "a Numbers document"
                                  : extension == "ods"   ? "an OpenDocument spreadsheet"
                                                         : "an Excel workbook (.xlsx)";
    return fmt::format("{} is {}, not a CSV file; {}", file_name, what, k_save_as_csv);
  }
  if (head.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    return fmt::format("{} is an Excel 97-2003 workbook (.xls), not a CSV file; {}", file_name,
                       k_save_as_csv);
  }
  const std::string_view line = first_line(head);
  const std::size_t commas = count_outside_quotes(line, ',');
  if (const std::size_t tabs = count_outside_quotes(line, '\t'); tabs > 0 && tabs >= commas) {
    return fmt::format(
        "{}:1: the file is separated by tabs, not commas (a TSV file, as a copy from a "
        "spreadsheet gives); {}",
        file_name, k_save_as_csv);
  }
  if (const std::size_t semicolons = count_outside_quotes(line, ';');
      semicolons > 0 && semicolons > commas) {
    return fmt::format(
        "{}:1: the file is separated by semicolons, not commas (as Excel saves CSV where a "
        "comma is the decimal mark); save it with commas as separators, or export it from "
        "the shop platform again",
        file_name);
  }
  return std::nullopt;
}

std::string cp932_hint(std::string_view bytes) {
  if (core::is_ascii(bytes) || !well_formed_cp932(bytes)) return {};
  return "; the file looks like CP932 (Shift_JIS): run the import with --encoding cp932";
}

bool looks_like_utf8_text(std::string_view head) {
  bool multibyte = false;
  for (std::size_t i = 0; i < head.size();) {
    const std::size_t n = core::utf8_sequence_length(head, i);
    if (n == 0) {
      // A character cut at the end of head is not held against it.
      return head.size() - i < 4 && multibyte;
    }
    multibyte = multibyte || n > 1;
    i += n;
  }
  return multibyte;
}

}  // namespace tsuikyaku::ingest
