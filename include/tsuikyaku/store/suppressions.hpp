#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/campaign/suppression.hpp"
#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/store/database.hpp"

// The suppression list (SPEC §6, §9): addresses that get no marketing (unsubscribed,
// complained, manual) or no mail at all (bounced). Addresses are matched in
// core::address_match_key form (lower-cased whole), so "Hanako@" and "hanako@" are one.

namespace tsuikyaku::store {

// The planner's reasons (campaign/suppression.hpp), stored by their names.
using SuppressionReason = campaign::Suppression;

struct SuppressionEntry {
  std::string address;  // as given; stored in match-key form
  SuppressionReason reason = SuppressionReason::manual;
  std::string detail;  // the server's reply, a note; may be empty
  std::string source;  // send, cli, import:FILE
};

enum class SuppressResult { added, updated, unchanged };

// Adds an address or updates its entry. A bounce is never weakened: an address that
// bounced stays `bounced` whatever reason is given later (only removing it lifts that),
// since mail to it can only bounce again.
SuppressResult suppress(Database& db, const SuppressionEntry& entry, core::Instant now);

// Many entries in one transaction (an import), one result per entry.
std::vector<SuppressResult> suppress_all(Database& db, const std::vector<SuppressionEntry>& entries,
                                         core::Instant now);

// Removes an address; false when it was not on the list.
bool unsuppress(Database& db, std::string_view address);

struct Suppression {
  std::string address;  // lower-cased
  SuppressionReason reason = SuppressionReason::manual;
  std::string detail;
  std::string source;
  core::Instant created_at;
};

// The whole list, by address.
std::vector<Suppression> list_suppressions(Database& db);

// The entry of one address, or nullopt.
std::optional<Suppression> find_suppression(Database& db, std::string_view address);

}  // namespace tsuikyaku::store
