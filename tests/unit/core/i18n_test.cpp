#include "tsuikyaku/core/i18n.hpp"

#include <catch2/catch.hpp>

#include "unit/ui_language.hpp"

using namespace tsuikyaku;
using core::language_from_env;
using core::LocaleEnv;

namespace {

// The environment's answer with the build tree's catalogs (en and ja).
std::optional<std::string> asked(const LocaleEnv& env) {
  core::set_catalog_dir(TSUIKYAKU_BUILD_LOCALEDIR);
  return language_from_env(env);
}

}  // namespace

TEST_CASE("i18n: the environment names the language as gettext reads it", "[i18n]") {
  CHECK(asked({}) == std::nullopt);
  CHECK(asked({std::nullopt, std::nullopt, std::nullopt, "ja_JP.UTF-8"}) == "ja");
  CHECK(asked({std::nullopt, std::nullopt, std::nullopt, "en_US.UTF-8"}) == "en");
  // LC_ALL over LC_MESSAGES over LANG.
  CHECK(asked({std::nullopt, "en_GB.UTF-8", "ja_JP.UTF-8", "ja_JP.UTF-8"}) == "en");
  CHECK(asked({std::nullopt, std::nullopt, "ja_JP.eucJP", "en_US.UTF-8"}) == "ja");
  CHECK(asked({std::nullopt, "", std::nullopt, "ja"}) == "ja");  // empty is unset
  // LANGUAGE, a list, first the languages that have a catalog; not under the C locale.
  CHECK(asked({"fr:ja:en", std::nullopt, std::nullopt, "en_US.UTF-8"}) == "ja");
  CHECK(asked({"ja", std::nullopt, std::nullopt, "C"}) == std::nullopt);
  CHECK(asked({"ja", "POSIX", std::nullopt, std::nullopt}) == std::nullopt);
  CHECK(asked({"ja", std::nullopt, std::nullopt, std::nullopt}) == std::nullopt);
  CHECK(asked({"ja", std::nullopt, std::nullopt, "C.UTF-8"}) == "ja");
  // C.UTF-8 alone names no language; one without a catalog is English, as gettext has it.
  CHECK(asked({std::nullopt, std::nullopt, std::nullopt, "C.UTF-8"}) == std::nullopt);
  CHECK(asked({std::nullopt, std::nullopt, std::nullopt, "de_DE.UTF-8"}) == "en");
  CHECK(asked({"de:fr", std::nullopt, std::nullopt, "de_DE.UTF-8"}) == "en");
}

TEST_CASE("i18n: a catalog is a language; en is always one", "[i18n]") {
  core::set_catalog_dir(TSUIKYAKU_BUILD_LOCALEDIR);
  CHECK(core::language_available("en"));
  CHECK(core::language_available("ja"));
  CHECK_FALSE(core::language_available("de"));
  CHECK_FALSE(core::language_available(""));
  CHECK_FALSE(core::language_available("../ja"));
}

TEST_CASE("i18n: messages, plurals and dates in English and Japanese", "[i18n]") {
  const core::CivilFields friday{2026, 11, 20, 9, 5, 0, 5};
  CHECK(std::string(core::tr("Usage")) == "Usage");
  CHECK(core::ui_date(friday) == "2026-11-20");
  CHECK(core::ui_minute(friday) == "2026-11-20 09:05");
  CHECK(core::ui_month(2026, 1) == "2026-01");
  CHECK(core::ui_format_language() == core::Language::en);
  {
    const testing::UiLanguage japanese("ja");
    CHECK(std::string(core::tr("Usage")) == "使い方");
    CHECK(std::string(core::tr("a message no catalog has")) == "a message no catalog has");
    CHECK(std::string(core::tr("")).empty());  // not the catalog's header
    CHECK(std::string(core::tr_c("weekday", "Sun")) == "日");
    CHECK(core::ui_date(friday) == "2026年11月20日(金)");
    CHECK(core::ui_minute(friday) == "2026年11月20日(金) 09:05");
    CHECK(core::ui_month(2026, 1) == "2026年1月");
    CHECK(core::ui_format_language() == core::Language::ja);
    CHECK(core::ui_language() == "ja");
  }
  CHECK(std::string(core::tr("Usage")) == "Usage");
  CHECK(std::string(core::tr_n("{} customer", "{} customers", 1)) == "{} customer");
  CHECK(std::string(core::tr_n("{} customer", "{} customers", 2)) == "{} customers");
}
