#include "tsuikyaku/segment/catalog.hpp"

namespace tsuikyaku::segment {

const CatalogEntry* Catalog::find(std::string_view product) const {
  if (product.empty()) return nullptr;
  for (const CatalogEntry& entry : entries) {
    if (sku_matches(entry.pattern, product)) return &entry;
  }
  return nullptr;
}

}  // namespace tsuikyaku::segment
