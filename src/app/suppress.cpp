#include "tsuikyaku/app/suppress.hpp"

#include <fmt/format.h>

#include <optional>

#include "tsuikyaku/core/email.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/import/suppression_list.hpp"

namespace tsuikyaku::app {
namespace {

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
  const std::vector<ingest::SuppressionRow> rows =
      ingest::read_suppression_list(request.text, request.source_name);
  SuppressImportResult result;
  std::vector<store::SuppressionEntry> entries;
  const std::string source = "import:" + request.source_name;
  for (const ingest::SuppressionRow& row : rows) {
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
                                           : campaign::parse_suppression(row.reason);
    if (!reason) {
      reject(
          fmt::format("reason: expected {}, not '{}'", campaign::suppression_list(), row.reason));
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
