#pragma once

#include <string_view>

#include "tsuikyaku/core/i18n.hpp"

namespace tsuikyaku::testing {

// The UI language for one test (docs/i18n.md), from the build tree's catalogs; English
// again after it, as every other test expects.
class UiLanguage {
 public:
  explicit UiLanguage(std::string_view code) {
    core::set_catalog_dir(TSUIKYAKU_BUILD_LOCALEDIR);
    core::set_ui_language(code);
  }
  ~UiLanguage() { core::set_ui_language("en"); }
  UiLanguage(const UiLanguage&) = delete;
  UiLanguage& operator=(const UiLanguage&) = delete;
};

}  // namespace tsuikyaku::testing
