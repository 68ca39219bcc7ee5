#pragma once

// The customers an import has met, by match key (SPEC §3 identity). A hash map of a few
// hundred thousand strings is most of an import's memory and a cache miss or three per
// row; this table keeps the entries in one array, the keys in one buffer and the slots in
// a third (open addressing), about 50 bytes a customer plus its key, and a repeat buyer
// costs one probe that rarely looks at a key that is not its own (docs/benchmarks.md).
// Private to store.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tsuikyaku::store {

class CustomerCache {
 public:
  static constexpr std::int64_t k_no_postal = INT64_MIN;  // no order gave an address yet
  struct Entry {
    std::int64_t id = 0;
    std::int64_t profile_at = 0;           // ordered_at of the order the profile came from
    std::int64_t postal_at = k_no_postal;  // ... and the postal block (customers.postal_at)
    std::int64_t profile_hash = 0;         // customers.fingerprint: the profile as stored
    bool counted = false;                  // new or updated in this import already
    bool gaps = false;                     // no name or no e-mail known: an older order may fill it
    std::uint8_t postal_missing = 0x3F;    // a bit per postal field not known (customer_writer)
    bool moved = false;  // profile_at or the fingerprint is newer than the database's
  };

  // The entry of key, or nullptr. Valid until the next add().
  Entry* find(std::string_view key);

  // Adds key, which must not be present; the entry is valid until the next add().
  Entry& add(std::string_view key, const Entry& entry);

  // Every entry, in the order they were added.
  const std::vector<Entry>& entries() const { return m_entries; }

  // Frees the memory (the index builds at commit want it).
  void release();

 private:
  std::string_view key_of(std::uint32_t index) const;
  void grow();

  std::vector<Entry> m_entries;
  std::string m_keys;                       // every key, one after another
  std::vector<std::uint32_t> m_key_starts;  // by entry; a key ends where the next begins
  // A slot holds 32 bits of its key's hash (high) and its entry's index + 1 (low; 0 is an
  // empty slot). The size is a power of two; the hash bits give the home slot.
  std::vector<std::uint64_t> m_slots;
};

}  // namespace tsuikyaku::store
