#include "tsuikyaku/render/mime.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::render {
namespace {

constexpr std::size_t k_line = 76;  // RFC 2045/2047 line length, well within RFC 5322's 998
constexpr std::string_view k_base64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

std::string base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t group = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size())
      group |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 2]);
    out += k_base64[(group >> 18) & 63u];
    out += k_base64[(group >> 12) & 63u];
    out += i + 1 < bytes.size() ? k_base64[(group >> 6) & 63u] : '=';
    out += i + 2 < bytes.size() ? k_base64[group & 63u] : '=';
  }
  return out;
}

bool is_atext(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool is_printable_ascii(std::string_view text) {
  for (const char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

// Joins words with single spaces into lines of at most k_line octets, the first line
// starting after `used` octets; a word longer than a line stays whole.
std::string fold(const std::vector<std::string>& words, std::size_t used) {
  std::string out;
  std::size_t column = used;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      if (column + 1 + words[i].size() > k_line) {
        out += "\r\n";
        column = 0;
      }
      out += ' ';
      ++column;
    }
    out += words[i];
    column += words[i].size();
  }
  return out;
}

// RFC 2047 encoded words for text: whole code points, each word at most 75 characters and
// the first one short enough to share a line with the `used` octets before it.
std::vector<std::string> encoded_words(std::string_view text, std::size_t used) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t room = (words.empty() ? k_line - used - 1 : k_line - 1) - 12;  // =?UTF-8?B??=
    const std::size_t max_bytes = room / 4 * 3;
    std::size_t end = i;
    while (end < text.size()) {
      const std::size_t len = std::max<std::size_t>(1, core::utf8_sequence_length(text, end));
      if (end + len - i > max_bytes) break;
      end += len;
    }
    if (end == i) end = i + std::max<std::size_t>(1, core::utf8_sequence_length(text, i));
    words.push_back("=?UTF-8?B?" + base64(text.substr(i, end - i)) + "?=");
    i = end;
  }
  return words;
}

std::vector<std::string> ascii_words(std::string_view text) {
  std::vector<std::string> words;
  for (const auto word : core::split(text, ' ')) {
    if (!word.empty()) words.emplace_back(word);
  }
  return words;
}

// Whether ASCII text can go as it is: folded at spaces, no line over the limit, and
// nothing a decoder would take for an encoded word.
bool fits_plain(std::string_view text, std::size_t used) {
  if (!is_printable_ascii(text) || text.find("=?") != std::string_view::npos) return false;
  if (text.find("  ") != std::string_view::npos || core::trim(text) != text) return false;
  std::size_t first = used;
  for (const auto& word : ascii_words(text)) {
    if (first + word.size() > k_line) return false;
    first = 1;
  }
  return true;
}

}  // namespace

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t len = core::utf8_sequence_length(text, i);
    if (len == 0) {
      out += k_replacement;
      ++i;
      continue;
    }
    const std::string_view sequence = text.substr(i, len);
    out += core::has_control_chars(sequence) || sequence == "\t" ? std::string_view(" ") : sequence;
    i += len;
  }
  return out;
}

std::string unstructured_header(std::string_view name, std::string_view value) {
  const std::string text = one_line(value);
  const std::size_t used = name.size() + 2;
  const auto words = fits_plain(text, used) ? ascii_words(text) : encoded_words(text, used);
  return fmt::format("{}: {}\r\n", name, fold(words, used));
}

std::string address_header(std::string_view name, const core::Mailbox& mailbox) {
  if (!core::is_valid_address(mailbox.address)) {
    throw core::Error(core::ErrorKind::data, fmt::format("not a valid mail address for {}: '{}'",
                                                         name, one_line(mailbox.address)));
  }
  const std::string display = std::string(core::trim(one_line(mailbox.display_name)));
  const std::size_t used = name.size() + 2;
  std::vector<std::string> words;
  if (display.empty()) {
    // no phrase: the bare address
  } else if (fits_plain(display, used) && std::all_of(display.begin(), display.end(), [](char c) {
               return c == ' ' || is_atext(c);
             })) {
    words = ascii_words(display);
  } else if (fits_plain(display, used + 2) && display.size() + used + 2 <= k_line) {
    std::string quoted = "\"";
    for (const char c : display) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    words.push_back(quoted + "\"");
  } else {
    words = encoded_words(display, used);
  }
  words.push_back("<" + mailbox.address + ">");
  if (display.empty()) words.back() = mailbox.address;
  return fmt::format("{}: {}\r\n", name, fold(words, used));
}

