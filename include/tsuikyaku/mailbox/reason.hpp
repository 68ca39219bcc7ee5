#pragma once

#include <string>
#include <string_view>

// Why one recipient's delivery failed, and whether the address is dead (docs/mailbox.md).
// A hard failure is a dead address: no such user, no such domain, moved, a domain that
// accepts no mail. Everything else (mailbox full, policy, spam filtering, rate limits,
// expiries, blocks, what cannot be told) is soft, and a soft failure never suppresses by
// itself. Pure logic.

namespace tsuikyaku::mailbox {

struct Verdict {
  std::string reason;  // "userunknown", "mailboxfull", ... (the names sisimai uses)
  bool hard = false;
};

// The reason from a recipient's diagnostic text first; when the text says nothing known,
// from the enhanced status code (RFC 3463); else "undefined", soft. context is the rest of
// what the bounce says about that recipient (its part of the notice, the transcript).
// Words read as a dead address are believed only when nothing says otherwise: a surely
// soft code (4.x.x, 5.2.2, 5.7.x, ...), the words of a soft reason in the text or the
// context, or a failure after DATA (a filter) make it soft; and a "no such user" without a
// 5.1.x code is hard only when the failure was the answer to RCPT.
// reported: the recipient is listed as failed in a delivery status report, which names
// the recipient the failure was about; a bounce written for people must show RCPT.
Verdict judge_failure(std::string_view diagnostic, std::string_view status,
                      std::string_view context = {}, bool reported = false);

// The first enhanced status code in text ("5.1.1"; class 2, 4 or 5, not part of a dotted
// number such as an IP address), or "".
std::string find_status_code(std::string_view text);

// The SMTP reply code a server gave in text: the three digits before an enhanced code
// ("550 5.1.1"), else the first 4xx or 5xx standing alone before a space or hyphen, or "".
std::string find_reply_code(std::string_view text);

}  // namespace tsuikyaku::mailbox
