#include "tsuikyaku/mailbox/transfer.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::mailbox {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

constexpr std::array<signed char, 256> base64_table() {
  std::array<signed char, 256> table{};
  for (auto& entry : table) entry = -1;
  constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < alphabet.size(); ++i) {
    table[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
  }
  return table;
}

constexpr auto k_base64 = base64_table();

bool hex_pair(std::string_view text, std::size_t i) {
  return i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0;
}

char hex_byte(std::string_view text, std::size_t i) {
  return static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
}

}  // namespace

std::string decode_base64(std::string_view text, std::size_t limit) {
  std::string out;
  out.reserve(std::min(limit, text.size() / 4 * 3 + 3));
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    if (c == '=') break;
    const signed char value = k_base64[static_cast<unsigned char>(c)];
    if (value < 0) continue;
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    if (++count == 4) {
      if (out.size() + 3 > limit) break;
      out += static_cast<char>((bits >> 16) & 0xFF);
      out += static_cast<char>((bits >> 8) & 0xFF);
      out += static_cast<char>(bits & 0xFF);
      bits = 0;
      count = 0;
    }
  }
  if (count >= 2 && out.size() + 2 <= limit) {
    bits <<= 6 * (4 - count);
    out += static_cast<char>((bits >> 16) & 0xFF);
    if (count == 3) out += static_cast<char>((bits >> 8) & 0xFF);
  }
  return out;
}

std::string decode_quoted_printable(std::string_view text, std::size_t limit) {
  std::string out;
  out.reserve(std::min(limit, text.size()));
  for (std::size_t i = 0; i < text.size() && out.size() < limit; ++i) {
    const char c = text[i];
    if (c != '=') {
      out += c;
      continue;
    }
    if (hex_pair(text, i)) {
      out += hex_byte(text, i);
      i += 2;
      continue;
    }
    // A soft line break: "=" then optional white space, then the line end.
    std::size_t j = i + 1;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
    if (j == text.size()) break;
    if (text[j] == '\r' || text[j] == '\n') {
      if (text[j] == '\r' && j + 1 < text.size() && text[j + 1] == '\n') ++j;
      i = j;
      continue;
    }
    out += c;  // a lone "=" is kept as written
  }
  return out;
}

std::string decode_q(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_') {
      out += ' ';
    } else if (text[i] == '=' && hex_pair(text, i)) {
      out += hex_byte(text, i);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string decode_percent(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && hex_pair(text, i)) {
      out += hex_byte(text, i);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string decode_transfer(std::string_view body, std::string_view encoding, std::size_t limit) {
  const std::string name = core::to_lower_ascii(core::trim(encoding));
  if (name == "base64") return decode_base64(body, limit);
  if (name == "quoted-printable") return decode_quoted_printable(body, limit);
  return std::string(body.substr(0, std::min(limit, body.size())));
}

}  // namespace tsuikyaku::mailbox
