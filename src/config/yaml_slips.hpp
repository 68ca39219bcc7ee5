#pragma once

// What a Japanese IME leaves in YAML typed with it on: a full-width colon after a key, a
// full-width space or a tab in the indentation. yaml-cpp reports these as a syntax error
// somewhere else, or not at all (`currency：JPY` is then a plain scalar that runs on from
// the line above), so the text is checked before it is parsed. Private to the config module.

#include <optional>
#include <string>
#include <string_view>

namespace tsuikyaku::config::yaml {

struct Slip {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in characters as an editor counts them
  std::string message;
};

// The first slip in text outside comments; nullopt when there is none (the tool's YAML
// files have no block scalars, whose lines may begin with any character). A full-width colon inside
// a value (`subject: ご注文：ありがとう`) is text, not a slip: only one right after a plain ASCII
// key at the start of a line is.
std::optional<Slip> find_ime_slip(std::string_view text);

}  // namespace tsuikyaku::config::yaml
