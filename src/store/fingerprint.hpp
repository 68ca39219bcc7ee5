#pragma once

// Content fingerprints of what an import stores (docs/import.md, "Importing the same export
// again"): orders.fingerprint is the fingerprint of the last row applied to the order,
// customers.fingerprint that of the profile the row holds. A row whose fingerprint is the
// stored one would change nothing (applying a row twice is applying it once), so it is
// skipped without a write. The values are kept in the database, so the hash is fixed here
// and never std::hash, which may differ between builds. NULL (a row of schema 7) is
// "unknown": the row is compared field by field once and its fingerprint written. Private
// to store.

#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/import/order_record.hpp"

namespace tsuikyaku::store {

// A 64-bit hash fed value by value; each value is prefixed by its length or tag, so that
// ("ab", "c") and ("a", "bc") differ. Eight bytes at a time, little-endian.
class Fingerprint {
 public:
  void add(std::string_view text) {
    mix(text.size());
    std::size_t at = 0;
    for (; at + 8 <= text.size(); at += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + at, 8);
      mix(word);
    }
    if (at < text.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + at, text.size() - at);
      mix(word);
    }
  }
  void add(std::int64_t value) { mix(static_cast<std::uint64_t>(value)); }
  void add(const std::optional<core::Instant>& t) {
    mix(t ? 1ULL : 2ULL);
    if (t) add(core::to_unix(*t));
  }
  void add(const std::optional<bool>& b) { mix(b ? (*b ? 3ULL : 4ULL) : 5ULL); }

  // As SQLite stores it: a signed 64-bit integer.
  std::int64_t value() const {
    std::uint64_t h = m_hash;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return static_cast<std::int64_t>(h);
  }

 private:
  void mix(std::uint64_t value) {
    m_hash = (m_hash ^ value) * 0x9E3779B97F4A7C15ULL;
    m_hash ^= m_hash >> 29;
  }
  std::uint64_t m_hash = 0x84222325cbf29ce4ULL;
};

// Every value of the row the import stores: the order, its lines, its customer's keys and
// the profile the row gives the customer, and the import's currency.
inline std::int64_t order_fingerprint(const ingest::OrderRecord& o, std::string_view currency) {
  Fingerprint f;
  for (const std::string_view text :
       {std::string_view(o.order_key), std::string_view(o.customer_key),
        std::string_view(o.match_key), currency, std::string_view(o.status),
        std::string_view(o.tracking_number), std::string_view(o.carrier),
        std::string_view(o.discount_code), std::string_view(o.email), std::string_view(o.name),
        std::string_view(o.phone), std::string_view(o.postal_code), std::string_view(o.address),
        std::string_view(o.address2), std::string_view(o.city), std::string_view(o.region),
        std::string_view(o.country)}) {
    f.add(text);
  }
  f.add(o.ordered_at);
  f.add(o.total_minor.value_or(0));
  f.add(o.shipped_at);
  f.add(o.delivered_at);
  f.add(o.cancelled_at);
  f.add(o.accepts_marketing);
  f.add(static_cast<std::int64_t>(o.lines.size()));
  for (const ingest::OrderLine& line : o.lines) {
    f.add(line.sku);
    f.add(line.description);
    f.add(line.quantity);
    f.add(static_cast<std::int64_t>(line.unit_price.mantissa));
    f.add(static_cast<std::int64_t>(line.unit_price.scale));
  }
  return f.value();
}

}  // namespace tsuikyaku::store
