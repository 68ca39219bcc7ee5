#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "tsuikyaku/core/money.hpp"
#include "tsuikyaku/core/strings.hpp"

// The active codes of ISO 4217 (list one) with their minor units. Funds codes that shops
// may meet (CLF, UYW) keep their four decimals; precious metals, SDRs and the testing
// codes have no minor unit and are left out. A symbol is given only where customers read
// it as this currency and no other ("$" is the US dollar, other dollars are prefixed);
// every other currency prints with its code (docs/config.md, "Currencies").

namespace tsuikyaku::core {
namespace {

constexpr std::array k_currencies{
    Currency{"AED", 2, ""},    Currency{"AFN", 2, ""},    Currency{"ALL", 2, ""},
    Currency{"AMD", 2, ""},    Currency{"ANG", 2, ""},    Currency{"AOA", 2, ""},
    Currency{"ARS", 2, ""},    Currency{"AUD", 2, "A$"},  Currency{"AWG", 2, ""},
    Currency{"AZN", 2, ""},    Currency{"BAM", 2, ""},    Currency{"BBD", 2, ""},
    Currency{"BDT", 2, ""},    Currency{"BGN", 2, ""},    Currency{"BHD", 3, ""},
    Currency{"BIF", 0, ""},    Currency{"BMD", 2, ""},    Currency{"BND", 2, ""},
    Currency{"BOB", 2, ""},    Currency{"BOV", 2, ""},    Currency{"BRL", 2, "R$"},
    Currency{"BSD", 2, ""},    Currency{"BTN", 2, ""},    Currency{"BWP", 2, ""},
    Currency{"BYN", 2, ""},    Currency{"BZD", 2, ""},    Currency{"CAD", 2, "CA$"},
    Currency{"CDF", 2, ""},    Currency{"CHE", 2, ""},    Currency{"CHF", 2, ""},
    Currency{"CHW", 2, ""},    Currency{"CLF", 4, ""},    Currency{"CLP", 0, ""},
    Currency{"CNY", 2, "CN¥"}, Currency{"COP", 2, ""},    Currency{"COU", 2, ""},
    Currency{"CRC", 2, ""},    Currency{"CUP", 2, ""},    Currency{"CVE", 2, ""},
    Currency{"CZK", 2, ""},    Currency{"DJF", 0, ""},    Currency{"DKK", 2, ""},
    Currency{"DOP", 2, ""},    Currency{"DZD", 2, ""},    Currency{"EGP", 2, ""},
    Currency{"ERN", 2, ""},    Currency{"ETB", 2, ""},    Currency{"EUR", 2, "€"},
    Currency{"FJD", 2, ""},    Currency{"FKP", 2, ""},    Currency{"GBP", 2, "£"},
    Currency{"GEL", 2, ""},    Currency{"GHS", 2, ""},    Currency{"GIP", 2, ""},
    Currency{"GMD", 2, ""},    Currency{"GNF", 0, ""},    Currency{"GTQ", 2, ""},
    Currency{"GYD", 2, ""},    Currency{"HKD", 2, "HK$"}, Currency{"HNL", 2, ""},
    Currency{"HTG", 2, ""},    Currency{"HUF", 2, ""},    Currency{"IDR", 2, ""},
    Currency{"ILS", 2, "₪"},   Currency{"INR", 2, "₹"},   Currency{"IQD", 3, ""},
    Currency{"IRR", 2, ""},    Currency{"ISK", 0, ""},    Currency{"JMD", 2, ""},
    Currency{"JOD", 3, ""},    Currency{"JPY", 0, "¥"},   Currency{"KES", 2, ""},
    Currency{"KGS", 2, ""},    Currency{"KHR", 2, ""},    Currency{"KMF", 0, ""},
    Currency{"KPW", 2, ""},    Currency{"KRW", 0, "₩"},   Currency{"KWD", 3, ""},
    Currency{"KYD", 2, ""},    Currency{"KZT", 2, "₸"},   Currency{"LAK", 2, ""},
    Currency{"LBP", 2, ""},    Currency{"LKR", 2, ""},    Currency{"LRD", 2, ""},
    Currency{"LSL", 2, ""},    Currency{"LYD", 3, ""},    Currency{"MAD", 2, ""},
    Currency{"MDL", 2, ""},    Currency{"MGA", 2, ""},    Currency{"MKD", 2, ""},
    Currency{"MMK", 2, ""},    Currency{"MNT", 2, ""},    Currency{"MOP", 2, ""},
    Currency{"MRU", 2, ""},    Currency{"MUR", 2, ""},    Currency{"MVR", 2, ""},
    Currency{"MWK", 2, ""},    Currency{"MXN", 2, "MX$"}, Currency{"MXV", 2, ""},
    Currency{"MYR", 2, ""},    Currency{"MZN", 2, ""},    Currency{"NAD", 2, ""},
    Currency{"NGN", 2, "₦"},   Currency{"NIO", 2, ""},    Currency{"NOK", 2, ""},
    Currency{"NPR", 2, ""},    Currency{"NZD", 2, "NZ$"}, Currency{"OMR", 3, ""},
    Currency{"PAB", 2, ""},    Currency{"PEN", 2, ""},    Currency{"PGK", 2, ""},
    Currency{"PHP", 2, "₱"},   Currency{"PKR", 2, ""},    Currency{"PLN", 2, ""},
    Currency{"PYG", 0, ""},    Currency{"QAR", 2, ""},    Currency{"RON", 2, ""},
    Currency{"RSD", 2, ""},    Currency{"RUB", 2, "₽"}, Currency{"RWF", 0, ""},
    Currency{"SAR", 2, ""},    Currency{"SBD", 2, ""},    Currency{"SCR", 2, ""},
    Currency{"SDG", 2, ""},    Currency{"SEK", 2, ""},    Currency{"SGD", 2, "S$"},
    Currency{"SHP", 2, ""},    Currency{"SLE", 2, ""},    Currency{"SOS", 2, ""},
    Currency{"SRD", 2, ""},    Currency{"SSP", 2, ""},    Currency{"STN", 2, ""},
    Currency{"SVC", 2, ""},    Currency{"SYP", 2, ""},    Currency{"SZL", 2, ""},
    Currency{"THB", 2, "฿"},   Currency{"TJS", 2, ""},    Currency{"TMT", 2, ""},
    Currency{"TND", 3, ""},    Currency{"TOP", 2, ""},    Currency{"TRY", 2, "₺"},
    Currency{"TTD", 2, ""},    Currency{"TWD", 2, "NT$"}, Currency{"TZS", 2, ""},
    Currency{"UAH", 2, "₴"},   Currency{"UGX", 0, ""},    Currency{"USD", 2, "$"},
    Currency{"USN", 2, ""},    Currency{"UYI", 0, ""},    Currency{"UYU", 2, ""},
    Currency{"UYW", 4, ""},    Currency{"UZS", 2, ""},    Currency{"VED", 2, ""},
    Currency{"VES", 2, ""},    Currency{"VND", 0, "₫"},   Currency{"VUV", 0, ""},
    Currency{"WST", 2, ""},    Currency{"XAF", 0, ""},    Currency{"XCD", 2, ""},
    Currency{"XCG", 2, ""},    Currency{"XOF", 0, ""},    Currency{"XPF", 0, ""},
    Currency{"YER", 2, ""},    Currency{"ZAR", 2, ""},    Currency{"ZMW", 2, ""},
    Currency{"ZWG", 2, ""},
};

constexpr bool sorted_by_code() {
  for (std::size_t i = 1; i < k_currencies.size(); ++i) {
    if (!(k_currencies[i - 1].code < k_currencies[i].code)) return false;
  }
  return true;
}
static_assert(sorted_by_code(), "k_currencies must stay sorted by code (binary search)");

// What shop owners write instead of the code.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> k_aliases{{
    {"YEN", "JPY"},
    {"円", "JPY"},
    {"¥", "JPY"},
    {"RMB", "CNY"},
    {"元", "CNY"},
    {"$", "USD"},
    {"€", "EUR"},
    {"£", "GBP"},
}};

}  // namespace

const Currency* find_currency(std::string_view code) {
  const auto* it = std::lower_bound(
      k_currencies.begin(), k_currencies.end(), code,
      [](const Currency& currency, std::string_view key) { return currency.code < key; });
  if (it == k_currencies.end() || it->code != code) return nullptr;
  return &*it;
}

std::span<const Currency> all_currencies() { return k_currencies; }

std::string currency_code_problem(std::string_view code) {
  std::string message = "expected an ISO 4217 code like JPY, USD or EUR";
  std::string nearest;
  std::string upper(trim(code));
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (find_currency(upper) != nullptr) nearest = upper;
  for (const auto& [alias, target] : k_aliases) {
    if (nearest.empty() && upper == alias) nearest = target;
  }
  if (nearest.empty() && upper.size() == 3) {
    std::vector<std::string> codes;
    codes.reserve(k_currencies.size());
    for (const auto& currency : k_currencies) codes.emplace_back(currency.code);
    nearest = suggest(upper, codes);
  }
  if (!nearest.empty()) message += "; did you mean '" + nearest + "'?";
  return message;
}

}  // namespace tsuikyaku::core
