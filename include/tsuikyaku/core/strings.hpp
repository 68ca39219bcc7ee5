#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

// Small string and UTF-8 helpers shared by every module.

namespace tsuikyaku::core {

std::string_view trim(std::string_view text);  // ASCII white space at both ends
std::string to_lower_ascii(std::string_view text);
bool iequals_ascii(std::string_view a, std::string_view b);
bool starts_with(std::string_view text, std::string_view prefix);
std::vector<std::string_view> split(std::string_view text, char separator);
// The pieces are views: splitting a temporary std::string would leave them dangling.
template <typename String, typename = std::enable_if_t<std::is_same_v<String, std::string>>>
std::vector<std::string_view> split(String&& text, char separator) = delete;
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// True when every byte of text is below 0x80.
bool is_ascii(std::string_view text);

// True when text is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view text);

// True when text holds a C0 control character (other than TAB), DEL or a C1 control:
// such a value must never reach a mail header (SPEC §7).
bool has_control_chars(std::string_view text);

// Code points in well-formed UTF-8 (used for display widths and length limits).
std::size_t utf8_length(std::string_view text);

// The length in bytes of the well-formed UTF-8 sequence at text[i], or 0 when it is
// malformed (for code that must never split or pass on a broken sequence).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// Columns text takes in a terminal: East Asian wide characters count two.
std::size_t display_width(std::string_view text);

// Text safe in HTML content and attribute values: & < > " ' escaped.
std::string html_escape(std::string_view text);

// Every occurrence of secret in text replaced by "***" (a password a server echoed into
// its reply); nothing when secret is empty.
void redact(std::string& text, std::string_view secret);

// Digits grouped by thousands with commas: "1234567" -> "1,234,567" (digits only).
std::string group_digits(std::string_view digits);
// A count for people: -1234567 -> "-1,234,567".
std::string format_count(std::int64_t value);

// The edit distance between two strings (bytes), for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to word, if it is close enough to be a likely typo.
std::string suggest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace tsuikyaku::core
