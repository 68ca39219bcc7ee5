#pragma once

// The one entry point of the message reader's fuzzer: bytes -> MIME tree -> reading, as
// `tsuikyaku inbox scan` runs them on a file's bytes. libFuzzer calls it (message_fuzz.cpp),
// and a unit test replays tests/data/mailbox/fuzz-corpus through it.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tsuikyaku/mailbox/message.hpp"
#include "tsuikyaku/mailbox/reading.hpp"

namespace tsuikyaku::fuzz {

inline void run_message_input(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const mailbox::Message message = mailbox::parse_message(bytes);
  const mailbox::Reading reading = mailbox::read_message(message);
  (void)mailbox::kind_name(reading.kind);
  (void)mailbox::notice_text(message);
}

}  // namespace tsuikyaku::fuzz
