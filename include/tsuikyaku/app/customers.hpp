#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/segment/rules.hpp"
#include "tsuikyaku/store/customer_history.hpp"
#include "tsuikyaku/store/suppressions.hpp"

// `tsuikyaku customers show KEY` (SPEC §9): one customer's fields, orders, segment and
// RFM, suppression, and every message of the ledger.

namespace tsuikyaku::app {

struct CustomerShowRequest {
  std::string key;                            // a customer key, or an e-mail address
  std::optional<core::ParsedDateTime> as_of;  // --as-of; else now
  core::Instant now;
};

struct CustomerShow {
  core::Instant as_of;
  store::CustomerRecord customer;
  std::optional<store::Suppression> suppression;  // of the customer's address
  std::vector<store::CustomerOrder> orders;       // oldest first
  std::optional<std::string> segment;  // nullopt: no qualifying order by as_of (SPEC §5)
  std::optional<segment::Rfm> rfm;
  std::vector<store::CustomerMessage> messages;  // in the order they fell due
};

// Finds the customer as identity does (SPEC §3): the key as given, an e-mail key in any
// letter case, else the one customer with that e-mail address. Throws core::Error (usage)
// when there is none, or when several customers share the address (naming their keys).
CustomerShow show_customer(Workspace& workspace, const CustomerShowRequest& request);

}  // namespace tsuikyaku::app
