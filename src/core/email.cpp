#include "tsuikyaku/core/email.hpp"

#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::core {
namespace {

// ASCII letters and digits (std::isalnum would ask the locale, once per byte).
bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 atext: letters, digits and !#$%&'*+-/=?^_`{|}~
bool is_atext(char c) {
  if (is_alnum(c)) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '/':
    case '=':
    case '?':
    case '^':
    case '_':
    case '`':
    case '{':
    case '|':
    case '}':
    case '~':
      return true;
    default:
      return false;
  }
}

bool valid_local_part(std::string_view local) {
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') {
    return false;
  }
  char previous = '\0';
  for (char c : local) {
    if (c == '.') {
      if (previous == '.') return false;
    } else if (!is_atext(c)) {
      return false;
    }
    previous = c;
  }
  return true;
}

bool valid_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
    return false;
  }
  for (char c : label) {
    if (!is_alnum(c) && c != '-') return false;
  }
  return true;
}

// Two or more valid labels separated by dots.
bool valid_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  if (domain.find('.') == std::string_view::npos) return false;
  for (std::size_t start = 0;;) {
    const std::size_t dot = domain.find('.', start);
    if (!valid_label(domain.substr(start, dot - start))) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

}  // namespace

bool is_valid_address(std::string_view address) {
  if (address.size() > 254) return false;
  // An encoded word (RFC 2047, =?charset?q?text?=) is atext, but a mail program shows it
  // decoded: the address would read as another one.
  if (address.find("=?") != std::string_view::npos) return false;
  const auto at = address.rfind('@');
  if (at == std::string_view::npos) return false;
  return valid_local_part(address.substr(0, at)) && valid_domain(address.substr(at + 1));
}

std::string with_lower_domain(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos) return std::string(address);
  return std::string(address.substr(0, at + 1)) + to_lower_ascii(address.substr(at + 1));
}

std::string address_match_key(std::string_view address) { return to_lower_ascii(address); }

std::optional<Mailbox> parse_mailbox(std::string_view text) {
  if (has_control_chars(text)) return std::nullopt;
  text = trim(text);
  const auto open = text.rfind('<');
  if (open == std::string_view::npos) {
    if (!is_valid_address(text)) return std::nullopt;
    return Mailbox{"", std::string(text)};
  }
  if (text.back() != '>') return std::nullopt;
  const std::string_view address = text.substr(open + 1, text.size() - open - 2);
  if (!is_valid_address(address)) return std::nullopt;
  std::string_view name = trim(text.substr(0, open));
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    name = name.substr(1, name.size() - 2);
  }
  if (name.find('"') != std::string_view::npos || name.find('<') != std::string_view::npos) {
    return std::nullopt;
  }
  return Mailbox{std::string(name), std::string(address)};
}

bool is_example_domain(std::string_view host) {
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.empty()) return false;
  std::string_view last;
  for (std::string_view rest = host; !rest.empty();) {
    const auto dot = rest.find('.');
    last = rest.substr(0, dot);
    if (iequals_ascii(last, "example")) return true;
    rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
  }
  for (const char* tld : {"test", "invalid", "localhost"}) {
    if (iequals_ascii(last, tld)) return true;
  }
  return false;
}

std::string_view host_of(std::string_view address_or_url) {
  std::string_view text = address_or_url;
  if (starts_with(text, "mailto:")) text.remove_prefix(7);
  if (starts_with(text, "https://") || starts_with(text, "http://")) {
    text.remove_prefix(text.find("//") + 2);
    return text.substr(0, text.find_first_of(":/?#"));
  }
  const auto at = text.rfind('@');
  if (at == std::string_view::npos) return {};
  return text.substr(at + 1, text.find_first_of(">?", at + 1) - at - 1);
}

}  // namespace tsuikyaku::core
