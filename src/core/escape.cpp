#include "tsuikyaku/core/escape.hpp"

#include <fmt/format.h>

#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::core {
namespace {

// The bidirectional control whose UTF-8 sequence starts at text[i] (E2 80 AA..AE is
// U+202A..202E, E2 81 A6..A9 is U+2066..2069), or 0.
char32_t bidi_at(std::string_view text, std::size_t i) {
  if (i + 2 >= text.size() || static_cast<unsigned char>(text[i]) != 0xE2) return 0;
  const auto b1 = static_cast<unsigned char>(text[i + 1]);
  const auto b2 = static_cast<unsigned char>(text[i + 2]);
  if (b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) return static_cast<char32_t>(0x2000 + b2 - 0x80);
  if (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return static_cast<char32_t>(0x2040 + b2 - 0x80);
  return 0;
}

}  // namespace

std::string escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x20 || b == 0x7F) {
      out += fmt::format("\\x{:02x}", b);
      ++i;
      continue;
    }
    if (b < 0x80) {
      out += static_cast<char>(b);
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      out += fmt::format("\\x{:02x}", b);
      ++i;
      continue;
    }
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if (b == 0xC2 && next <= 0x9F) {  // C1 controls U+0080..U+009F
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(next));
    } else if (const char32_t bidi = bidi_at(text, i); bidi != 0) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(bidi));
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string escaped_lines(std::string_view text) {
  std::string out;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find('\n', start);
    out += escaped(text.substr(start, end - start));
    if (end == std::string_view::npos) return out;
    out += '\n';
    start = end + 1;
  }
}

char32_t bidi_control(std::string_view text) {
  for (std::size_t i = text.find('\xE2'); i != std::string_view::npos;
       i = text.find('\xE2', i + 1)) {
    if (const char32_t found = bidi_at(text, i); found != 0) return found;
  }
  return 0;
}

}  // namespace tsuikyaku::core
