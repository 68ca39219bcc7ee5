#include "yaml_slips.hpp"

#include <fmt/format.h>

#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::config::yaml {
namespace {

constexpr std::string_view k_full_width_colon = "\xEF\xBC\x9A";  // U+FF1A
constexpr std::string_view k_full_width_space = "\xE3\x80\x80";  // U+3000

int column_of(std::string_view line, std::size_t byte) {
  return static_cast<int>(core::utf8_length(line.substr(0, byte))) + 1;
}

bool key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

std::optional<Slip> slip_in_line(std::string_view line, int number) {
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ') {
      ++i;
    } else if (line[i] == '\t') {
      return Slip{number, column_of(line, i), "a tab in the indentation; YAML indents with spaces"};
    } else if (line.substr(i, 3) == k_full_width_space) {
      return Slip{number, column_of(line, i),
                  "a full-width space (全角スペース) in the indentation; indent with ASCII "
                  "spaces"};
    } else {
      break;
    }
  }
  if (line.substr(i, 2) == "- ") i += 2;
  const std::size_t key_start = i;
  while (i < line.size() && key_char(line[i])) ++i;
  if (i == key_start || line.substr(i, 3) != k_full_width_colon) return std::nullopt;
  const std::string_view key = line.substr(key_start, i - key_start);
  return Slip{number, column_of(line, i),
              fmt::format("a full-width colon (全角の「：」) after '{}'; YAML needs an ASCII "
                          "':' (type it with the IME off: {}: …)",
                          key, key)};
}

}  // namespace

std::optional<Slip> find_ime_slip(std::string_view text) {
  int number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find_first_of("\r\n");
    const std::string_view line = text.substr(0, end);
    if (end == std::string_view::npos) {
      text = {};
    } else {
      text.remove_prefix(text.compare(end, 2, "\r\n") == 0 ? end + 2 : end + 1);
    }
    ++number;
    const std::string_view content = core::trim(line);
    if (content.empty() || content.front() == '#') continue;
    if (auto slip = slip_in_line(line, number)) return slip;
  }
  return std::nullopt;
}

}  // namespace tsuikyaku::config::yaml
