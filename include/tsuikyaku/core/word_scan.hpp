#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

// Tests on eight bytes at a time (SWAR), for the loops that look at every byte of an
// import: checking a word costs about what checking one byte does, and most words of an
// export are plain text (docs/benchmarks.md).

namespace tsuikyaku::core::word_scan {

inline constexpr std::size_t k_word = 8;
inline constexpr std::uint64_t k_ones = 0x0101010101010101;
inline constexpr std::uint64_t k_highs = 0x8080808080808080;
// The lowest bit of a result marks the first byte in memory only on little-endian machines;
// elsewhere the callers take their byte loops.
inline constexpr bool k_enabled = std::endian::native == std::endian::little;

inline std::uint64_t load(const char* at) {
  std::uint64_t word = 0;
  std::memcpy(&word, at, k_word);
  return word;
}

// Nonzero when a byte of word is below n (n at most 0x80). Bits may also be set above the
// first such byte, never below it.
constexpr std::uint64_t bytes_below(std::uint64_t word, std::uint8_t n) {
  return (word - k_ones * n) & ~word & k_highs;
}

// Nonzero when a byte of word is c; the lowest set bit is in the first such byte.
constexpr std::uint64_t bytes_equal(std::uint64_t word, std::uint8_t c) {
  return bytes_below(word ^ (k_ones * c), 1);
}

// Nonzero when a byte of word is 0x80 or above.
constexpr std::uint64_t high_bytes(std::uint64_t word) { return word & k_highs; }

// The offset of the first byte marked in a nonzero result of the tests above.
constexpr std::size_t first_marked(std::uint64_t marks) {
  return static_cast<std::size_t>(std::countr_zero(marks)) / 8;
}

}  // namespace tsuikyaku::core::word_scan
