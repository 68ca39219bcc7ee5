#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/core/result.hpp"
#include "tsuikyaku/core/time.hpp"

// `date_format` of a mapping file (SPEC §3), in strptime style: "%d/%m/%Y %H:%M".
// Directives: %Y (4-digit year), %y (2 digits: 69-99 are 19xx, else 20xx), %m, %d, %e,
// %H, %I with %p (AM/PM), %M, %S (one or two digits each, as strptime allows), %b/%h and
// %B (English month names, any case), %z (Z, +09:00, +0900, -05), %F (%Y-%m-%d), %T
// (%H:%M:%S) and %%. A space matches any run of white space, including none; any other
// character matches itself. Fields left out default to the 1st of January, 00:00:00.

namespace tsuikyaku::ingest {

class DateFormat {
 public:
  // The compiled pattern, or why it cannot be used ("unknown directive %Q").
  static core::Result<DateFormat> compile(std::string_view pattern);

  // The date-time the text holds, exactly and entirely; nullopt when it does not fit.
  std::optional<core::ParsedDateTime> parse(std::string_view text) const;

  const std::string& pattern() const { return m_pattern; }

 private:
  struct Token {
    char directive = 0;  // 0: a literal
    char literal = 0;
  };
  std::string m_pattern;
  std::vector<Token> m_tokens;
};

}  // namespace tsuikyaku::ingest
