#include "tsuikyaku/core/money.hpp"

#include <array>

#include "tsuikyaku/core/decimal.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::core {
namespace {

// ISO 4217 minor-unit exponents. The symbols are the ones a shop's customers read:
// the bare symbol for the currencies that own it, a prefixed one where it is shared.
constexpr std::array k_currencies{
    Currency{"AUD", 2, "A$"},  Currency{"CAD", 2, "CA$"}, Currency{"CHF", 2, "CHF "},
    Currency{"CNY", 2, "CN¥"}, Currency{"EUR", 2, "€"},   Currency{"GBP", 2, "£"},
    Currency{"HKD", 2, "HK$"}, Currency{"JPY", 0, "¥"},   Currency{"KRW", 0, "₩"},
    Currency{"NZD", 2, "NZ$"}, Currency{"SGD", 2, "S$"},  Currency{"TWD", 2, "NT$"},
    Currency{"USD", 2, "$"},
};

}  // namespace

const Currency* find_currency(std::string_view code) {
  for (const auto& currency : k_currencies) {
    if (currency.code == code) return &currency;
  }
  return nullptr;
}

std::string known_currency_codes() {
  std::string out;
  for (const auto& currency : k_currencies) {
    if (!out.empty()) out += ", ";
    out += currency.code;
  }
  return out;
}

AmountParse parse_amount(std::string_view text, const Currency& currency) {
  const DecimalParse parsed = parse_decimal(text);
  if (!parsed.value) {
    switch (parsed.error) {
      case DecimalError::empty:
        return {0, false, AmountError::empty};
      case DecimalError::too_many_digits:
        return {0, false, AmountError::out_of_range};
      case DecimalError::invalid:
        break;
    }
    return {0, false, AmountError::invalid};
  }
  if (parsed.value->scale > currency.exponent) return {0, false, AmountError::too_many_decimals};
  const auto minor = to_minor_exact(*parsed.value, currency.exponent);
  if (!minor) return {0, false, AmountError::out_of_range};
  return {*minor, true, AmountError::invalid};
}

std::string format_major(const Money& money) {
  return format_plain(money.minor(), money.currency().exponent);
}

std::string format_money(const Money& money) {
  std::string plain = format_major(money);
  const bool negative = !plain.empty() && plain.front() == '-';
  if (negative) plain.erase(0, 1);
  const auto dot = plain.find('.');
  std::string integer = group_digits(std::string_view(plain).substr(0, dot));
  std::string out = negative ? "-" : "";
  out += money.currency().symbol;
  out += integer;
  if (dot != std::string::npos) out += plain.substr(dot);
  return out;
}

}  // namespace tsuikyaku::core
