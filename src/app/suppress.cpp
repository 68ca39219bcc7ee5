#include "tsuikyaku/app/suppress.hpp"

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

namespace tsuikyaku::app {
namespace {

// A blank line or a comment.
bool skipped(std::string_view text) {
  text = core::trim(text);
  return text.empty() || text.front() == '#';
}

// One row of a list: its physical line, the address and the reason column (lower-cased;
// empty when none), or why the row cannot be read.
struct ListRow {
  std::int64_t line = 0;
  std::string address;
  std::string reason;
  std::string problem;
};

std::string not_valid(ingest::Encoding encoding) {
  return fmt::format("bytes that are not valid {}", ingest::encoding_name(encoding));
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
std::vector<ListRow> plain_rows(std::span<const std::string_view> lines,
                                ingest::Encoding encoding) {
  ingest::Decoder decoder(encoding);
  std::vector<ListRow> rows;
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
std::vector<ListRow> csv_rows(std::string_view text, ingest::Encoding encoding,
                              const std::string& name) {
  ingest::StringSource bytes(text);
  ingest::CsvReader reader(bytes, name);
  ingest::Decoder decoder(encoding);
  ingest::CsvRecord record;
  std::vector<std::string_view> fields;
  std::optional<std::size_t> address;
  std::optional<std::size_t> reason;
  std::vector<ListRow> rows;
  while (reader.next(record)) {
    if (record.issue == ingest::RecordIssue::unclosed_quote) {
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

void check_address(std::string_view address) {
  if (!core::is_valid_address(address)) {
    throw core::Error(core::ErrorKind::usage,
                      fmt::format("'{}' is not a mail address like name@example.com", address));
  }
}

}  // namespace

store::SuppressResult add_suppression(Workspace& workspace, std::string_view address,
                                      store::SuppressionReason reason, std::string_view note,
                                      core::Instant now) {
  check_address(address);
  return store::suppress(workspace.db, {std::string(address), reason, std::string(note), "cli"},
                         now);
}

bool remove_suppression(Workspace& workspace, std::string_view address) {
  check_address(address);
  return store::unsuppress(workspace.db, address);
}

std::vector<store::Suppression> list_suppressions(Workspace& workspace) {
  return store::list_suppressions(workspace.db);
}

SuppressImportResult import_suppressions(Workspace& workspace,
                                         const SuppressImportRequest& request) {
  // A list exported by a Japanese platform may be CP932 (SPEC §3).
  const ingest::Encoding encoding =
      ingest::detect_encoding(std::string_view(request.text).substr(0, ingest::k_detect_bytes));
  const std::vector<std::string_view> lines = text_lines(request.text);
  const std::vector<ListRow> rows = is_plain_list(lines)
                                        ? plain_rows(lines, encoding)
                                        : csv_rows(request.text, encoding, request.source_name);
  SuppressImportResult result;
  std::vector<store::SuppressionEntry> entries;
  const std::string source = "import:" + request.source_name;
  for (const ListRow& row : rows) {
    const auto reject = [&](std::string why) {
      result.rejects.push_back({static_cast<int>(row.line), std::move(why)});
    };
    if (!row.problem.empty()) {
      reject(row.problem);
      continue;
    }
    ++result.rows;
    if (!core::is_valid_address(row.address)) {
      reject(fmt::format("'{}' is not a mail address", row.address));
      continue;
    }
    const auto reason = row.reason.empty() ? std::optional(request.reason)
                                           : store::parse_suppression_reason(row.reason);
    if (!reason) {
      reject(fmt::format("reason: expected {}, not '{}'", store::suppression_reason_list(),
                         row.reason));
      continue;
    }
    entries.push_back({row.address, *reason, "", source});
  }
  for (const store::SuppressResult done : store::suppress_all(workspace.db, entries, request.now)) {
    ++(done == store::SuppressResult::added     ? result.added
       : done == store::SuppressResult::updated ? result.updated
                                                : result.unchanged);
  }
  return result;
}

}  // namespace tsuikyaku::app
