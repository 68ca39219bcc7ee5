#include "tsuikyaku/core/money.hpp"

#include "tsuikyaku/core/decimal.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::core {

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

std::string format_money(const Money& money, Language language) {
  std::string plain = format_major(money);
  const bool negative = !plain.empty() && plain.front() == '-';
  if (negative) plain.erase(0, 1);
  const auto dot = plain.find('.');
  std::string integer = group_digits(std::string_view(plain).substr(0, dot));
  std::string out = negative ? "-" : "";
  if (language == Language::ja && money.currency().code == "JPY") return out + integer + "円";
  if (money.currency().symbol.empty()) {
    out += money.currency().code;
    out += ' ';
  } else {
    out += money.currency().symbol;
  }
  out += integer;
  if (dot != std::string::npos) out += plain.substr(dot);
  return out;
}

}  // namespace tsuikyaku::core
