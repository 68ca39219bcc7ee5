#include "tsuikyaku/import/suppression_list.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <span>

#include "tsuikyaku/core/email.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/import/csv_reader.hpp"
#include "tsuikyaku/import/encoding.hpp"

namespace tsuikyaku::ingest {
namespace {

// A blank line or a comment.
bool skipped(std::string_view text) {
  text = core::trim(text);
  return text.empty() || text.front() == '#';
}

std::string not_valid(Encoding encoding) {
  return fmt::format("bytes that are not valid {}", encoding_name(encoding));
}

// The text's lines without their ends; the first loses a UTF-8 byte order mark.
std::vector<std::string_view> text_lines(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::string_view> lines = core::split(text, '\n');
  for (auto& line : lines) {
    if (line.ends_with('\r')) line.remove_suffix(1);
  }
  return lines;
}

// Whether the list is plain, one address a line: its first line that is not blank or a
// comment is an address.
bool is_plain_list(std::span<const std::string_view> lines) {
  for (const std::string_view line : lines) {
    if (!skipped(line)) return core::is_valid_address(core::trim(line));
  }
  return true;
}

// A plain list, read line by line: a comment may hold anything, a lone quote included.
std::vector<SuppressionRow> plain_rows(std::span<const std::string_view> lines, Encoding encoding) {
  Decoder decoder(encoding);
  std::vector<SuppressionRow> rows;
  std::string decoded;
  std::int64_t number = 0;
  for (const std::string_view line : lines) {
    ++number;
    if (skipped(line)) continue;
    decoded.clear();
    if (!decoder.append_utf8(line, decoded)) {
      rows.push_back({number, "", "", not_valid(encoding)});
      continue;
    }
    rows.push_back({number, std::string(core::trim(decoded)), "", ""});
  }
  return rows;
}

constexpr std::array<std::string_view, 6> k_address_headers{"email",   "e-mail", "email address",
                                                            "address", "mail",   "メールアドレス"};

// A CSV whose header (its first record that is not a comment) names an address column
// and perhaps a reason column, read with the import's reader (SPEC §3): quoted fields may
// hold commas, quotes and line breaks.
std::vector<SuppressionRow> csv_rows(std::string_view text, Encoding encoding,
                                     const std::string& name) {
  StringSource bytes(text);
  CsvReader reader(bytes, name);
  Decoder decoder(encoding);
  CsvRecord record;
  std::vector<std::string_view> fields;
  std::optional<std::size_t> address;
  std::optional<std::size_t> reason;
  std::vector<SuppressionRow> rows;
  while (reader.next(record)) {
    if (record.issue == RecordIssue::unclosed_quote) {
      rows.push_back(
          {record.line, "", "", "a quoted field is not closed before the end of the file"});
      continue;
    }
    const bool decoded = decoder.decode_fields(record.fields, fields);
    if (!address) {  // the header
      if (skipped(record.raw)) continue;
      const core::SourceLocation where{name, static_cast<int>(record.line), 0};
      if (!decoded)
        throw core::Error(core::ErrorKind::data, core::located(where, not_valid(encoding)));
      for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string column = core::to_lower_ascii(core::trim(fields[i]));
        const auto* found = std::find(k_address_headers.begin(), k_address_headers.end(), column);
        if (!address && found != k_address_headers.end()) address = i;
        if (!reason && column == "reason") reason = i;
      }
      if (!address) {
        throw core::Error(core::ErrorKind::data,
                          core::located(where,
                                        "expected an address, or a CSV header with a column "
                                        "named email, e-mail, email address, address, mail or "
                                        "メールアドレス"));
      }
      continue;
    }
    if (!decoded) {
      rows.push_back({record.line, "", "", not_valid(encoding)});
      continue;
    }
    const auto field = [&](std::optional<std::size_t> at) {
      return at && *at < fields.size() ? std::string(core::trim(fields[*at])) : std::string();
    };
    if (skipped(field(address))) continue;
    rows.push_back({record.line, field(address), core::to_lower_ascii(field(reason)), ""});
  }
  return rows;
}

}  // namespace

std::vector<SuppressionRow> read_suppression_list(std::string_view text, const std::string& name) {
  // A list exported by a Japanese platform may be CP932 (SPEC §3).
  // One it cannot tell is read as UTF-8: its bad rows are refused, never mojibake.
  const core::Result<Encoding> detected = detect_encoding(text.substr(0, k_detect_bytes));
  const Encoding encoding = detected ? detected.value() : Encoding::utf8;
  const std::vector<std::string_view> lines = text_lines(text);
  return is_plain_list(lines) ? plain_rows(lines, encoding) : csv_rows(text, encoding, name);
}

}  // namespace tsuikyaku::ingest
