#include "tsuikyaku/core/i18n.hpp"

#include <fmt/args.h>
#include <fmt/format.h>
#include <libintl.h>

#include <clocale>
#include <cstdlib>
#include <system_error>

#include "tsuikyaku/core/strings.hpp"

// GNU gettext as glibc has it. gettext picks its catalog by LANGUAGE only when
// LC_MESSAGES is not the C locale, so the UI language is given to it as LANGUAGE under
// C.UTF-8; English never asks gettext at all, so no environment can change it.

namespace tsuikyaku::core {
namespace {

namespace fs = std::filesystem;

constexpr const char* k_domain = "tsuikyaku";

struct State {
  std::string language = "en";
  std::optional<fs::path> dir;
  bool bound = false;
  std::optional<std::optional<std::string>> language_env;  // LANGUAGE before we set it
};

State& state() {
  static State instance;
  return instance;
}

void bind_catalog() {
  State& s = state();
  if (s.bound) return;
  s.bound = true;
  for (const char* name : {"C.UTF-8", "C.utf8", "en_US.UTF-8"}) {
    if (std::setlocale(LC_MESSAGES, name) != nullptr) break;
  }
  ::bindtextdomain(k_domain, catalog_dir().c_str());
  ::bind_textdomain_codeset(k_domain, "UTF-8");
  // strerror() follows LANGUAGE too: its words in UTF-8, not "???" in the C locale's ASCII.
  ::bind_textdomain_codeset("libc", "UTF-8");
}

bool english() { return state().language == "en"; }

// "ja" of "ja_JP.UTF-8", "ja_JP", "ja@…".
std::string language_part(std::string_view locale) {
  return std::string(locale.substr(0, locale.find_first_of("_.@")));
}

}  // namespace

const char* tr(const char* english_text) {
  if (english() || *english_text == '\0') return english_text;
  return ::dgettext(k_domain, english_text);
}

const char* tr_n(const char* singular, const char* plural, unsigned long n) {
  if (english()) return n == 1 ? singular : plural;
  return ::dngettext(k_domain, singular, plural, n);
}

const char* tr_c(const char* context, const char* english_text) {
  if (english()) return english_text;
  // gettext's msgctxt: the context and the message joined by EOT.
  const std::string key = std::string(context) + '\004' + english_text;
  const char* found = ::dgettext(k_domain, key.c_str());
  return found == key.c_str() ? english_text : found;
}

std::string format_message(const char* english, const char* translated,
                           std::initializer_list<std::string> args) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const std::string& arg : args) store.push_back(arg);
  try {
    return fmt::vformat(translated, store);
  } catch (const fmt::format_error&) {
    return fmt::vformat(english, store);
  }
}

void set_ui_language(std::string_view code) {
  State& s = state();
  s.language = std::string(code);
  if (english()) {
    // LANGUAGE as it was, so that libc's own messages (strerror) are English again too.
    if (s.language_env) {
      if (*s.language_env) {
        ::setenv("LANGUAGE", (*s.language_env)->c_str(), 1);
      } else {
        ::unsetenv("LANGUAGE");
      }
      s.language_env.reset();
      ::textdomain(k_domain);
    }
    return;
  }
  if (!s.language_env) {
    const char* before = std::getenv("LANGUAGE");
    s.language_env = before ? std::optional<std::string>(before) : std::nullopt;
  }
  ::setenv("LANGUAGE", s.language.c_str(), 1);
  bind_catalog();
  ::textdomain(k_domain);  // gettext forgets the translations it looked up before
}

const std::string& ui_language() { return state().language; }

namespace {

const char* weekday_name(int weekday) {
  switch (weekday) {
    case 0:
      return tr_c("weekday", "Sun");
    case 1:
      return tr_c("weekday", "Mon");
    case 2:
      return tr_c("weekday", "Tue");
    case 3:
      return tr_c("weekday", "Wed");
    case 4:
      return tr_c("weekday", "Thu");
    case 5:
      return tr_c("weekday", "Fri");
    default:
      return tr_c("weekday", "Sat");
  }
}

std::string civil_format(const char* format, const CivilFields& c) {
  return fmt::format(fmt::runtime(format), fmt::arg("year", c.year), fmt::arg("month", c.month),
                     fmt::arg("day", c.day), fmt::arg("weekday", weekday_name(c.weekday)),
                     fmt::arg("hour", c.hour), fmt::arg("minute", c.minute));
}

}  // namespace

std::string ui_date(const CivilFields& day) {
  // TRANSLATORS: a day: {year} {month} {day} as numbers, {weekday} the short name above.
  return civil_format(tr("{year:04}-{month:02}-{day:02}"), day);
}

std::string ui_day(const CivilFields& day) {
  // TRANSLATORS: a day with its weekday: {year} {month} {day} {weekday}.
  return civil_format(tr("{year:04}-{month:02}-{day:02} {weekday}"), day);
}

std::string ui_minute(const CivilFields& moment) {
  // TRANSLATORS: a day and a time: {year} {month} {day} {weekday} {hour} {minute}.
  return civil_format(tr("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}"), moment);
}

std::string ui_month(int year, int month) {
  // TRANSLATORS: a month: {year} {month} as numbers.
  return civil_format(tr("{year:04}-{month:02}"), CivilFields{year, month, 1, 0, 0, 0, 0});
}

Language ui_format_language() { return state().language == "ja" ? Language::ja : Language::en; }

void set_catalog_dir(const fs::path& dir) {
  state().dir = dir;
  if (state().bound) ::bindtextdomain(k_domain, dir.c_str());
}

const fs::path& catalog_dir() {
  State& s = state();
  if (!s.dir) {
    std::error_code ec;
    const fs::path binary = fs::read_symlink("/proc/self/exe", ec);
    const fs::path beside = binary.parent_path() / "locale";
    s.dir = !ec && fs::is_directory(beside, ec) ? beside : fs::path(TSUIKYAKU_LOCALEDIR);
  }
  return *s.dir;
}

bool language_available(std::string_view code) {
  if (code == "en") return true;
  if (code.empty() || code.find('/') != std::string_view::npos) return false;
  std::error_code ec;
  return fs::is_regular_file(catalog_dir() / code / "LC_MESSAGES" / "tsuikyaku.mo", ec);
}

std::optional<std::string> language_from_env(const LocaleEnv& env) {
  std::optional<std::string> locale;
  for (const auto* value : {&env.lc_all, &env.lc_messages, &env.lang}) {
    if (*value && !(*value)->empty()) {
      locale = **value;
      break;
    }
  }
  if (!locale || *locale == "C" || *locale == "POSIX") return std::nullopt;
  if (env.language && !env.language->empty()) {
    for (const std::string_view entry : split(*env.language, ':')) {
      const std::string code = language_part(entry);
      if (language_available(code)) return code;
    }
    return std::string("en");
  }
  const std::string code = language_part(*locale);
  if (code == "C") return std::nullopt;  // C.UTF-8
  return language_available(code) ? code : std::string("en");
}

}  // namespace tsuikyaku::core
