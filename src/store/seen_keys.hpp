#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace tsuikyaku::store {

// The keys met so far, as a Bloom filter of 4 MiB with two probes: seen() says whether a
// key may have been met before (a false positive now and then, never a false negative)
// and remembers it. An import asks it whether an order number came earlier in the file.
class SeenKeys {
 public:
  bool seen(std::string_view key) {
    const std::uint64_t hash = std::hash<std::string_view>{}(key);
    const std::uint64_t bits = m_words.size() * 64;
    const std::uint64_t second = (hash >> 32) ^ (hash * std::uint64_t{0x9E3779B97F4A7C15});
    bool met = true;
    for (const std::uint64_t probe : {hash % bits, second % bits}) {
      std::uint64_t& word = m_words[probe / 64];
      const std::uint64_t bit = std::uint64_t{1} << (probe % 64);
      met = met && (word & bit) != 0;
      word |= bit;
    }
    return met;
  }

 private:
  std::vector<std::uint64_t> m_words = std::vector<std::uint64_t>(std::size_t{1} << 19);
};

}  // namespace tsuikyaku::store
