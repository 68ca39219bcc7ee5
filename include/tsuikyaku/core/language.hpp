#pragma once

#include <optional>
#include <string_view>

// The languages of the shipped campaigns, templates and report labels (SPEC §1, §6).

namespace tsuikyaku::core {

enum class Language { ja, en };

std::string_view to_string(Language language);  // "ja", "en"

// The language a code names ("ja", "en", exactly); nullopt for any other.
std::optional<Language> parse_language(std::string_view code);

}  // namespace tsuikyaku::core
