#include <string>

#include "reading_parts.hpp"
#include "tsuikyaku/core/strings.hpp"

// What people (or their mail programs on their behalf) send: auto replies (RFC 3834),
// unsubscribe requests and replies.

namespace tsuikyaku::mailbox {
namespace {

bool auto_reply(const Headers& headers, std::string_view subject, std::string_view auto_submitted) {
  return auto_submitted.starts_with("auto-replied") || headers.get("X-Autoreply") ||
         headers.get("X-Autorespond") || headers.get("X-Vacation") ||
         contains(headers.get("Precedence").value_or(""), "auto_reply") ||
         contains_any(subject, {"out of office", "out of the office", "auto:", "automatic reply",
                                "autoreply", "auto-reply", "auto reply", "vacation", "自動応答",
                                "自動返信", "不在"});
}

// An unsubscribe request: the subject, or a body that says little else.
bool unsubscribe_request(std::string_view subject, std::string_view notice) {
  const std::string first_words = core::to_lower_ascii(core::trim(notice.substr(0, 200)));
  return contains_any(subject, {"unsubscribe", "配信停止", "配信解除", "登録解除", "購読解除"}) ||
         first_words.starts_with("unsubscribe") || first_words.starts_with("配信停止");
}

bool reply(const Headers& headers, std::string_view subject) {
  const std::string lower_subject = core::to_lower_ascii(core::trim(subject));
  return headers.get("In-Reply-To") || headers.get("References") ||
         lower_subject.starts_with("re:") || lower_subject.starts_with("re：") ||
         lower_subject.starts_with("aw:") || lower_subject.starts_with("sv:");
}

}  // namespace

Kind personal_kind(const Seen& seen, bool bounced) {
  const std::string auto_submitted =
      core::to_lower_ascii(core::trim(seen.headers.get("Auto-Submitted").value_or("no")));
  if (!bounced && auto_reply(seen.headers, seen.subject, auto_submitted)) return Kind::auto_reply;
  if (bounced || auto_submitted != "no") return Kind::other;  // unread
  if (unsubscribe_request(seen.subject, seen.notice)) return Kind::unsubscribe;
  if (reply(seen.headers, seen.subject)) return Kind::reply;
  return Kind::other;
}

}  // namespace tsuikyaku::mailbox
