#include "tsuikyaku/mailbox/reading.hpp"

#include <algorithm>

#include "notice.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/mailbox/delivery_status.hpp"
#include "tsuikyaku/mailbox/reason.hpp"

// The kind of a message, decided in this order (docs/mailbox.md): a complaint (ARF or an
// SES complaint), a delivery status notification, a bounce written for people, an auto
// reply, an unsubscribe request, a reply; else other.

namespace tsuikyaku::mailbox {
namespace {

bool contains(std::string_view text, std::string_view lower_phrase) {
  return core::to_lower_ascii(text).find(lower_phrase) != std::string::npos;
}

bool contains_any(std::string_view text, std::initializer_list<std::string_view> phrases) {
  const std::string lower = core::to_lower_ascii(text);
  for (const std::string_view phrase : phrases) {
    if (lower.find(phrase) != std::string::npos) return true;
  }
  return false;
}

const Part* first_of(const std::vector<const Part*>& parts, std::string_view type,
                     std::string_view subtype) {
  for (const Part* part : parts) {
    if (part->content_type.is(type, subtype)) return part;
  }
  return nullptr;
}

// The parts outside any returned message (a message/* part's insides are the original).
std::vector<const Part*> own_parts(const Part& root) {
  std::vector<const Part*> parts;
  std::vector<const Part*> stack{&root};
  while (!stack.empty()) {
    const Part* part = stack.back();
    stack.pop_back();
    parts.push_back(part);
    if (part->embedded() != nullptr) continue;
    for (auto child = part->children.rbegin(); child != part->children.rend(); ++child) {
      stack.push_back(&*child);
    }
  }
  return parts;
}

// The Message-ID of what came back: an embedded message or header block, else a copy in
// the notice.
std::optional<std::string> original_message_id(const Message& message,
                                               const std::vector<const Part*>& parts,
                                               const std::string& notice_copy) {
  for (const Part* part : parts) {
    std::string id;
    if (const Part* inner = part->embedded()) {
      id = angle_addr(inner->headers.get("Message-ID").value_or(""));
    } else if (part->content_type.is("text", "rfc822-headers") ||
               part->content_type.is("message", "rfc822-headers") ||
               part->content_type.is("message", "global-headers")) {
      id = angle_addr(parse_headers(part->body()).headers.get("Message-ID").value_or(""));
    }
    if (!id.empty()) return id;
  }
  std::string id = message_id_in(notice_copy);
  const std::string own = angle_addr(message.root.headers.get("Message-ID").value_or(""));
  if (!id.empty() && id != own) return id;
  return std::nullopt;
}

bool from_mail_system(const Headers& headers) {
  const std::string from = core::to_lower_ascii(headers.text("From"));
  return contains_any(
      from, {"mailer-daemon", "postmaster", "post_master", "mail delivery", "mail.delivery",
             "maildelivery", "mmdf", "mail administrator", "mailmaster", "mail-daemon",
             "mailer_daemon", "bounce", "noreply-dmarc"});
}

// A bounce written by a content filter product (SurfControl E-mail Filter, m-FILTER):
// its "unknown user" is the filter's answer.
bool written_by_filter(const Headers& headers) {
  return contains(headers.get("X-Mailer").value_or(""), "filter");
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

// The first plain text part (or HTML without its tags) among parts, cut at limit.
std::string first_text(const std::vector<const Part*>& parts, std::size_t limit) {
  for (const Part* part : parts) {
    if (part->content_type.is("text", "plain") && part->children.empty()) {
      return part->text(limit);
    }
  }
  if (const Part* html = first_of(parts, "text", "html")) return strip_html(html->text(limit));
  return {};
}

Recipient judged(std::string address, std::string_view diagnostic, std::string status,
                 std::string reply, std::string_view context = {}, bool reported = false) {
  // "5.0.0" says only the class: a finer code in the diagnostic says more.
  const std::string written = find_status_code(diagnostic);
  if (status.empty() || (status.ends_with(".0.0") && written.starts_with(status.substr(0, 2)))) {
    if (!written.empty()) status = written;
  }
  if (reply.empty()) reply = find_reply_code(diagnostic);
  Verdict verdict = judge_failure(diagnostic, status, context, reported);
  return {std::move(address), std::move(status), std::move(reply), std::move(verdict.reason),
          verdict.hard};
}

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

}  // namespace

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::bounce:
      return "bounce";
    case Kind::complaint:
      return "complaint";
    case Kind::auto_reply:
      return "auto-reply";
    case Kind::unsubscribe:
      return "unsubscribe";
    case Kind::reply:
      return "reply";
    case Kind::other:
      return "other";
  }
  return "other";
}

