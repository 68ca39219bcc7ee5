#pragma once

#include <span>
#include <string_view>

// Files built into the binary, so that one executable carries its default campaigns,
// templates, config skeletons and import presets (no install path to find at run time).
// Paths are relative to the repository folder they came from:
// "campaigns/ja/tsuikyaku.yaml", "presets/shopify.yaml".

namespace tsuikyaku::resources {

struct File {
  std::string_view path;
  std::string_view content;
};

std::span<const File> files();

// The file at path, or nullptr.
const File* find(std::string_view path);

}  // namespace tsuikyaku::resources
