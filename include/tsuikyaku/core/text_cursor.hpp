#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "tsuikyaku/core/time.hpp"

// A cursor over a short text, for the hand-written parsers of dates and times
// (core::parse_datetime, the import's strptime-style date formats).

namespace tsuikyaku::core {

class TextCursor {
 public:
  explicit TextCursor(std::string_view text) : m_text(text) {}

  bool done() const { return m_pos >= m_text.size(); }
  char peek() const { return done() ? '\0' : m_text[m_pos]; }
  std::string_view rest() const { return m_text.substr(m_pos); }
  void advance(std::size_t n) { m_pos += n; }

  // Takes c when it is next.
  bool take(char c);
  void skip_spaces();  // ASCII white space
  void skip_digits();
  // Between min and max ASCII digits as a number; nullopt (nothing taken) when fewer
  // than min are there.
  std::optional<int> digits(std::size_t min, std::size_t max);
  // A UTC offset: "Z", "+09:00", "+0900" or "+09" (hours up to 14); nullopt otherwise.
  std::optional<Seconds> utc_offset();

 private:
  std::string_view m_text;
  std::size_t m_pos = 0;
};

}  // namespace tsuikyaku::core
