#include "tsuikyaku/core/decimal.hpp"

#include <catch2/catch.hpp>
#include <limits>

using namespace tsuikyaku::core;

TEST_CASE("decimal: parses exact values and drops trailing zeros", "[core]") {
  CHECK(parse_decimal("0.001").value == Decimal{1, 3});
  CHECK(parse_decimal("2.550").value == Decimal{255, 2});
  CHECK(parse_decimal("-1,234.5").value == Decimal{-12345, 1});
  CHECK(parse_decimal("+7").value == Decimal{7, 0});
  CHECK(parse_decimal("0.000000001").value == Decimal{1, 9});
  CHECK(parse_decimal("0.0000000001").error == DecimalError::too_many_digits);
  CHECK(parse_decimal("-").error == DecimalError::invalid);
  CHECK(parse_decimal("1..2").error == DecimalError::invalid);
}

TEST_CASE("decimal: minor units only when exact", "[core]") {
  CHECK(to_minor_exact(Decimal{4980, 0}, 2) == 498000);
  CHECK(to_minor_exact(Decimal{4985, 2}, 2) == 4985);
  CHECK_FALSE(to_minor_exact(Decimal{4985, 2}, 0).has_value());
  CHECK_FALSE(to_minor_exact(Decimal{std::numeric_limits<std::int64_t>::max(), 0}, 2));
}

TEST_CASE("decimal: line-item sums round half to even once", "[core]") {
  ExactSum sum;
  add_product(sum, 6, *parse_decimal("2.55").value);   // 15.30
  add_product(sum, 1, *parse_decimal("0.001").value);  // 15.301
  add_product(sum, 2, *parse_decimal("0.002").value);  // 15.305
  CHECK(round_half_even(sum, 2) == 1530);              // 15.305 -> 15.30 (0 is even)

  ExactSum odd;
  add_product(odd, 1, *parse_decimal("15.315").value);
  CHECK(round_half_even(odd, 2) == 1532);  // 15.315 -> 15.32

  ExactSum above_half;
  add_product(above_half, 1, *parse_decimal("0.0051").value);
  CHECK(round_half_even(above_half, 2) == 1);

  ExactSum negative;
  add_product(negative, -3, *parse_decimal("0.005").value);  // -0.015 -> -0.02
  CHECK(round_half_even(negative, 2) == -2);

  ExactSum yen;
  add_product(yen, 3, *parse_decimal("333.5").value);  // 1000.5 -> 1000
  CHECK(round_half_even(yen, 0) == 1000);
}

TEST_CASE("decimal: rounding each line would differ from rounding once", "[core]") {
  // Three lines of 0.005: per line half-even gives 0.00 each, once gives 0.02.
  ExactSum sum;
  for (int i = 0; i < 3; ++i) add_product(sum, 1, *parse_decimal("0.005").value);
  CHECK(round_half_even(sum, 2) == 2);
}

TEST_CASE("decimal: plain formatting", "[core]") {
  CHECK(format_plain(0, 2) == "0.00");
  CHECK(format_plain(5, 3) == "0.005");
  CHECK(format_plain(-150, 2) == "-1.50");
  CHECK(format_plain(std::numeric_limits<std::int64_t>::min(), 0) == "-9223372036854775808");
}
