#include "tsuikyaku/core/language.hpp"

namespace tsuikyaku::core {

std::string_view to_string(Language language) { return language == Language::ja ? "ja" : "en"; }

std::optional<Language> parse_language(std::string_view code) {
  if (code == "ja") return Language::ja;
  if (code == "en") return Language::en;
  return std::nullopt;
}

}  // namespace tsuikyaku::core
