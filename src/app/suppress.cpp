#include "tsuikyaku/app/suppress.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

#include "tsuikyaku/core/email.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::app {
namespace {

constexpr std::array<std::string_view, 5> k_address_headers{"email", "e-mail", "email address",
                                                            "address", "mail"};

// One CSV record on one line (RFC 4180 quoting, no line breaks inside fields: addresses
// and reasons hold none).
std::vector<std::string> split_csv_line(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

struct Columns {
  std::size_t address = 0;
  std::optional<std::size_t> reason;
};

// The columns of a CSV header, or nullopt when the first line is an address (a plain
// list). A first line that is neither is a data error.
std::optional<Columns> header_columns(std::string_view line, const core::SourceLocation& where) {
  if (core::is_valid_address(core::trim(line))) return std::nullopt;
  const std::vector<std::string> names = split_csv_line(line);
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
                                    "email, e-mail, email address, address or mail"));
  }
  return Columns{*address, reason};
}

bool skipped(std::string_view line) {
  line = core::trim(line);
  return line.empty() || line.front() == '#';
}

std::string_view strip_line_end(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// The rows of the text; the first line loses a UTF-8 byte order mark.
std::vector<std::string_view> text_lines(std::string_view text) {
  if (core::starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::string_view> lines = core::split(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  for (auto& line : lines) line = strip_line_end(line);
  return lines;
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
  const std::vector<std::string_view> lines = text_lines(request.text);
  // The header, if any, is the first line that is not blank or a comment.
  std::size_t first = 0;
  while (first < lines.size() && skipped(lines[first])) ++first;
  const std::optional<Columns> columns =
      first < lines.size()
          ? header_columns(lines[first], {request.source_name, static_cast<int>(first) + 1, 0})
          : std::nullopt;
  SuppressImportResult result;
  std::vector<store::SuppressionEntry> entries;
  const std::string source = "import:" + request.source_name;
  for (std::size_t i = columns ? first + 1 : first; i < lines.size(); ++i) {
    const int line = static_cast<int>(i) + 1;
    std::string address(core::trim(lines[i]));
    std::string reason_text;
    if (columns) {
      const std::vector<std::string> fields = split_csv_line(lines[i]);
      const auto field = [&fields](std::size_t at) {
        return at < fields.size() ? std::string(core::trim(fields[at])) : std::string();
      };
      address = field(columns->address);
      if (columns->reason) reason_text = core::to_lower_ascii(field(*columns->reason));
    }
    if (skipped(address)) continue;
    ++result.rows;
    if (!core::is_valid_address(address)) {
      result.rejects.push_back({line, fmt::format("'{}' is not a mail address", address)});
      continue;
    }
    const auto reason = reason_text.empty() ? std::optional(request.reason)
                                            : store::parse_suppression_reason(reason_text);
    if (!reason) {
      result.rejects.push_back({line, fmt::format("reason: expected {}, not '{}'",
                                                  store::suppression_reason_list(), reason_text)});
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
