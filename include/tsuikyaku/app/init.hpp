#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tsuikyaku/core/language.hpp"
#include "tsuikyaku/core/time.hpp"

// `tsuikyaku init [DIR] [--lang ja|en]` (SPEC §1): a workspace with a commented
// tsuikyaku.yaml, the default campaigns and templates in that language, and the other
// language's templates as twins in templates/<other>/ (SPEC §6), and a small example
// export, example-orders.csv, dated relative to now (docs/import.md). Never overwrites a
// file.

namespace tsuikyaku::app {

using Language = core::Language;

// The shop platform. Shopify and BASE send their own order confirmation and shipping
// notice: the thank-you is then a personal note, not a receipt, and the shipping notice
// is off, so no customer gets two of each.
enum class Platform { other, shopify, base };
std::optional<Platform> parse_platform(std::string_view name);  // "shopify", "base", "other"
std::string_view platform_label(Platform platform);             // "Shopify", "BASE", "other"
inline bool platform_sends_mail(Platform p) { return p != Platform::other; }

struct InitRequest {
  std::filesystem::path dir = ".";
  Language language = Language::en;
  Platform platform = Platform::other;
  core::Instant now;  // the example export's orders are dated before it
};

struct InitEntry {
  std::filesystem::path path;  // relative to the workspace
  bool created = false;        // false: a file was already there and was kept
};

struct InitResult {
  std::filesystem::path dir;
  std::vector<InitEntry> entries;  // in the order written
};

// Throws core::Error (no_input) when DIR cannot be made or a file cannot be written.
InitResult init_workspace(const InitRequest& request);

}  // namespace tsuikyaku::app
