#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/store/suppressions.hpp"

// `tsuikyaku suppress add|remove|list|import` (SPEC §9): the addresses that get no
// marketing (unsubscribed, complained, manual) or no mail at all (bounced).

namespace tsuikyaku::app {

// Adds or updates one address (source "cli"). Throws core::Error (usage) when it is not
// a mail address.
store::SuppressResult add_suppression(Workspace& workspace, std::string_view address,
                                      store::SuppressionReason reason, std::string_view note,
                                      core::Instant now);

// Removes one address; false when it was not on the list.
bool remove_suppression(Workspace& workspace, std::string_view address);

// The whole list, by address.
std::vector<store::Suppression> list_suppressions(Workspace& workspace);

struct SuppressImportRequest {
  std::string text;         // the file's content
  std::string source_name;  // the file as messages name it ("-" for standard input)
  store::SuppressionReason reason = store::SuppressionReason::manual;  // when a row has none
  core::Instant now;
};

struct SuppressReject {
  int line = 0;
  std::string reason;
};

struct SuppressImportResult {
  std::int64_t rows = 0;  // addresses read
  std::int64_t added = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
  std::vector<SuppressReject> rejects;
};

// Imports a list in one transaction: one address per line (blank lines and lines starting
// with '#' ignored), or a CSV whose header names an address column (email, e-mail,
// email address, address, mail, メールアドレス) and optionally a reason column (unsubscribed,
// bounced, complained, manual; empty: the request's reason), in any letter case. `suppress list
// --format csv` writes such a file. A row that is not a valid address or names another
// reason is rejected with its line; every good row is imported. A plain list is read line
// by line; a CSV with the import's reader (quoted line breaks); either in UTF-8 or, when
// it is not valid UTF-8, CP932.
SuppressImportResult import_suppressions(Workspace& workspace,
                                         const SuppressImportRequest& request);

}  // namespace tsuikyaku::app
