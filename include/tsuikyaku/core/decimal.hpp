#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Exact decimal numbers for amounts as they appear in exports ("4,980", "49.80",
// "0.001"). Money is never floating point (SPEC §4): a Decimal is an integer mantissa
// and a count of fractional digits, and conversions to minor units round half to even.

namespace tsuikyaku::core {

// 128-bit integers for exact sums of products (a GCC/Clang extension, hence __extension__).
__extension__ typedef __int128 Int128;

struct Decimal {
  std::int64_t mantissa = 0;  // value = mantissa / 10^scale
  int scale = 0;              // fractional digits, 0..k_max_decimal_scale

  friend bool operator==(const Decimal&, const Decimal&) = default;
};

inline constexpr int k_max_decimal_scale = 9;

enum class DecimalError {
  empty,            // nothing but white space
  invalid,          // not a number
  too_many_digits,  // more than k_max_decimal_scale fractional digits, or out of range
};

struct DecimalParse {
  std::optional<Decimal> value;
  DecimalError error = DecimalError::invalid;  // meaningful when !value
};

// Parses an optional sign, digits with optional "," thousands separators in groups of
// three, an optional "." and fractional digits. Leading and trailing ASCII white space is
// ignored. "1,234.5" -> {12345, 1}; "-0.001" -> {-1, 3}; "1.5e3" and "1,23" are invalid.
DecimalParse parse_decimal(std::string_view text);

// The value in units of 10^-exponent, if exactly representable in int64
// (to_minor_exact({4980, 0}, 2) == 498000; to_minor_exact({4985, 2}, 0) == nullopt).
std::optional<std::int64_t> to_minor_exact(const Decimal& value, int exponent);

// A scaled sum of decimals such as Σ quantity × unit_price, kept exact in 128 bits.
struct ExactSum {
  Int128 mantissa = 0;
  int scale = 0;  // value = mantissa / 10^scale
};

// Adds quantity × price to sum, widening the sum's scale when the price has more digits.
void add_product(ExactSum& sum, std::int64_t quantity, const Decimal& price);

// Rounds the sum to units of 10^-exponent, half to even, once (SPEC §3 line items).
// nullopt when the result does not fit int64.
std::optional<std::int64_t> round_half_even(const ExactSum& sum, int exponent);

// "12345" with exponent 2 -> "123.45"; exponent 0 -> "12345"; negative values keep "-".
std::string format_plain(std::int64_t minor, int exponent);

}  // namespace tsuikyaku::core
