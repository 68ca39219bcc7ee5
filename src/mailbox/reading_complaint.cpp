#include <string>

#include "reading_parts.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/mailbox/reason.hpp"

// Complaints: ARF (RFC 5965), Hotmail's junk mail reports, and Amazon SES's notifications
// (which are bounces too).

namespace tsuikyaku::mailbox {
namespace {

// An SES notification (JSON in the body): the addresses and codes of bouncedRecipients.
std::optional<Reading> read_ses(const std::string& body) {
  const std::size_t type = body.find("\"notificationType\"");
  if (type == std::string::npos) return std::nullopt;
  const auto value_after = [&](std::string_view key, std::size_t from) -> std::string {
    const std::size_t at = body.find(key, from);
    if (at == std::string::npos) return {};
    const std::size_t open = body.find('"', body.find(':', at + key.size()) + 1);
    if (open == std::string::npos) return {};
    const std::size_t close = body.find('"', open + 1);
    return close == std::string::npos ? std::string() : body.substr(open + 1, close - open - 1);
  };
  const std::string kind = value_after("\"notificationType\"", type);
  Reading reading;
  if (kind == "Complaint") {
    reading.kind = Kind::complaint;
    return reading;
  }
  if (kind != "Bounce") return reading;  // a delivery notice: other
  reading.kind = Kind::bounce;
  std::size_t at = body.find("\"bouncedRecipients\"");
  while (at != std::string::npos) {
    at = body.find("\"emailAddress\"", at);
    if (at == std::string::npos) break;
    const std::string address = value_after("\"emailAddress\"", at);
    const std::size_t end = body.find('}', at);
    const std::string block = body.substr(at, end == std::string::npos ? end : end - at);
    std::string diagnostic = value_after("\"diagnosticCode\"", 0);
    if (block.find("\"diagnosticCode\"") != std::string::npos) {
      diagnostic = value_after("\"diagnosticCode\"", at);
    }
    const std::string status = find_status_code(value_after("\"status\"", at));
    reading.recipients.push_back(judged(address, diagnostic, status, ""));
    at = end;
  }
  return reading;
}

// ARF (RFC 5965): the report's Original-Rcpt-To, else the returned message's To.
Reading read_feedback_report(const Seen& seen, const Part* report) {
  Reading reading;
  reading.kind = Kind::complaint;
  std::string address;
  if (report != nullptr) {
    const Headers fields = parse_headers(report->body()).headers;
    address = angle_addr(fields.get("Original-Rcpt-To").value_or(""));
  }
  if (address.empty()) {
    for (const Part* part : seen.parts) {
      if (const Part* inner = part->embedded()) {
        address = angle_addr(inner->headers.get("To").value_or(""));
        break;
      }
    }
  }
  if (!address.empty()) reading.recipients.push_back({address, "", "", "feedback", false});
  return reading;
}

}  // namespace

std::optional<Reading> read_complaint(const Seen& seen) {
  const Part* report = first_of(seen.parts, "message", "feedback-report");
  if (report != nullptr ||
      core::iequals_ascii(seen.message.root.content_type.param("report-type"), "feedback-report")) {
    return read_feedback_report(seen, report);
  }
  // Hotmail's junk mail reports (JMRP): the complained-of message, marked.
  for (const Part* part : seen.parts) {
    const Part* inner = part->embedded();
    if (inner == nullptr) continue;
    if (const auto marked = inner->headers.get("X-HmXmrOriginalRecipient")) {
      Reading reading;
      reading.kind = Kind::complaint;
      reading.recipients.push_back({angle_addr(*marked), "", "", "feedback", false});
      return reading;
    }
  }
  const bool whole_text = seen.parts.front()->children.empty();
  if (whole_text && contains(seen.full_notice, "\"notificationtype\"")) {
    return read_ses(seen.full_notice);
  }
  return std::nullopt;
}

}  // namespace tsuikyaku::mailbox
