#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "tsuikyaku/segment/catalog.hpp"

// products.yaml, the workspace's optional file about its products (docs/products.md), as a
// segment::Catalog, with `file:line:col: key: expected …` errors (core::ErrorKind::config).

namespace tsuikyaku::config {

inline constexpr std::string_view k_products_file = "products.yaml";

// Parses the text of a products file; care files are read relative to dir and must lie
// inside it. Throws a config error at the first problem.
segment::Catalog parse_products(std::string_view text, const std::string& display_name,
                                const std::filesystem::path& dir);

// dir/products.yaml, or an empty catalog when the workspace has none.
segment::Catalog load_products(const std::filesystem::path& dir);

}  // namespace tsuikyaku::config
