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

constexpr std::array<std::string_view, 6> k_address_headers{"email",   "e-mail", "email address",
                                                            "address", "mail",   "メールアドレス"};

struct Columns {
  std::size_t address = 0;
  std::optional<std::size_t> reason;
};

// The columns of a CSV header, or nullopt when the first record is an address (a plain
// list). A first record that is neither is a data error.
std::optional<Columns> header_columns(std::span<const std::string_view> names,
                                      const core::SourceLocation& where) {
  if (names.size() == 1 && core::is_valid_address(core::trim(names[0]))) return std::nullopt;
  std::optional<std::size_t> address;
  std::optional<std::size_t> reason;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string name = core::to_lower_ascii(core::trim(names[i]));
    const auto* found = std::find(k_address_headers.begin(), k_address_headers.end(), name);
    if (!address && found != k_address_headers.end()) address = i;
    if (!reason && name == "reason") reason = i;
  }
  if (!address) {
    throw core::Error(core::ErrorKind::data,
                      core::located(where,
                                    "expected an address, or a CSV header with a column named "
                                    "email, e-mail, email address, address, mail or "
                                    "メールアドレス"));
  }
  return Columns{*address, reason};
}

// A blank line or a comment.
bool skipped(std::string_view text) {
  text = core::trim(text);
  return text.empty() || text.front() == '#';
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
  // The import's reader and decoder (SPEC §3): quoted fields may hold commas, quotes and
  // line breaks, and a list exported by a Japanese platform may be CP932.
  import::StringSource bytes(request.text);
  import::CsvReader reader(bytes, request.source_name);
  const import::Encoding encoding = import::detect_encoding(reader.peek(import::k_detect_bytes));
  import::Decoder decoder(encoding);
  import::CsvRecord record;
  std::vector<std::string_view> fields;

  SuppressImportResult result;
  const auto reject = [&](std::string reason) {
    result.rejects.push_back({static_cast<int>(record.line), std::move(reason)});
  };
  std::optional<Columns> columns;
  bool header_read = false;  // the first record that is not a comment: a header or not
  std::vector<store::SuppressionEntry> entries;
  const std::string source = "import:" + request.source_name;
  while (reader.next(record)) {
    if (record.issue == import::RecordIssue::unclosed_quote) {
      reject("a quoted field is not closed before the end of the file");
      continue;
    }
    const bool decoded = decoder.decode_fields(record.fields, fields);
    if (!header_read) {
      if (skipped(record.raw)) continue;
      const core::SourceLocation where{request.source_name, static_cast<int>(record.line), 0};
      if (!decoded) {
        throw core::Error(core::ErrorKind::data,
                          core::located(where, fmt::format("bytes that are not valid {}",
                                                           import::encoding_name(encoding))));
      }
      header_read = true;
      columns = header_columns(fields, where);
      if (columns) continue;
    }
    if (!decoded) {
      reject(fmt::format("bytes that are not valid {}", import::encoding_name(encoding)));
      continue;
    }
    std::string address;
    std::string reason_text;
    if (columns) {
      const auto field = [&](std::size_t at) {
        return at < fields.size() ? std::string(core::trim(fields[at])) : std::string();
      };
      address = field(columns->address);
      if (columns->reason) reason_text = core::to_lower_ascii(field(*columns->reason));
    } else {
      // A plain list: the whole line is the address (a comma makes it a bad one).
      std::string line;
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) line += ',';
        line += fields[i];
      }
      address = core::trim(line);
    }
    if (skipped(address)) continue;
    ++result.rows;
    if (!core::is_valid_address(address)) {
      reject(fmt::format("'{}' is not a mail address", address));
      continue;
    }
    const auto reason = reason_text.empty() ? std::optional(request.reason)
                                            : store::parse_suppression_reason(reason_text);
    if (!reason) {
      reject(fmt::format("reason: expected {}, not '{}'", store::suppression_reason_list(),
                         reason_text));
      continue;
    }
    entries.push_back({std::move(address), *reason, "", source});
  }
  for (const store::SuppressResult done : store::suppress_all(workspace.db, entries, request.now)) {
    ++(done == store::SuppressResult::added     ? result.added
       : done == store::SuppressResult::updated ? result.updated
                                                : result.unchanged);
  }
  return result;
}

}  // namespace tsuikyaku::app
