#include "tsuikyaku/mailbox/delivery_status.hpp"

#include "lines.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/mailbox/header.hpp"
#include "tsuikyaku/mailbox/reason.hpp"

namespace tsuikyaku::mailbox {
namespace {

std::string after_type(std::string_view value) {
  const std::size_t semicolon = value.find(';');
  if (semicolon != std::string_view::npos) value = value.substr(semicolon + 1);
  return std::string(core::trim(value));
}

// The blank lines in a DSN body separate groups; a group is a header block.
std::vector<Headers> field_groups(std::string_view body) {
  std::vector<Headers> groups;
  std::size_t pos = 0;
  while (pos < body.size() && groups.size() < k_max_fields) {
    while (pos < body.size()) {  // blank lines between groups
      const Line line = line_at(body, pos);
      if (!core::trim(line.text).empty()) break;
      pos = line.next;
    }
    if (pos >= body.size()) break;
    HeaderBlock block = parse_headers(body, pos);
    if (block.body_start == pos) {  // a line that is not a field: skip it
      pos = line_at(body, pos).next;
      continue;
    }
    pos = block.body_start;
    if (!block.headers.empty()) groups.push_back(std::move(block.headers));
  }
  return groups;
}

}  // namespace

std::string typed_address(std::string_view value) { return angle_addr(after_type(value)); }

std::vector<DsnRecipient> parse_delivery_status(std::string_view body) {
  std::vector<DsnRecipient> recipients;
  for (const Headers& group : field_groups(body)) {
    auto address = group.get("Final-Recipient");
    if (!address || typed_address(*address).empty()) address = group.get("Original-Recipient");
    if (!address) continue;
    DsnRecipient recipient;
    recipient.address = typed_address(*address);
    if (recipient.address.empty()) continue;
    recipient.action = core::to_lower_ascii(core::trim(group.get("Action").value_or("")));
    const std::size_t space = recipient.action.find_first_of(" (");
    if (space != std::string::npos) recipient.action.resize(space);
    recipient.status = find_status_code(group.get("Status").value_or(""));
    if (const auto diagnostic = group.get("Diagnostic-Code")) {
      recipient.diagnostic = after_type(*diagnostic);
    }
    recipients.push_back(std::move(recipient));
  }
  return recipients;
}

}  // namespace tsuikyaku::mailbox
