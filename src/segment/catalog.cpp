#include "tsuikyaku/segment/catalog.hpp"

namespace tsuikyaku::segment {

std::string product_key(std::string_view sku, std::string_view name) {
  return std::string(sku.empty() ? name : sku);
}

bool matches_product_glob(std::string_view pattern, std::string_view product) {
  // The classic two-pointer walk: on a mismatch after a `*`, the star takes one more byte.
  std::size_t p = 0;
  std::size_t s = 0;
  std::size_t star = std::string_view::npos;
  std::size_t resume = 0;
  while (s < product.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = s;
    } else if (p < pattern.size() && pattern[p] == product[s]) {
      ++p;
      ++s;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

const CatalogEntry* Catalog::find(std::string_view product) const {
  if (product.empty()) return nullptr;
  for (const CatalogEntry& entry : entries) {
    if (matches_product_glob(entry.pattern, product)) return &entry;
  }
  return nullptr;
}

}  // namespace tsuikyaku::segment
