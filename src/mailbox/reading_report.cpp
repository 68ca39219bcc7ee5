#include <string>

#include "notice.hpp"
#include "reading_parts.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/mailbox/delivery_status.hpp"

// Delivery status notifications (RFC 3464): a recipient per failed or delayed entry.

namespace tsuikyaku::mailbox {
namespace {

// The report part: message/delivery-status (or its global form), or a multipart/report
// whose boundaries are missing, with its fields in the body itself.
const Part* report_part(const Seen& seen) {
  const Part* dsn = first_of(seen.parts, "message", "delivery-status");
  if (dsn == nullptr) dsn = first_of(seen.parts, "message", "global-delivery-status");
  const Part& root = seen.message.root;
  if (dsn == nullptr && root.content_type.is("multipart", "report") && root.children.empty() &&
      core::iequals_ascii(root.content_type.param("report-type"), "delivery-status")) {
    dsn = &root;
  }
  return dsn;
}

bool failed(const DsnRecipient& entry) {
  if (entry.action.empty()) return entry.status.starts_with("5") || entry.status.starts_with("4");
  return entry.action == "failed" || entry.action == "delayed" || entry.action == "expired";
}

}  // namespace

std::optional<Reading> read_report(const Seen& seen) {
  const Part* dsn = report_part(seen);
  if (dsn == nullptr) return std::nullopt;
  const std::string report = dsn->text();
  const std::vector<DsnRecipient> listed = parse_delivery_status(report);
  if (listed.empty()) return std::nullopt;
  const std::string& notice = seen.notice;
  const std::vector<Mention> mentioned = addresses_in(notice);
  // Amazon SES's inbound endpoint refuses every address its receipt rules do not take
  // with "5.1.1 Mailbox does not exist": a filter's answer, not a dead address.
  const std::string reporting =
      core::to_lower_ascii(parse_headers(report).headers.get("Reporting-MTA").value_or(""));
  const bool from_filter = written_by_filter(seen.headers);
  const bool receiving_rules = reporting.find("inbound-smtp.") != std::string::npos &&
                               reporting.find("amazonaws.com") != std::string::npos;
  Reading reading;
  for (const DsnRecipient& entry : listed) {
    if (!failed(entry)) continue;
    // A report about one recipient: all its notice says is about it.
    const std::string_view context = listed.size() == 1
                                         ? std::string_view(notice)
                                         : block_about(notice, mentioned, entry.address);
    // The diagnostic names the reason; without one, the notice says it.
    std::string_view diagnostic = entry.diagnostic;
    if (diagnostic.empty()) diagnostic = own_words(context);
    if (diagnostic.empty()) diagnostic = notice;
    Recipient recipient = judged(entry.address, diagnostic, entry.status, "", context, true);
    if ((receiving_rules || from_filter) && recipient.hard) {
      recipient.reason = "filtered";
      recipient.hard = false;
    }
    if (entry.action == "delayed" || entry.action == "expired") recipient.hard = false;
    reading.recipients.push_back(std::move(recipient));
  }
  reading.kind = reading.recipients.empty() ? Kind::other : Kind::bounce;
  return reading;
}

}  // namespace tsuikyaku::mailbox
