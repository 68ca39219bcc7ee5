#include "tsuikyaku/core/money.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku::core;

namespace {
const Currency& currency(std::string_view code) { return *find_currency(code); }
}  // namespace

TEST_CASE("money: ISO 4217 exponents of the shop currencies", "[core]") {
  for (const auto* code : {"JPY", "KRW"}) CHECK(currency(code).exponent == 0);
  for (const auto* code : {"USD", "EUR", "GBP", "AUD", "CAD", "CNY", "TWD", "HKD", "SGD"}) {
    CHECK(currency(code).exponent == 2);
  }
  CHECK(find_currency("XYZ") == nullptr);
  CHECK(find_currency("jpy") == nullptr);
}

TEST_CASE("money: amounts parse into minor units", "[core]") {
  CHECK(parse_amount("4980", currency("JPY")).minor == 4980);
  CHECK(parse_amount("4,980", currency("JPY")).minor == 4980);
  CHECK(parse_amount("1,234,567", currency("JPY")).minor == 1234567);
  CHECK(parse_amount("49.80", currency("USD")).minor == 4980);
  CHECK(parse_amount("49.8", currency("USD")).minor == 4980);
  CHECK(parse_amount("49", currency("USD")).minor == 4900);
  CHECK(parse_amount(" -5.25 ", currency("GBP")).minor == -525);
  CHECK(parse_amount(".5", currency("EUR")).minor == 50);
}

TEST_CASE("money: zero decimals beyond the currency's are exact and accepted", "[core]") {
  const auto parsed = parse_amount("4980.00", currency("JPY"));
  CHECK(parsed.ok);
  CHECK(parsed.minor == 4980);
}

TEST_CASE("money: bad amounts say why", "[core]") {
  CHECK(parse_amount("", currency("JPY")).error == AmountError::empty);
  CHECK(parse_amount("   ", currency("JPY")).error == AmountError::empty);
  CHECK(parse_amount("49.805", currency("USD")).error == AmountError::too_many_decimals);
  CHECK(parse_amount("4980.5", currency("JPY")).error == AmountError::too_many_decimals);
  CHECK(parse_amount("abc", currency("JPY")).error == AmountError::invalid);
  CHECK(parse_amount("1,23", currency("JPY")).error == AmountError::invalid);
  CHECK(parse_amount("12,3456", currency("JPY")).error == AmountError::invalid);
  CHECK(parse_amount("1.5e3", currency("JPY")).error == AmountError::invalid);
  CHECK(parse_amount("49.", currency("USD")).error == AmountError::invalid);
  CHECK(parse_amount("¥4980", currency("JPY")).error == AmountError::invalid);
  CHECK(parse_amount("99999999999999999999", currency("JPY")).error == AmountError::out_of_range);
  CHECK(parse_amount("92233720368547758.07", currency("USD")).ok);
  CHECK(parse_amount("92233720368547758.08", currency("USD")).error == AmountError::out_of_range);
}

TEST_CASE("money: formatting with symbol and thousands separators", "[core]") {
  CHECK(format_money(Money(4980, currency("JPY"))) == "¥4,980");
  CHECK(format_money(Money(4980, currency("USD"))) == "$49.80");
  CHECK(format_money(Money(123456789, currency("GBP"))) == "£1,234,567.89");
  CHECK(format_money(Money(-120050, currency("EUR"))) == "-€1,200.50");
  CHECK(format_money(Money(5, currency("USD"))) == "$0.05");
  CHECK(format_money(Money(0, currency("JPY"))) == "¥0");
  CHECK(format_money(Money(999, currency("JPY"))) == "¥999");
  CHECK(format_money(Money(100000, currency("KRW"))) == "₩100,000");
  CHECK(format_money(Money(1999, currency("AUD"))) == "A$19.99");
}

TEST_CASE("money: the plain major-unit form of JSON and CSV", "[core]") {
  CHECK(format_major(Money(4980, currency("JPY"))) == "4980");
  CHECK(format_major(Money(4980, currency("USD"))) == "49.80");
  CHECK(format_major(Money(-7, currency("USD"))) == "-0.07");
  CHECK(format_major(Money(1234567, currency("GBP"))) == "12345.67");
}
