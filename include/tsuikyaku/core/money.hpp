#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "tsuikyaku/core/language.hpp"

// Money in integer minor units of an ISO 4217 currency (SPEC §4): JPY has 0 decimals,
// USD 2. Never floating point.

namespace tsuikyaku::core {

struct Currency {
  std::string_view code;    // "JPY"
  int exponent = 0;         // decimals of the minor unit: JPY 0, USD 2
  std::string_view symbol;  // "¥", "$", "A$"; empty: the amount is written with the code
};

// The currency with this ISO 4217 code (case-sensitive, "JPY"), or nullptr when it is not
// an active ISO 4217 currency with a minor unit (src/core/currency_table.cpp).
const Currency* find_currency(std::string_view code);

// Every currency of the table, sorted by code.
std::span<const Currency> all_currencies();

// What is wrong with a code find_currency() does not know, for a config error: the
// expected form, and the nearest valid code when there is one ("jpy", "YEN", "円" and
// "USX" are read as JPY, JPY, JPY and USD).
std::string currency_code_problem(std::string_view code);

class Money {
 public:
  Money(std::int64_t minor, const Currency& currency) : m_minor(minor), m_currency(&currency) {}

  std::int64_t minor() const { return m_minor; }
  const Currency& currency() const { return *m_currency; }

 private:
  std::int64_t m_minor;
  const Currency* m_currency;  // points into the static currency table
};

enum class AmountError {
  empty,
  invalid,            // not a number
  too_many_decimals,  // "49.805" in USD, "4980.5" in JPY
  out_of_range,
};

struct AmountParse {
  std::int64_t minor = 0;
  bool ok = false;
  AmountError error = AmountError::invalid;  // meaningful when !ok
};

// Parses a major-unit amount as exports write it ("4980", "4,980", "49.80", "-5") into
// minor units of the currency. Extra zero decimals are exact and accepted ("4980.00" in
// JPY); any other digit beyond the currency's exponent is too_many_decimals.
AmountParse parse_amount(std::string_view text, const Currency& currency);

// Human form with thousands separators, as the language writes it. In English after the
// currency's symbol ("¥4,980", "$49.80", "-£1,200.50", "₹1,299.00") or, for a currency
// without one, after its code and a space ("ZAR 1,299.00", "KWD 12.500", "CHF 19.90").
// Japanese writes yen as a receipt does, "4,980円" ("-500円"), and every other currency
// as English does ("$49.80"). The one rule for mail, reports and screens.
std::string format_money(const Money& money, Language language);

// The plain decimal of JSON and CSV output: "4980", "49.80" (SPEC §11).
std::string format_major(const Money& money);

}  // namespace tsuikyaku::core
