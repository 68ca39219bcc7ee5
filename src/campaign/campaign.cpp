#include "tsuikyaku/campaign/campaign.hpp"

namespace tsuikyaku::campaign {

std::string_view to_string(Kind kind) {
  return kind == Kind::marketing ? "marketing" : "transactional";
}

std::string_view to_string(Event event) {
  switch (event) {
    case Event::ordered:
      return "ordered";
    case Event::shipped:
      return "shipped";
    case Event::delivered:
      return "delivered";
  }
  return "ordered";
}

std::string_view to_string(Channel channel) {
  switch (channel) {
    case Channel::email:
      return "email";
    case Channel::insert:
      return "insert";
    case Channel::postal:
      return "postal";
  }
  return "email";
}

bool is_valid_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return name.front() != '.' && name.front() != '-';
}

bool is_coupon_code(std::string_view code) {
  if (code.empty() || code.size() > 64) return false;
  for (const char c : code) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Language guess_language(std::string_view text) {
  // Kana (U+3040–U+30FF) and CJK ideographs (U+4E00–U+9FFF) are E3 81..E3 83 and
  // E4..E9 lead bytes in UTF-8.
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if (lead == 0xE3 && next >= 0x81 && next <= 0x83) return Language::ja;
    if (lead >= 0xE4 && lead <= 0xE9) return Language::ja;
  }
  return Language::en;
}

}  // namespace tsuikyaku::campaign
