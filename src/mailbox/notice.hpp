#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/mailbox/message.hpp"

// The free text of a bounce: where it ends, the addresses in it, what it says of each.

namespace tsuikyaku::mailbox {

// How much of a notice is read.
inline constexpr std::size_t k_max_notice_bytes = 64 * 1024;

// Where the copy of the returned message begins in a notice (its size when nowhere).
std::size_t copy_start(std::string_view text);

struct Mention {
  std::string address;  // as written
  std::size_t line_start = 0;
};
// The distinct addresses in text, in order of first appearance (with the start of the line
// they first appear on), skipping those after "MAIL FROM" and on a Message-ID line.
std::vector<Mention> addresses_in(std::string_view text);

// The text without HTML tags and with the common entities read, for HTML-only notices.
std::string strip_html(std::string_view html);

// The first Message-ID field in text that holds fields (a returned copy in a notice).
std::string message_id_in(std::string_view text);

// The first address of the returned message's To: an embedded message's, else a "To:"
// line of the copy after the notice.
std::string returned_to(const std::vector<const Part*>& parts, std::string_view copy);

// What the notice says about the i-th mentioned address: from the line it first appears on
// to the line where the next one first appears.
std::string_view wide_block(std::string_view notice, const std::vector<Mention>& mentions,
                            std::size_t i);

// The recipient's own line and its indented continuation when they carry a reply or
// status code; else the whole block.
std::string_view own_words(std::string_view block);

// The notice's block about address (for a delivery status report's recipient), or "".
std::string_view block_about(std::string_view notice, const std::vector<Mention>& mentions,
                             std::string_view address);

}  // namespace tsuikyaku::mailbox
