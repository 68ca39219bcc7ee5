#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/segment/products.hpp"

// What the shop says about its products (products.yaml in the workspace, docs/products.md):
// per SKU or glob, a category, a care text, a review URL, a reorder interval of its own, a
// reorder group, and whether the product is left out of follow-up mail. Read by
// config::load_products; the planner, the audiences and the messages look products up here.

namespace tsuikyaku::segment {

// Products and globs: product_key and sku_matches (segment/products.hpp).

struct CatalogEntry {
  std::string pattern;                       // a SKU, or a glob with * (TEA-SEN-*)
  std::string category;                      // empty: none
  std::string care;                          // the care file's Markdown; empty: none
  std::string review_url;                    // empty: none
  std::optional<std::int64_t> reorder_days;  // overrides the measured interval
  std::string reorder_group;                 // empty: none
  bool no_followup = false;                  // gift cards, samples, shipping fees
  core::SourceLocation where;                // the entry in products.yaml
};

struct Catalog {
  std::vector<CatalogEntry> entries;  // in file order

  // The first entry, in file order, whose pattern matches the product key; nullptr when
  // none does. Entries are not merged: a product that two globs match takes every field
  // from the first (put the narrower pattern first).
  const CatalogEntry* find(std::string_view product) const;
};

}  // namespace tsuikyaku::segment
