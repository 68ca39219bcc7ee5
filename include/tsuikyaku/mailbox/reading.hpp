#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/mailbox/message.hpp"

// What a message that came back to the shop's mailbox is (docs/mailbox.md): a bounce, a
// complaint, an auto reply, an unsubscribe request, a customer's reply, or other. Pure
// logic over a parsed message.

namespace tsuikyaku::mailbox {

enum class Kind { bounce, complaint, auto_reply, unsubscribe, reply, other };

std::string_view kind_name(Kind kind);  // "bounce", ..., "auto-reply", ...

struct Recipient {
  std::string address;
  std::string status;  // enhanced status code, "" when none was given
  std::string reply;   // SMTP reply code, "" when none was given
  std::string reason;  // mailbox::judge_failure's name; "feedback" for a complaint
  bool hard = false;   // a dead address (only ever true in a bounce)
};

struct Reading {
  Kind kind = Kind::other;
  std::vector<Recipient> recipients;
  std::optional<std::string> original_message_id;  // without angle brackets
};

Reading read_message(const Message& message);

// The notice a bounce's mail system wrote for people: the first text part outside any
// returned message (HTML without its tags when there is no plain text), cut where the copy
// of the returned message begins. Exposed for tests.
std::string notice_text(const Message& message);

}  // namespace tsuikyaku::mailbox
