#pragma once

#include <string>
#include <string_view>

#include "tsuikyaku/delivery/outcome.hpp"

// SMTP replies to outcomes (SPEC §8.2). Pure functions: the transports feed them the
// reply lines they read, the unit tests feed them text.

namespace tsuikyaku::delivery {

// A complete reply as read from the server, one or more "NNN-text" lines ending with
// "NNN text", CRLF or LF. Code 0 when the text is not a reply.
Reply parse_reply(std::string_view lines);

// The outcome of a reply to MAIL FROM, RCPT TO, DATA or the end of the data:
// 2xx sent; 4xx deferred; 5xx failed, with dead_address for 5.1.1–5.1.3. Any other
// code (none, 1xx, 3xx where a final reply was due) is failed as a protocol error.
Outcome classify_reply(const Reply& reply);

// The outcome of a refused AUTH: a 4xx (454 4.7.0, a temporary problem) is deferred
// like any 4xx; anything else is login_refused (535 5.7.8 and other 5.x.x).
Outcome classify_auth_refusal(const Reply& reply);

// 5.1.1 (bad mailbox), 5.1.2 (bad domain), 5.1.3 (bad address syntax).
bool is_dead_address(std::string_view enhanced_code);

// The server's queue id in a 250 reply to the data: the word after "queued as"
// (Postfix, Exim, Sendmail say so), else the reply text when it is more than "OK"
// (SES "Ok 0100…", Gmail "OK 1700000000 x12… - gsmtp" carry their id that way).
// Empty when there is nothing to keep. At most 200 bytes.
std::string queue_id(const Reply& reply);

}  // namespace tsuikyaku::delivery
