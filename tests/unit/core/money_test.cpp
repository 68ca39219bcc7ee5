#include "tsuikyaku/core/money.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku::core;

namespace {
const Currency& currency(std::string_view code) { return *find_currency(code); }
}  // namespace

TEST_CASE("money: ISO 4217 exponents, zero decimals", "[core]") {
  for (const auto* code : {"JPY", "KRW", "CLP", "ISK", "VND", "UGX", "XAF", "XOF", "PYG"}) {
    CHECK(currency(code).exponent == 0);
  }
  CHECK(parse_amount("1,299", currency("KRW")).minor == 1299);
}

TEST_CASE("money: ISO 4217 exponents, two decimals", "[core]") {
  for (const auto* code : {"USD", "EUR", "GBP", "AUD", "CAD", "CNY", "TWD", "HKD", "SGD", "INR",
                           "ZAR", "BRL", "CHF", "MXN", "THB", "HUF", "IDR"}) {
    CHECK(currency(code).exponent == 2);
  }
  CHECK(parse_amount("1,299.00", currency("INR")).minor == 129900);
}

TEST_CASE("money: ISO 4217 exponents, three decimals", "[core]") {
  for (const auto* code : {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"}) {
    CHECK(currency(code).exponent == 3);
  }
  CHECK(parse_amount("12.500", currency("KWD")).minor == 12500);
  CHECK(parse_amount("12.5", currency("KWD")).minor == 12500);
  CHECK(parse_amount("12.5005", currency("KWD")).error == AmountError::too_many_decimals);
}

TEST_CASE("money: ISO 4217 exponents, four decimals", "[core]") {
  CHECK(currency("CLF").exponent == 4);
  CHECK(currency("UYW").exponent == 4);
  CHECK(parse_amount("1.2345", currency("CLF")).minor == 12345);
}

TEST_CASE("money: only active codes with a minor unit are currencies", "[core]") {
  CHECK(find_currency("XYZ") == nullptr);
  CHECK(find_currency("jpy") == nullptr);
  CHECK(find_currency("XAU") == nullptr);  // gold: no minor unit
  CHECK(find_currency("HRK") == nullptr);  // withdrawn in 2023
  CHECK(all_currencies().size() > 150);
  for (std::size_t i = 1; i < all_currencies().size(); ++i) {
    CHECK(all_currencies()[i - 1].code < all_currencies()[i].code);
    CHECK(find_currency(all_currencies()[i].code) == &all_currencies()[i]);
  }
}

TEST_CASE("money: an unknown code is named with the nearest valid one", "[core]") {
  CHECK(currency_code_problem("YEN") ==
        "expected an ISO 4217 code like JPY, USD or EUR; did you mean 'JPY'?");
  CHECK(currency_code_problem("円") ==
        "expected an ISO 4217 code like JPY, USD or EUR; did you mean 'JPY'?");
  CHECK(currency_code_problem("usd") ==
        "expected an ISO 4217 code like JPY, USD or EUR; did you mean 'USD'?");
  CHECK(currency_code_problem("RMB") ==
        "expected an ISO 4217 code like JPY, USD or EUR; did you mean 'CNY'?");
  CHECK(currency_code_problem("ZAX") ==
        "expected an ISO 4217 code like JPY, USD or EUR; did you mean 'ZAR'?");
  CHECK(currency_code_problem("dollars") == "expected an ISO 4217 code like JPY, USD or EUR");
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
  CHECK(format_money(Money(4980, currency("JPY")), Language::en) == "¥4,980");
  CHECK(format_money(Money(4980, currency("USD")), Language::en) == "$49.80");
  CHECK(format_money(Money(123456789, currency("GBP")), Language::en) == "£1,234,567.89");
  CHECK(format_money(Money(-120050, currency("EUR")), Language::en) == "-€1,200.50");
  CHECK(format_money(Money(5, currency("USD")), Language::en) == "$0.05");
  CHECK(format_money(Money(0, currency("JPY")), Language::en) == "¥0");
  CHECK(format_money(Money(999, currency("JPY")), Language::en) == "¥999");
  CHECK(format_money(Money(100000, currency("KRW")), Language::en) == "₩100,000");
  CHECK(format_money(Money(1999, currency("AUD")), Language::en) == "A$19.99");
}

TEST_CASE("money: a currency without a symbol of its own is written with its code", "[core]") {
  CHECK(format_money(Money(129900, currency("INR")), Language::en) == "₹1,299.00");
  CHECK(format_money(Money(129900, currency("ZAR")), Language::en) == "ZAR 1,299.00");
  CHECK(format_money(Money(-129900, currency("ZAR")), Language::en) == "-ZAR 1,299.00");
  CHECK(format_money(Money(1990, currency("CHF")), Language::en) == "CHF 19.90");
  CHECK(format_money(Money(1234500, currency("KWD")), Language::en) == "KWD 1,234.500");
  CHECK(format_money(Money(12345, currency("CLF")), Language::en) == "CLF 1.2345");
  CHECK(format_money(Money(150000, currency("CLP")), Language::en) == "CLP 150,000");
}

TEST_CASE("money: Japanese writes yen as a receipt does, other currencies as English", "[core]") {
  CHECK(format_money(Money(1680, currency("JPY")), Language::ja) == "1,680円");
  CHECK(format_money(Money(-500, currency("JPY")), Language::ja) == "-500円");
  CHECK(format_money(Money(0, currency("JPY")), Language::ja) == "0円");
  CHECK(format_money(Money(1234567, currency("JPY")), Language::ja) == "1,234,567円");
  CHECK(format_money(Money(4980, currency("USD")), Language::ja) == "$49.80");
  CHECK(format_money(Money(5000, currency("CNY")), Language::ja) == "CN¥50.00");
  CHECK(format_money(Money(129900, currency("ZAR")), Language::ja) == "ZAR 1,299.00");
  CHECK(format_money(Money(1234500, currency("KWD")), Language::ja) == "KWD 1,234.500");
}

TEST_CASE("money: the plain major-unit form of JSON and CSV", "[core]") {
  CHECK(format_major(Money(4980, currency("JPY"))) == "4980");
  CHECK(format_major(Money(4980, currency("USD"))) == "49.80");
  CHECK(format_major(Money(-7, currency("USD"))) == "-0.07");
  CHECK(format_major(Money(1234567, currency("GBP"))) == "12345.67");
}
