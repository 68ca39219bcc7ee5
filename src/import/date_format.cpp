#include "tsuikyaku/import/date_format.hpp"

#include <array>
#include <cctype>

#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/core/text_cursor.hpp"

namespace tsuikyaku::ingest {
namespace {

constexpr std::string_view k_directives = "YymdeHIMSbhBpz";

constexpr std::array<std::string_view, 12> k_months{
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

struct Fields {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int pm = -1;  // -1: no %p; 0: AM; 1: PM
  std::optional<core::Seconds> offset;
};

// The date cursor of core, plus the words strptime formats know.
class Cursor : public core::TextCursor {
 public:
  using TextCursor::TextCursor;

  // A month name, full or its first three letters.
  std::optional<int> month_name() {
    const std::string_view text = rest();
    std::size_t n = 0;
    while (n < text.size() && std::isalpha(static_cast<unsigned char>(text[n]))) ++n;
    const std::string word = core::to_lower_ascii(text.substr(0, n));
    for (std::size_t i = 0; i < k_months.size(); ++i) {
      if (word == k_months[i] || (word.size() == 3 && k_months[i].starts_with(word))) {
        advance(n);
        return static_cast<int>(i) + 1;
      }
    }
    return std::nullopt;
  }
  std::optional<int> am_pm() {
    const std::string_view text = rest();
    if (text.size() < 2) return std::nullopt;
    const std::string word = core::to_lower_ascii(text.substr(0, 2));
    if (word != "am" && word != "pm") return std::nullopt;
    advance(2);
    return word == "pm" ? 1 : 0;
  }
};

bool scan(char directive, Cursor& in, Fields& f) {
  std::optional<int> value;
  switch (directive) {
    case 'Y':
      value = in.digits(4, 4);
      if (value) f.year = *value;
      break;
    case 'y':
      value = in.digits(2, 2);
      if (value) f.year = *value + (*value >= 69 ? 1900 : 2000);
      break;
    case 'm':
      value = in.digits(1, 2);
      if (value) f.month = *value;
      break;
    case 'd':
    case 'e':
      in.skip_spaces();
      value = in.digits(1, 2);
      if (value) f.day = *value;
      break;
    case 'H':
    case 'I':
      value = in.digits(1, 2);
      if (value) f.hour = *value;
      break;
    case 'M':
      value = in.digits(1, 2);
      if (value) f.minute = *value;
      break;
    case 'S':
      value = in.digits(1, 2);
      if (value) f.second = *value;
      break;
    case 'b':
    case 'h':
    case 'B':
      value = in.month_name();
      if (value) f.month = *value;
      break;
    case 'p':
      value = in.am_pm();
      if (value) f.pm = *value;
      break;
    case 'z':
      f.offset = in.utc_offset();
      return f.offset.has_value();
    case '%':
      return in.take('%');
    default:
      return false;
  }
  return value.has_value();
}

}  // namespace

core::Result<DateFormat> DateFormat::compile(std::string_view pattern) {
  DateFormat format;
  format.m_pattern = std::string(pattern);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') {
      format.m_tokens.push_back({0, pattern[i]});
      continue;
    }
    if (i + 1 == pattern.size()) {
      return core::Failure{"a lone % at the end"};
    }
    const char d = pattern[++i];
    if (d == 'F' || d == 'T') {
      const std::string_view expansion = d == 'F' ? "Y-m-d" : "H:M:S";
      for (const char part : expansion) {
        format.m_tokens.push_back(part == '-' || part == ':' ? Token{0, part} : Token{part, 0});
      }
    } else if (d == '%') {
      format.m_tokens.push_back({0, '%'});
    } else if (k_directives.find(d) != std::string_view::npos) {
      format.m_tokens.push_back({d, 0});
    } else {
      return core::Failure{std::string("unknown directive %") + d};
    }
  }
  if (format.m_tokens.empty()) {
    return core::Failure{"an empty format"};
  }
  return format;
}

std::optional<core::ParsedDateTime> DateFormat::parse(std::string_view text) const {
  Cursor in(core::trim(text));
  Fields f;
  for (const Token& token : m_tokens) {
    if (token.directive != 0) {
      if (!scan(token.directive, in, f)) return std::nullopt;
    } else if (std::isspace(static_cast<unsigned char>(token.literal))) {
      in.skip_spaces();
    } else if (!in.take(token.literal)) {
      return std::nullopt;
    }
  }
  if (!in.done()) return std::nullopt;
  if (f.pm >= 0) {
    if (f.hour < 1 || f.hour > 12) return std::nullopt;
    f.hour = f.hour % 12 + (f.pm == 1 ? 12 : 0);
  }
  const auto local = core::make_local(f.year, f.month, f.day, f.hour, f.minute, f.second);
  if (!local) return std::nullopt;
  return core::ParsedDateTime{*local, f.offset};
}

}  // namespace tsuikyaku::ingest
