#include "tsuikyaku/core/decimal.hpp"

#include <limits>

namespace tsuikyaku::core {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

Int128 pow10_128(int n) {
  Int128 result = 1;
  for (int i = 0; i < n; ++i) result *= 10;
  return result;
}

constexpr Int128 k_int64_max = std::numeric_limits<std::int64_t>::max();
constexpr Int128 k_int64_min = std::numeric_limits<std::int64_t>::min();

std::optional<std::int64_t> narrow(Int128 value) {
  if (value > k_int64_max || value < k_int64_min) return std::nullopt;
  return static_cast<std::int64_t>(value);
}

// Validates "1,234,567" style grouping of the integer part: the first group has 1-3
// digits and every later group exactly 3.
bool valid_grouping(std::string_view integer_part) {
  if (integer_part.find(',') == std::string_view::npos) return true;
  std::size_t group = 0;
  bool first = true;
  for (char c : integer_part) {
    if (c == ',') {
      if (group == 0 || (first && group > 3) || (!first && group != 3)) return false;
      first = false;
      group = 0;
    } else {
      ++group;
    }
  }
  return group == 3;
}

}  // namespace

DecimalParse parse_decimal(std::string_view text) {
  text = trim_spaces(text);
  if (text.empty()) return {std::nullopt, DecimalError::empty};
  bool negative = false;
  if (text.front() == '-' || text.front() == '+') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const auto dot = text.find('.');
  const std::string_view integer_part = text.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (integer_part.empty() && fraction.empty()) return {std::nullopt, DecimalError::invalid};
  if (dot != std::string_view::npos && fraction.empty()) {
    return {std::nullopt, DecimalError::invalid};
  }
  if (!valid_grouping(integer_part)) return {std::nullopt, DecimalError::invalid};

  Int128 mantissa = 0;
  for (char c : integer_part) {
    if (c == ',') continue;
    if (c < '0' || c > '9') return {std::nullopt, DecimalError::invalid};
    mantissa = mantissa * 10 + (c - '0');
    if (mantissa > k_int64_max) return {std::nullopt, DecimalError::too_many_digits};
  }
  for (char c : fraction) {
    if (c < '0' || c > '9') return {std::nullopt, DecimalError::invalid};
  }
  // Trailing zeros carry no value: "49.800" is 49.8, which keeps the scale small.
  std::string_view digits = fraction;
  while (!digits.empty() && digits.back() == '0') digits.remove_suffix(1);
  if (static_cast<int>(digits.size()) > k_max_decimal_scale) {
    return {std::nullopt, DecimalError::too_many_digits};
  }
  for (char c : digits) {
    mantissa = mantissa * 10 + (c - '0');
    if (mantissa > k_int64_max) return {std::nullopt, DecimalError::too_many_digits};
  }
  Decimal value{static_cast<std::int64_t>(negative ? -mantissa : mantissa),
                static_cast<int>(digits.size())};
  return {value, DecimalError::invalid};
}

std::optional<std::int64_t> to_minor_exact(const Decimal& value, int exponent) {
  if (value.scale > exponent) return std::nullopt;
  return narrow(static_cast<Int128>(value.mantissa) * pow10_128(exponent - value.scale));
}

void add_product(ExactSum& sum, std::int64_t quantity, const Decimal& price) {
  if (price.scale > sum.scale) {
    sum.mantissa *= pow10_128(price.scale - sum.scale);
    sum.scale = price.scale;
  }
  sum.mantissa +=
      static_cast<Int128>(quantity) * price.mantissa * pow10_128(sum.scale - price.scale);
}

std::optional<std::int64_t> round_half_even(const ExactSum& sum, int exponent) {
  if (sum.scale <= exponent) return narrow(sum.mantissa * pow10_128(exponent - sum.scale));
  const Int128 divisor = pow10_128(sum.scale - exponent);
  Int128 quotient = sum.mantissa / divisor;  // truncates toward zero
  Int128 remainder = sum.mantissa % divisor;
  const bool negative = remainder < 0;
  if (negative) remainder = -remainder;
  const Int128 twice = remainder * 2;
  if (twice > divisor || (twice == divisor && (quotient % 2 != 0))) {
    quotient += negative ? -1 : 1;
  }
  return narrow(quotient);
}

std::string format_plain(std::int64_t minor, int exponent) {
  const bool negative = minor < 0;
  // Work in unsigned so that INT64_MIN formats too.
  std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
  std::string digits = std::to_string(magnitude);
  if (exponent > 0) {
    const auto width = static_cast<std::size_t>(exponent) + 1;
    if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(exponent), 1, '.');
  }
  return negative ? "-" + digits : digits;
}

}  // namespace tsuikyaku::core
