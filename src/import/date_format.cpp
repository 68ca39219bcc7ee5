#include "tsuikyaku/import/date_format.hpp"

#include <array>
#include <cctype>

#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::import {
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

class Cursor {
 public:
  explicit Cursor(std::string_view text) : m_text(text) {}
  bool done() const { return m_pos == m_text.size(); }
  char peek() const { return done() ? '\0' : m_text[m_pos]; }
  bool take(char c) {
    if (peek() != c) return false;
    ++m_pos;
    return true;
  }
  void skip_space() {
    while (!done() && std::isspace(static_cast<unsigned char>(peek()))) ++m_pos;
  }
  std::optional<int> number(std::size_t min, std::size_t max) {
    std::size_t n = 0;
    int value = 0;
    while (n < max && std::isdigit(static_cast<unsigned char>(peek()))) {
      value = value * 10 + (peek() - '0');
      ++m_pos;
      ++n;
    }
    if (n < min) return std::nullopt;
    return value;
  }
  // A month name, full or its first three letters.
  std::optional<int> month_name() {
    std::size_t n = 0;
    while (m_pos + n < m_text.size() &&
           std::isalpha(static_cast<unsigned char>(m_text[m_pos + n]))) {
      ++n;
    }
    const std::string word = core::to_lower_ascii(m_text.substr(m_pos, n));
    for (std::size_t i = 0; i < k_months.size(); ++i) {
      if (word == k_months[i] || (word.size() == 3 && k_months[i].starts_with(word))) {
        m_pos += n;
        return static_cast<int>(i) + 1;
      }
    }
    return std::nullopt;
  }
  std::optional<int> am_pm() {
    if (m_pos + 2 > m_text.size()) return std::nullopt;
    const std::string word = core::to_lower_ascii(m_text.substr(m_pos, 2));
    if (word != "am" && word != "pm") return std::nullopt;
    m_pos += 2;
    return word == "pm" ? 1 : 0;
  }
  std::optional<core::Seconds> offset() {
    if (take('Z') || take('z')) return core::Seconds{0};
    int sign = take('+') ? 1 : (take('-') ? -1 : 0);
    if (sign == 0) return std::nullopt;
    const auto hours = number(2, 2);
    if (!hours || *hours > 14) return std::nullopt;
    take(':');
    const auto minutes = std::isdigit(static_cast<unsigned char>(peek())) ? number(2, 2) : 0;
    if (!minutes || *minutes > 59) return std::nullopt;
    return core::Seconds{sign * (*hours * 3600 + *minutes * 60)};
  }

 private:
  std::string_view m_text;
  std::size_t m_pos = 0;
};

bool scan(char directive, Cursor& in, Fields& f) {
  std::optional<int> value;
  switch (directive) {
    case 'Y':
      value = in.number(4, 4);
      if (value) f.year = *value;
      break;
    case 'y':
      value = in.number(2, 2);
      if (value) f.year = *value + (*value >= 69 ? 1900 : 2000);
      break;
    case 'm':
      value = in.number(1, 2);
      if (value) f.month = *value;
      break;
    case 'd':
    case 'e':
      in.skip_space();
      value = in.number(1, 2);
      if (value) f.day = *value;
      break;
    case 'H':
    case 'I':
      value = in.number(1, 2);
      if (value) f.hour = *value;
      break;
    case 'M':
      value = in.number(1, 2);
      if (value) f.minute = *value;
      break;
    case 'S':
      value = in.number(1, 2);
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
      f.offset = in.offset();
      return f.offset.has_value();
    case '%':
      return in.take('%');
    default:
      return false;
  }
  return value.has_value();
}

}  // namespace

std::optional<DateFormat> DateFormat::compile(std::string_view pattern, std::string* error) {
  DateFormat format;
  format.m_pattern = std::string(pattern);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') {
      format.m_tokens.push_back({0, pattern[i]});
      continue;
    }
    if (i + 1 == pattern.size()) {
      *error = "a lone % at the end";
      return std::nullopt;
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
      *error = std::string("unknown directive %") + d;
      return std::nullopt;
    }
  }
  if (format.m_tokens.empty()) {
    *error = "an empty format";
    return std::nullopt;
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
      in.skip_space();
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

}  // namespace tsuikyaku::import
