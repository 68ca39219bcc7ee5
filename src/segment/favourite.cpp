#include "tsuikyaku/segment/favourite.hpp"

#include <map>
#include <set>
#include <tuple>

namespace tsuikyaku::segment {

std::optional<Favourite> favourite_product(const std::vector<PurchasedLine>& lines,
                                           const Catalog& catalog) {
  struct Tally {
    std::set<std::int64_t> orders;
    core::Instant last{};
    core::Instant named_at{};
    std::string name;
  };
  std::map<std::string, Tally, std::less<>> products;
  for (const PurchasedLine& line : lines) {
    if (line.product.empty()) continue;
    const CatalogEntry* entry = catalog.find(line.product);
    if (entry != nullptr && entry->no_followup) continue;
    Tally& tally = products[line.product];
    const bool first = tally.orders.empty();
    tally.orders.insert(line.order_id);
    if (first || line.ordered_at > tally.last) tally.last = line.ordered_at;
    if (!line.name.empty() && (tally.name.empty() || line.ordered_at >= tally.named_at)) {
      tally.name = line.name;
      tally.named_at = line.ordered_at;
    }
  }
  const std::pair<const std::string, Tally>* best = nullptr;
  for (const auto& candidate : products) {  // byte order: the first of equals stays
    if (best == nullptr || std::tuple(candidate.second.orders.size(), candidate.second.last) >
                               std::tuple(best->second.orders.size(), best->second.last)) {
      best = &candidate;
    }
  }
  if (best == nullptr) return std::nullopt;
  const Tally& tally = best->second;
  return Favourite{best->first, tally.name.empty() ? best->first : tally.name,
                   static_cast<std::int64_t>(tally.orders.size())};
}

}  // namespace tsuikyaku::segment
