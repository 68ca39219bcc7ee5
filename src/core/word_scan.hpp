#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

// Tests on eight bytes at a time (SWAR), for the loops that look at every byte of an
// import: checking a word costs about what checking one byte does, and most words of an
// export are plain text (docs/benchmarks.md). Private to core.

namespace tsuikyaku::core::word_scan {

inline constexpr std::size_t k_word = 8;
inline constexpr std::uint64_t k_ones = 0x0101010101010101;
inline constexpr std::uint64_t k_highs = 0x8080808080808080;

inline std::uint64_t load(const char* at) {
  std::uint64_t word = 0;
  std::memcpy(&word, at, k_word);
  return word;
}

// Nonzero exactly when a byte of word is below n (n at most 0x80). The tests say whether
// such a byte is there, not where, so they hold on any byte order.
constexpr std::uint64_t bytes_below(std::uint64_t word, std::uint8_t n) {
  return (word - k_ones * n) & ~word & k_highs;
}

// Nonzero exactly when a byte of word is c.
constexpr std::uint64_t bytes_equal(std::uint64_t word, std::uint8_t c) {
  return bytes_below(word ^ (k_ones * c), 1);
}

// Nonzero when a byte of word is 0x80 or above.
constexpr std::uint64_t high_bytes(std::uint64_t word) { return word & k_highs; }

}  // namespace tsuikyaku::core::word_scan
