#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/mailbox/message.hpp"

// The per-message return path (VERP, docs/mailbox.md "Matching a bounce to what was
// sent"): with `send.return_path: bounces@shop.example` the envelope sender of ledger row
// 42 is bounces+42-CHECK@shop.example, where CHECK is taken from the message's Message-ID
// (which holds 32 random bits): a bounce that names the address leads back to the row,
// and an address nobody has seen cannot be made up.

namespace tsuikyaku::mailbox {

// Eight lower-case hex digits from a Message-ID (without angle brackets).
std::string return_path_check(std::string_view message_id);

// bounces+ID-CHECK@domain for return_path bounces@domain.
std::string return_path_for(std::string_view return_path, std::int64_t ledger_id,
                            std::string_view message_id);

struct ReturnPathToken {
  std::int64_t ledger_id = 0;
  std::string check;
};

// The token of an address made by return_path_for with this return path (the local part
// and domain compared without regard to case), or nullopt.
std::optional<ReturnPathToken> parse_return_path(std::string_view return_path,
                                                 std::string_view address);

// The tokens of return_path that a message that came back carries, in order, without
// repeats: in the fields that name the address it was sent to (To, Delivered-To,
// X-Original-To, Envelope-To, X-Envelope-To) and in the Return-Path of a returned message
// or header block.
std::vector<ReturnPathToken> return_path_tokens(const Message& message,
                                                std::string_view return_path);

}  // namespace tsuikyaku::mailbox
