#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/mailbox/header.hpp"

// A whole mail message as a tree of MIME parts (RFC 2045, RFC 2046): multipart bodies
// split at their boundaries (nested to any depth up to the limit), message/rfc822 and
// message/global read as the message they hold. Pure logic: the bytes are given.
//
// Memory is bounded whatever the input: the parts hold views into the caller's bytes
// (which must outlive them), at most k_max_parts parts are kept and at most
// k_max_depth levels are opened; decoded text is made on demand and cut at
// k_max_text_bytes. Whatever lies beyond is left unread and `truncated` says so.

namespace tsuikyaku::mailbox {

inline constexpr std::size_t k_max_parts = 1000;
inline constexpr std::size_t k_max_depth = 16;
inline constexpr std::size_t k_max_text_bytes = 1024 * 1024;
// What the tree itself may decode (base64 message/rfc822 parts), all parts together.
inline constexpr std::size_t k_max_decoded_bytes = 8 * 1024 * 1024;

struct Part {
  Headers headers;
  ContentType content_type;
  std::string_view raw_body;   // as written: transfer-encoded, in the caller's bytes
  std::vector<Part> children;  // a multipart's parts, or the one message a message/* holds

  // The body with its transfer encoding undone, cut at limit.
  std::string body(std::size_t limit = k_max_text_bytes) const;
  // The body as UTF-8 text: transfer encoding undone, then the charset parameter read
  // (core::to_utf8 when it is absent or unknown), cut at limit bytes of input.
  std::string text(std::size_t limit = k_max_text_bytes) const;
  // The message a message/rfc822 (or message/global) part holds, or nullptr.
  const Part* embedded() const;
};

struct Message {
  Message() = default;
  Message(Message&&) = default;
  Message& operator=(Message&&) = default;
  Message(const Message&) = delete;  // the parts' views may point into `decoded`
  Message& operator=(const Message&) = delete;

  Part root;
  std::size_t parts = 0;            // parts read, root included
  bool truncated = false;           // a limit was reached: some parts were not read
  std::deque<std::string> decoded;  // encoded message/rfc822 bodies the parts view
};

Message parse_message(std::string_view bytes);

// Every part of the tree, depth first, the root first.
std::vector<const Part*> flatten(const Part& root);

// The types whose body is a header block (RFC 3464 and RFC 6522): message/delivery-status,
// message/global-delivery-status, message/feedback-report, text/rfc822-headers,
// message/global-headers.
bool holds_header_block(const ContentType& type);

}  // namespace tsuikyaku::mailbox
