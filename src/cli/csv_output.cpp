#include "csv_output.hpp"

#include <algorithm>
#include <array>

namespace tsuikyaku::cli::csv {
namespace {

bool starts_like_formula(std::string_view value) {
  if (value.empty()) return false;
  constexpr std::string_view k_ascii = "=+-@\t\r";
  if (k_ascii.find(value.front()) != std::string_view::npos) return true;
  // The full-width forms, which Japanese spreadsheets may read as the ASCII ones.
  constexpr std::array<std::string_view, 4> k_wide{"\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"};
  return value.front() == k_wide[0].front() &&
         std::any_of(k_wide.begin(), k_wide.end(),
                     [&](std::string_view wide) { return value.starts_with(wide); });
}

void append_quoted(std::string& out, std::string_view prefix, std::string_view value) {
  const bool plain = std::none_of(value.begin(), value.end(), [](char c) {
    return c == ',' || c == '"' || c == '\r' || c == '\n';
  });
  if (plain) {
    out += prefix;
    out += value;
    return;
  }
  out += '"';
  out += prefix;
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

void append_field(std::string& out, std::string_view value) { append_quoted(out, "", value); }

void append_text(std::string& out, std::string_view value) {
  append_quoted(out, starts_like_formula(value) ? "'" : "", value);
}

}  // namespace tsuikyaku::cli::csv