std::string_view english_month(int month) {
  static constexpr std::array<std::string_view, 12> k_months{
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return k_months[static_cast<std::size_t>(month - 1)];
}

std::string rfc5322_date(core::Instant at, const core::TimeZone& zone) {
  static constexpr std::array<std::string_view, 7> k_days{"Sun", "Mon", "Tue", "Wed",
                                                          "Thu", "Fri", "Sat"};
  const core::CivilFields f = core::civil(zone.to_local(at));
  const auto offset = zone.offset_at(at).count();
  const auto minutes = (offset < 0 ? -offset : offset) / 60;
  return fmt::format("{}, {} {} {} {:02}:{:02}:{:02} {}{:02}{:02}",
                     k_days[static_cast<std::size_t>(f.weekday)], f.day, english_month(f.month),
                     f.year, f.hour, f.minute, f.second, offset < 0 ? '-' : '+', minutes / 60,
                     minutes % 60);
}

std::string message_id(std::string_view token, const core::Mailbox& from) {
  const bool ok =
      !token.empty() && token.front() != '.' && token.back() != '.' &&
      token.find("..") == std::string_view::npos &&
      std::all_of(token.begin(), token.end(), [](char c) { return c == '.' || is_atext(c); });
  if (!ok || !core::is_valid_address(from.address)) {
    throw core::Error(core::ErrorKind::internal,
                      fmt::format("cannot make a Message-ID from '{}'", one_line(token)));
  }
  return fmt::format("<{}@{}>", token, from.address.substr(from.address.rfind('@') + 1));
}

std::string quoted_printable(std::string_view text) {
  constexpr std::string_view k_hex_digits = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  std::string line;
  const auto flush_soft = [&] {
    out += line;
    out += "=\r\n";
    line.clear();
  };
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    if (text[i] == '\n') {
      out += line;
      out += "\r\n";
      line.clear();
      ++i;
      continue;
    }
    // A code point's octets stay on one line; white space before a line end is encoded.
    const std::size_t len = std::max<std::size_t>(1, core::utf8_sequence_length(text, i));
    const std::string_view unit = text.substr(i, std::min(len, text.size() - i));
    const bool at_end = i + unit.size() >= text.size() || text[i + unit.size()] == '\n' ||
                        text[i + unit.size()] == '\r';
    // A line starting with "." or "From " is read wrongly by some transports and mbox files.
    const bool guard = line.empty() && (unit == "." || text.substr(i, 5) == "From ");
    // Built in place: this loop runs for every octet of every message sent, and a string
    // and a format per octet made it the costliest step of a send (docs/benchmarks.md).
    std::array<char, 12> piece{};  // a code point's octets (at most 4), "=XX" each
    std::size_t size = 0;
    for (const char c : unit) {
      const auto byte = static_cast<unsigned char>(c);
      const bool plain =
          (byte >= 33 && byte <= 126 && byte != '=') || ((byte == ' ' || byte == '\t') && !at_end);
      if (plain && !(guard && size == 0)) {
        piece[size++] = c;
      } else {
        piece[size++] = '=';
        piece[size++] = k_hex_digits[byte >> 4];
        piece[size++] = k_hex_digits[byte & 0x0F];
      }
    }
    if (line.size() + size > k_line - 1) flush_soft();
    line.append(piece.data(), size);
    i += unit.size();
  }
  out += line;
  if (!line.empty()) out += "\r\n";
  return out;
}

std::string base64_lines(std::string_view bytes) {
  const std::string encoded = base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += k_line) {
    out += encoded.substr(i, k_line);
    out += "\r\n";
  }
  return out;
}

TransferEncoding choose_encoding(std::string_view text) {
  std::size_t high = 0;
  for (const char c : text) high += static_cast<unsigned char>(c) >= 0x80 ? 1u : 0u;
  // QP spends three octets on each high one, base64 four on every three.
  return high * 100 < text.size() * 15 ? TransferEncoding::quoted_printable
                                       : TransferEncoding::base64;
}

}  // namespace tsuikyaku::render
