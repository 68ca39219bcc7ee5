#include "tsuikyaku/mailbox/reading.hpp"

#include <algorithm>

#include "notice.hpp"
#include "reading_parts.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/mailbox/reason.hpp"

// The kind of a message, decided in this order (docs/mailbox.md): a complaint (ARF or an
// SES complaint), a delivery status notification, a bounce written for people, an auto
// reply, an unsubscribe request, a reply; else other.

namespace tsuikyaku::mailbox {
namespace {

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

}  // namespace

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

bool written_by_filter(const Headers& headers) {
  return contains(headers.get("X-Mailer").value_or(""), "filter");
}

Recipient judged(std::string address, std::string_view diagnostic, std::string status,
                 std::string reply, std::string_view context, bool reported) {
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
  Seen seen{message, message.root.headers, own_parts(message.root), {}, {}, {}, {}};
  seen.subject = seen.headers.text("Subject");
  // The notice with the copy, for a Message-ID written in it.
  seen.full_notice = first_text(seen.parts, k_max_text_bytes);
  seen.notice =
      seen.full_notice.substr(0, std::min(copy_start(seen.full_notice), k_max_notice_bytes));
  seen.copy = seen.full_notice.substr(seen.notice.size());
  const std::optional<std::string> original = original_message_id(message, seen.parts, seen.copy);

  std::optional<Reading> reading = read_complaint(seen);
  if (!reading) reading = read_report(seen);
  const bool bounced = !reading && looks_bounced(seen);
  if (!reading && bounced) reading = read_notice_bounce(seen);
  if (!reading) reading = Reading{personal_kind(seen, bounced), {}, std::nullopt};
  reading->original_message_id = original;
  return *reading;
}

}  // namespace tsuikyaku::mailbox
