#include "tsuikyaku/core/language.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku::core;

TEST_CASE("language: codes read back", "[core]") {
  for (const Language language : {Language::ja, Language::en}) {
    CHECK(parse_language(to_string(language)) == language);
  }
  CHECK(to_string(Language::ja) == "ja");
  CHECK_FALSE(parse_language("JA"));
  CHECK_FALSE(parse_language("ja_JP"));
  CHECK_FALSE(parse_language(""));
}
