#pragma once

#include <concepts>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "tsuikyaku/core/language.hpp"
#include "tsuikyaku/core/time.hpp"

// The language of everything the tool says to a person (docs/i18n.md): one GNU gettext
// catalog per language (po/<code>.po, built to <code>/LC_MESSAGES/tsuikyaku.mo), English
// as written in the source. The one rule for the UI's language; --json, exit codes, CSV
// headers and file formats never go through it.
//
// A message is marked where it is written, in English:
//   core::tr("No campaign is due.")
//   core::trf("{} of {} customers", a, b)
//   core::trf_n("{} message", "{} messages", n, n)
// trf's message is a fmt format ({}, {:>8}) over its arguments as text; a translation
// may reorder them with positions ("{1} 人中 {0} 人"). scripts/update-po extracts these
// calls (tr, tr_n, tr_c, trf, trf_n) into po/tsuikyaku.pot.

namespace tsuikyaku::core {

// The message in the UI language; `english` itself in English, for an empty message, or
// when the catalog has no translation for it. The pointer lives as long as the process.
const char* tr(const char* english);
// The singular or plural form for n, by the UI language's plural rule.
const char* tr_n(const char* singular, const char* plural, unsigned long n);
// A message whose English alone is ambiguous ("May" the month), told apart by `context`.
const char* tr_c(const char* context, const char* english);

// The translated message formatted with the arguments; the English one should the
// translation not fit them (the coverage test sees that it does: docs/i18n.md).
std::string format_message(const char* english, const char* translated,
                           std::initializer_list<std::string> args);

inline std::string message_arg(std::string text) { return text; }
inline std::string message_arg(const char* text) { return text; }
inline std::string message_arg(std::string_view text) { return std::string(text); }
template <std::integral T>
std::string message_arg(T value) {
  return std::to_string(value);
}

template <typename... Args>
std::string trf(const char* english, const Args&... args) {
  return format_message(english, tr(english), {message_arg(args)...});
}

template <typename... Args>
std::string trf_n(const char* singular, const char* plural, unsigned long n, const Args&... args) {
  return format_message(n == 1 ? singular : plural, tr_n(singular, plural, n),
                        {message_arg(args)...});
}

// The UI language: "en" or the code of an installed catalog ("ja"). English at start.
void set_ui_language(std::string_view code);
const std::string& ui_language();
// The language the UI's money and dates are written in (core::format_money).
Language ui_format_language();

// Dates as a person reads them in the UI language (never in --json, CSV or files):
// "2026-11-20", "2026-11-20 09:30", "2026-11" in English; "2026年11月20日(金)",
// "2026年11月20日(金) 09:30", "2026年11月" in Japanese.
std::string ui_date(const CivilFields& day);
std::string ui_day(const CivilFields& day);  // "2026-11-20 Fri", "2026年11月20日(金)"
std::string ui_minute(const CivilFields& moment);
std::string ui_month(int year, int month);

// Where the catalogs are: <dir>/<code>/LC_MESSAGES/tsuikyaku.mo. catalog_dir() finds it
// once: set_catalog_dir's, else a locale/ folder beside the running binary (the build
// tree), else the installed locale dir (CMAKE_INSTALL_FULL_LOCALEDIR).
void set_catalog_dir(const std::filesystem::path& dir);
const std::filesystem::path& catalog_dir();
// "en", or a code with a catalog in catalog_dir().
bool language_available(std::string_view code);

// The language the environment asks for, read as gettext reads it: the locale is the
// first set of LC_ALL, LC_MESSAGES, LANG; LANGUAGE (a colon list) is consulted only when
// that locale is not C or POSIX. nullopt when the environment asks for none (all unset,
// or the C/POSIX locale, "C.UTF-8" too); "en" when it asks only for languages without a
// catalog (gettext's untranslated messages).
struct LocaleEnv {
  std::optional<std::string> language, lc_all, lc_messages, lang;
};
std::optional<std::string> language_from_env(const LocaleEnv& env);

}  // namespace tsuikyaku::core