std::string notice_text(const Message& message) {
  std::string text = first_text(own_parts(message.root), k_max_notice_bytes);
  text.resize(copy_start(text));
  return text;
}

Reading read_message(const Message& message) {
  const Headers& headers = message.root.headers;
  const std::vector<const Part*> parts = own_parts(message.root);
  const std::string subject = headers.text("Subject");

  const Part* whole_text = parts.front()->children.empty() ? parts.front() : nullptr;
  // The notice with the copy, for a Message-ID written in it.
  const std::string full_notice = first_text(parts, k_max_text_bytes);
  const std::string notice =
      full_notice.substr(0, std::min(copy_start(full_notice), k_max_notice_bytes));
  const std::string copy = full_notice.substr(notice.size());
  Reading reading;
  reading.original_message_id = original_message_id(message, parts, copy);

  // Complaints: ARF (RFC 5965), or an SES complaint notification.
  if (const Part* report = first_of(parts, "message", "feedback-report");
      report != nullptr ||
      core::iequals_ascii(message.root.content_type.param("report-type"), "feedback-report")) {
    reading.kind = Kind::complaint;
    std::string address;
    if (report != nullptr) {
      const Headers fields = parse_headers(report->body()).headers;
      address = angle_addr(fields.get("Original-Rcpt-To").value_or(""));
    }
    if (address.empty()) {
      for (const Part* part : parts) {
        if (const Part* inner = part->embedded()) {
          address = angle_addr(inner->headers.get("To").value_or(""));
          break;
        }
      }
    }
    if (!address.empty()) reading.recipients.push_back({address, "", "", "feedback", false});
    return reading;
  }
  // Hotmail's junk mail reports (JMRP): the complained-of message, marked.
  for (const Part* part : parts) {
    const Part* inner = part->embedded();
    if (inner == nullptr) continue;
    if (const auto marked = inner->headers.get("X-HmXmrOriginalRecipient")) {
      reading.kind = Kind::complaint;
      reading.recipients.push_back({angle_addr(*marked), "", "", "feedback", false});
      return reading;
    }
  }
  if (whole_text != nullptr && contains(full_notice, "\"notificationtype\"")) {
    if (auto ses = read_ses(full_notice)) {
      ses->original_message_id = reading.original_message_id;
      return *ses;
    }
  }

  // Delivery status notifications (RFC 3464).
  const Part* dsn = first_of(parts, "message", "delivery-status");
  if (dsn == nullptr) dsn = first_of(parts, "message", "global-delivery-status");
  // A report whose boundaries are missing: its fields are in the body itself.
  const Part& root = message.root;
  if (dsn == nullptr && root.content_type.is("multipart", "report") && root.children.empty() &&
      core::iequals_ascii(root.content_type.param("report-type"), "delivery-status")) {
    dsn = &root;
  }
  if (dsn != nullptr) {
    const std::string report = dsn->text();
    const std::vector<DsnRecipient> listed = parse_delivery_status(report);
    const std::vector<Mention> mentioned = addresses_in(notice);
    // Amazon SES's inbound endpoint refuses every address its receipt rules do not take
    // with "5.1.1 Mailbox does not exist": a filter's answer, not a dead address.
    const std::string reporting =
        core::to_lower_ascii(parse_headers(report).headers.get("Reporting-MTA").value_or(""));
    const bool from_filter = written_by_filter(headers);
    const bool receiving_rules = reporting.find("inbound-smtp.") != std::string::npos &&
                                 reporting.find("amazonaws.com") != std::string::npos;
    if (!listed.empty()) {
      for (const DsnRecipient& entry : listed) {
        if (entry.action != "failed" && entry.action != "delayed" && entry.action != "expired" &&
            !entry.action.empty()) {
          continue;
        }
        if (entry.action.empty() && !entry.status.starts_with("5") &&
            !entry.status.starts_with("4")) {
          continue;
        }
        // A report about one recipient: all its notice says is about it.
        const std::string_view context = listed.size() == 1
                                             ? std::string_view(notice)
                                             : block_about(notice, mentioned, entry.address);
        // The diagnostic names the reason; without one, the notice says it.
        std::string_view diagnostic = entry.diagnostic;
        if (diagnostic.empty()) diagnostic = own_words(context);
        if (diagnostic.empty()) diagnostic = notice;
        reading.recipients.push_back(
            judged(entry.address, diagnostic, entry.status, "", context, true));
        if ((receiving_rules || from_filter) && reading.recipients.back().hard) {
          reading.recipients.back().reason = "filtered";
          reading.recipients.back().hard = false;
        }
        if (entry.action == "delayed" || entry.action == "expired") {
          reading.recipients.back().hard = false;
        }
      }
      reading.kind = reading.recipients.empty() ? Kind::other : Kind::bounce;
      return reading;
    }
  }

  // A bounce written for people.
  const bool returns_message =
      !copy.empty() || std::any_of(parts.begin(), parts.end(),
                                   [](const Part* part) { return part->embedded() != nullptr; });
  const bool looks_bounced =
      from_mail_system(headers) || bounce_subject(subject) ||
      (returns_message &&
       contains_any(notice, {"could not be delivered", "was not delivered", "undeliverable",
                             "delivery has failed", "unable to deliver", "delivery failed"}));
  if (looks_bounced) {
    std::vector<std::string> ours;  // the bounce's own addresses: never a failed recipient
    for (const std::string_view name :
         {"To", "From", "Reply-To", "Return-Path", "Delivered-To", "Sender"}) {
      for (const std::string_view value : headers.all(name)) ours.push_back(angle_addr(value));
    }
    std::vector<Mention> mentions;
    for (Mention& mention : addresses_in(notice)) {
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
    for (std::size_t i = 0; i < mentions.size(); ++i) {
      const std::string_view wide = wide_block(notice, mentions, i);
      std::string_view diagnostic = own_words(wide);
      if (diagnostic == wide && mentions.size() == 1) diagnostic = notice;
      reading.recipients.push_back(judged(mentions[i].address, diagnostic, "", "", diagnostic));
    }
    if (written_by_filter(headers)) {
      for (Recipient& recipient : reading.recipients) {
        if (recipient.hard)
          recipient = {recipient.address, recipient.status, recipient.reply, "filtered", false};
      }
    }
    // A notice that names nobody (Google Groups): the returned message's recipient.
    if (mentions.empty() && !notice.empty()) {
      const std::string to = returned_to(parts, copy);
      if (!to.empty()) reading.recipients.push_back(judged(to, notice, "", "", notice));
    }
    if (!reading.recipients.empty()) {
      reading.kind = Kind::bounce;
      return reading;
    }
  }

  // Auto replies (RFC 3834), vacation notices.
  const std::string auto_submitted =
      core::to_lower_ascii(core::trim(headers.get("Auto-Submitted").value_or("no")));
  if (!looks_bounced &&
      (auto_submitted.starts_with("auto-replied") || headers.get("X-Autoreply") ||
       headers.get("X-Autorespond") || headers.get("X-Vacation") ||
       contains(headers.get("Precedence").value_or(""), "auto_reply") ||
       contains_any(subject,
                    {"out of office", "out of the office", "auto:", "automatic reply", "autoreply",
                     "auto-reply", "auto reply", "vacation", "自動応答", "自動返信", "不在"}))) {
    reading.kind = Kind::auto_reply;
    return reading;
  }
  if (looks_bounced || auto_submitted != "no") return reading;  // unread: other

  // An unsubscribe request: the subject, or a body that says little else.
  const std::string first_words = core::to_lower_ascii(core::trim(notice.substr(0, 200)));
  if (contains_any(subject, {"unsubscribe", "配信停止", "配信解除", "登録解除", "購読解除"}) ||
      first_words.starts_with("unsubscribe") || first_words.starts_with("配信停止")) {
    reading.kind = Kind::unsubscribe;
    return reading;
  }
  const std::string lower_subject = core::to_lower_ascii(core::trim(subject));
  if (headers.get("In-Reply-To") || headers.get("References") || lower_subject.starts_with("re:") ||
      lower_subject.starts_with("re：") || lower_subject.starts_with("aw:") ||
      lower_subject.starts_with("sv:")) {
    reading.kind = Kind::reply;
  }
  return reading;
}

}  // namespace tsuikyaku::mailbox
