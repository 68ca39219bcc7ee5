#include "tsuikyaku/core/text_cursor.hpp"

#include <cctype>

namespace tsuikyaku::core {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

}  // namespace

bool TextCursor::take(char c) {
  if (done() || peek() != c) return false;
  ++m_pos;
  return true;
}

void TextCursor::skip_spaces() {
  while (!done() && std::isspace(static_cast<unsigned char>(peek()))) ++m_pos;
}

void TextCursor::skip_digits() {
  while (!done() && is_digit(peek())) ++m_pos;
}

std::optional<int> TextCursor::digits(std::size_t min, std::size_t max) {
  std::size_t n = 0;
  int value = 0;
  while (n < max && m_pos + n < m_text.size() && is_digit(m_text[m_pos + n])) {
    value = value * 10 + (m_text[m_pos + n] - '0');
    ++n;
  }
  if (n < min) return std::nullopt;
  m_pos += n;
  return value;
}

std::optional<Seconds> TextCursor::utc_offset() {
  const std::size_t start = m_pos;
  const auto fail = [&]() -> std::optional<Seconds> {
    m_pos = start;
    return std::nullopt;
  };
  if (take('Z') || take('z')) return Seconds{0};
  int sign = 0;
  if (take('+')) {
    sign = 1;
  } else if (take('-')) {
    sign = -1;
  } else {
    return fail();
  }
  const auto hours = digits(2, 2);
  if (!hours || *hours > 14) return fail();
  int minutes = 0;
  const bool colon = take(':');
  if (colon || is_digit(peek())) {
    const auto mm = digits(2, 2);
    if (!mm || *mm > 59) return fail();
    minutes = *mm;
  }
  return Seconds{sign * (*hours * 3600 + minutes * 60)};
}

}  // namespace tsuikyaku::core
