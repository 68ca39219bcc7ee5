#pragma once

#include <string>
#include <string_view>
#include <vector>

// The machine-readable part of a delivery status notification (RFC 3464,
// message/delivery-status; RFC 6533's message/global-delivery-status): one field group per
// recipient after the per-message group. Pure logic.

namespace tsuikyaku::mailbox {

struct DsnRecipient {
  std::string address;     // Final-Recipient (else Original-Recipient), the addr-type dropped
  std::string action;      // lower-cased: failed, delayed, delivered, relayed, expanded
  std::string status;      // "5.1.1"
  std::string diagnostic;  // Diagnostic-Code with its type dropped ("550 5.1.1 ... unknown")
};

// The recipients of a delivery-status body (its transfer encoding already undone).
// Groups without a recipient address are skipped.
std::vector<DsnRecipient> parse_delivery_status(std::string_view body);

// "rfc822; a@b" -> "a@b" (the type before ";" dropped, angle brackets removed).
std::string typed_address(std::string_view value);

}  // namespace tsuikyaku::mailbox
