#include <algorithm>
#include <string>

#include "notice.hpp"
#include "reading_parts.hpp"
#include "tsuikyaku/core/strings.hpp"

// Bounces written for people (qmail, Exim, old Sendmail, Gmail, the Japanese carriers):
// the addresses named in the notice are the failed recipients.

namespace tsuikyaku::mailbox {
namespace {

bool from_mail_system(const Headers& headers) {
  const std::string from = core::to_lower_ascii(headers.text("From"));
  return contains_any(
      from, {"mailer-daemon", "postmaster", "post_master", "mail delivery", "mail.delivery",
             "maildelivery", "mmdf", "mail administrator", "mailmaster", "mail-daemon",
             "mailer_daemon", "bounce", "noreply-dmarc"});
}

bool bounce_subject(std::string_view subject) {
  return contains_any(subject, {"undeliver",
                                "undelivered",
                                "returned mail",
                                "delivery status",
                                "delivery failure",
                                "delivery failed",
                                "failure notice",
                                "mail delivery failed",
                                "delivery notification",
                                "not delivered",
                                "could not be delivered",
                                "mail system error",
                                "nondeliverable",
                                "non-deliverable",
                                "delivery problem",
                                "returned to sender",
                                "delivery report",
                                "warning: could not send",
                                "unzustellbar",
                                "message delivery",
                                "failed delivery",
                                "mail failure",
                                "bounce",
                                "error sending",
                                "permanent error",
                                "rejected",
                                "delivery has failed",
                                "不達",
                                "配信エラー",
                                "エラー",
                                "届きません",
                                "delayed mail"});
}

// The addresses the notice names, without the bounce's own (To, From, …) and role
// addresses: never a failed recipient.
std::vector<Mention> failed_mentions(const Seen& seen) {
  std::vector<std::string> ours;
  for (const std::string_view name :
       {"To", "From", "Reply-To", "Return-Path", "Delivered-To", "Sender"}) {
    for (const std::string_view value : seen.headers.all(name)) ours.push_back(angle_addr(value));
  }
  std::vector<Mention> mentions;
  for (Mention& mention : addresses_in(seen.notice)) {
    bool skip = false;
    for (const std::string& own : ours) {
      if (core::iequals_ascii(own, mention.address) ||
          core::to_lower_ascii(own).find(core::to_lower_ascii(mention.address)) !=
              std::string::npos) {
        skip = true;
      }
    }
    const std::string lower = core::to_lower_ascii(mention.address);
    for (const std::string_view role : {"mailer-daemon@", "postmaster@", "root@", "abuse@"}) {
      if (lower.starts_with(role)) skip = true;
    }
    if (!skip) mentions.push_back(std::move(mention));
  }
  return mentions;
}

}  // namespace

bool looks_bounced(const Seen& seen) {
  const bool returns_message =
      !seen.copy.empty() || std::any_of(seen.parts.begin(), seen.parts.end(), [](const Part* part) {
        return part->embedded() != nullptr;
      });
  return from_mail_system(seen.headers) || bounce_subject(seen.subject) ||
         (returns_message &&
          contains_any(seen.notice,
                       {"could not be delivered", "was not delivered", "undeliverable",
                        "delivery has failed", "unable to deliver", "delivery failed"}));
}

std::optional<Reading> read_notice_bounce(const Seen& seen) {
  const std::string& notice = seen.notice;
  const std::vector<Mention> mentions = failed_mentions(seen);
  Reading reading;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const std::string_view wide = wide_block(notice, mentions, i);
    std::string_view diagnostic = own_words(wide);
    if (diagnostic == wide && mentions.size() == 1) diagnostic = notice;
    reading.recipients.push_back(judged(mentions[i].address, diagnostic, "", "", diagnostic));
  }
  if (written_by_filter(seen.headers)) {
    for (Recipient& recipient : reading.recipients) {
      if (recipient.hard)
        recipient = {recipient.address, recipient.status, recipient.reply, "filtered", false};
    }
  }
  // A notice that names nobody (Google Groups): the returned message's recipient.
  if (mentions.empty() && !notice.empty()) {
    const std::string to = returned_to(seen.parts, seen.copy);
    if (!to.empty()) reading.recipients.push_back(judged(to, notice, "", "", notice));
  }
  if (reading.recipients.empty()) return std::nullopt;
  reading.kind = Kind::bounce;
  return reading;
}

}  // namespace tsuikyaku::mailbox
