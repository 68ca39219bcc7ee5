#include "tsuikyaku/import/row_parser.hpp"

#include <fmt/format.h>

#include <charconv>

#include "adjacent_fields.hpp"
#include "tsuikyaku/core/email.hpp"
#include "tsuikyaku/core/escape.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::ingest {
namespace {

constexpr std::string_view k_iso_example = "2025-12-06 10:37:33";

// Bounds that keep Σ quantity × unit_price exact in 128 bits (line_items.cpp).
constexpr std::int64_t k_max_quantity = 1'000'000'000;
constexpr std::int64_t k_max_price_digits = 1'000'000'000'000'000;

// Spreadsheets write numeric ids as floats ("17850.0"); the id is the integer.
std::string_view plain_id(std::string_view id) {
  const auto dot = id.find('.');
  if (dot == std::string_view::npos || dot == 0) return id;
  const auto digits = id.substr(0, dot);
  const auto zeros = id.substr(dot + 1);
  if (zeros.empty() || zeros.find_first_not_of('0') != std::string_view::npos) return id;
  if (digits.find_first_not_of("0123456789") != std::string_view::npos) return id;
  return digits;
}

// A leading apostrophe is how exports keep a spreadsheet from eating a zip's or phone's
// leading zero ("'0123"); it is not part of the value.
std::string_view without_apostrophe(std::string_view text) {
  if (!text.empty() && text.front() == '\'') text.remove_prefix(1);
  return text;
}

std::optional<bool> read_flag(std::string_view text) {
  const std::string lowered = core::to_lower_ascii(text);
  for (const char* yes : {"yes", "true", "1", "y"}) {
    if (lowered == yes) return true;
  }
  for (const char* no : {"no", "false", "0", "n"}) {
    if (lowered == no) return false;
  }
  return std::nullopt;
}

std::string amount_problem(core::AmountError error, const core::Currency& currency) {
  switch (error) {
    case core::AmountError::too_many_decimals:
      return fmt::format("has more decimals than {} allows", currency.code);
    case core::AmountError::out_of_range:
      return "is out of range";
    case core::AmountError::empty:
    case core::AmountError::invalid:
      break;
  }
  return "is not an amount";
}

}  // namespace

std::string customer_match_key_of_id(std::string_view customer_id) {
  return "id:" + std::string(customer_id);
}

std::string customer_match_key_of_email(std::string_view address) {
  return "email:" + core::address_match_key(address);
}

void OrderRecord::clear() {
  line = 0;
  for (std::string* text : {&order_key, &customer_id, &email, &customer_key, &match_key, &name,
                            &postal_code, &address, &address2, &city, &region, &country, &phone,
                            &status, &tracking_number, &carrier, &discount_code}) {
    text->clear();
  }
  ordered_at.reset();
  total_minor.reset();
  shipped_at.reset();
  delivered_at.reset();
  cancelled_at.reset();
  accepts_marketing.reset();
  lines.clear();
}

RowParser::RowParser(const Mapping& mapping, const ColumnBinding& binding,
                     const core::Currency& currency, core::TimeZone zone,
                     std::optional<core::Instant> now)
    : m_mapping(mapping),
      m_binding(binding),
      m_currency(currency),
      m_time_zone(zone),
      m_now(now),
      m_zone(zone) {}

core::Status RowParser::read_time(std::string_view text, Field field,
                                  std::optional<core::Instant>& out) const {
  if (text.empty()) return {};
  const auto parsed =
      m_mapping.date_format ? m_mapping.date_format->parse(text) : core::parse_datetime(text);
  if (!parsed) {
    const std::string_view like =
        m_mapping.date_format ? std::string_view(m_mapping.date_format->pattern()) : k_iso_example;
    return core::Failure{
        fmt::format("{}: \"{}\" is not a date-time like {}", column(field), text, like)};
  }
  out = core::resolve(*parsed, m_zone);
  if (m_now && core::to_unix(*out) < 0) {
    return core::Failure{fmt::format("{}: \"{}\" is before 1970; expected a date from 1970-01-01",
                                     column(field), text)};
  }
  if (m_now && *out > *m_now + k_future_window) {
    return core::Failure{fmt::format(
        "{}: \"{}\" is more than a year after the import; expected a date up to {}", column(field),
        text, core::format_date(m_time_zone.to_local(*m_now + k_future_window)))};
  }
  return {};
}

core::Status RowParser::read_line_item(std::span<const std::string_view> fields,
                                       OrderRecord& out) const {
  const auto value = [&](Field field) { return value_of(fields, field); };
  const std::string_view quantity = value(Field::quantity);
  const std::string_view price = value(Field::unit_price);
  if (quantity.empty() && price.empty()) return {};  // an order row without an item
  OrderLine item;
  const char* first = quantity.data() + (quantity.starts_with('+') ? 1 : 0);
  const char* last = quantity.data() + quantity.size();
  const auto [end, ec] = std::from_chars(first, last, item.quantity);
  if (quantity.empty() || ec != std::errc{} || end != last) {
    return core::Failure{
        fmt::format("{}: \"{}\" is not a whole number", column(Field::quantity), quantity)};
  }
  if (item.quantity > k_max_quantity || item.quantity < -k_max_quantity) {
    return core::Failure{
        fmt::format("{}: \"{}\" is out of range", column(Field::quantity), quantity)};
  }
  const core::DecimalParse parsed = core::parse_decimal(price);
  if (parsed.value && (parsed.value->mantissa > k_max_price_digits ||
                       parsed.value->mantissa < -k_max_price_digits)) {
    return core::Failure{
        fmt::format("{}: \"{}\" is out of range", column(Field::unit_price), price)};
  }
  if (!parsed.value) {
    return core::Failure{
        m_binding.has(Field::unit_price)
            ? fmt::format("{}: \"{}\" is not an amount", column(Field::unit_price), price)
            : "no column for unit_price"};
  }
  item.unit_price = *parsed.value;
  item.sku = value(Field::sku);
  item.description = value(Field::description);
  out.lines.push_back(std::move(item));
  return {};
}

std::string_view RowParser::value_of(std::span<const std::string_view> fields, Field field) const {
  const int at = m_binding.at(field);
  return at < 0 ? std::string_view{} : core::trim(fields[static_cast<std::size_t>(at)]);
}

void RowParser::text_of(std::span<const std::string_view> fields, Field field, int at,
                        std::string& out) const {
  out.clear();
  const auto add = [&](int index) {
    if (index < 0) return;
    const std::string_view text = core::trim(fields[static_cast<std::size_t>(index)]);
    if (text.empty()) return;
    if (!out.empty()) out += ' ';
    out += text;
  };
  add(at);
  if (at == m_binding.at(field)) {
    for (const int more : m_binding.joined[static_cast<std::size_t>(field)]) add(more);
  }
}

void RowParser::read_postal(std::span<const std::string_view> fields, OrderRecord& out) const {
  const std::array<std::string*, k_postal_fields.size()> targets{
      &out.postal_code, &out.address, &out.address2, &out.city, &out.region, &out.country};
  bool any = false;
  for (std::size_t i = 0; i < k_postal_fields.size(); ++i) {
    text_of(fields, k_postal_fields[i], m_binding.at(k_postal_fields[i]), *targets[i]);
    any = any || !targets[i]->empty();
  }
  if (!any) {
    for (std::size_t i = 0; i < k_postal_fields.size(); ++i) {
      const int at = m_binding.fallback[static_cast<std::size_t>(k_postal_fields[i])];
      text_of(fields, k_postal_fields[i], at, *targets[i]);
    }
  }
  if (out.postal_code.starts_with('\'')) out.postal_code.erase(0, 1);  // "'0123", as phone
}

// Every value goes somewhere a line break or a control character does harm: a mail header,
// a CSV for the printer, a terminal (SPEC §7).
core::Status RowParser::one_line_values(std::span<const std::string_view> fields) const {
  // Most rows have no control character in any column: one pass over the whole row says
  // so. Otherwise (it may be in a column the mapping ignores) each value is looked at.
  if (const auto whole = adjacent_fields(fields); whole && !core::has_control_chars(*whole)) {
    return {};
  }
  const auto problem = [&](int at) -> core::Status {
    if (at < 0) return {};
    const std::string_view text = fields[static_cast<std::size_t>(at)];
    if (!core::has_control_chars(text)) return {};
    const bool line_break = text.find_first_of("\r\n") != std::string_view::npos;
    return core::Failure{fmt::format("{}: {} in a one-line field",
                                     m_binding.header[static_cast<std::size_t>(at)],
                                     line_break ? "a line break" : "a control character")};
  };
  for (std::size_t i = 0; i < k_field_count; ++i) {
    if (core::Status good = problem(m_binding.index[i]); !good) return good;
    if (core::Status good = problem(m_binding.fallback[i]); !good) return good;
    for (const int more : m_binding.joined[i]) {
      if (core::Status good = problem(more); !good) return good;
    }
  }
  return {};
}

// A name or an address that a bidirectional control would show in another order than its
// bytes (U+202E makes "gpj.exe" read "exe.jpg").
core::Status RowParser::no_bidi_controls(std::span<const std::string_view> fields) const {
  // Every such character starts with the byte E2: most rows have none in any column.
  if (const auto whole = adjacent_fields(fields);
      whole && whole->find('\xE2') == std::string_view::npos) {
    return {};
  }
  const auto problem = [&](int at) -> core::Status {
    if (at < 0) return {};
    const char32_t bidi = core::bidi_control(fields[static_cast<std::size_t>(at)]);
    if (bidi == 0) return {};
    return core::Failure{fmt::format(
        "{}: a bidirectional control character (U+{:04X}) in a name or an address, which "
        "would show its text in another order",
        m_binding.header[static_cast<std::size_t>(at)], static_cast<unsigned>(bidi))};
  };
  for (const Field field : {Field::name, Field::email, Field::postal_code, Field::address,
                            Field::address2, Field::city, Field::region, Field::country}) {
    const auto i = static_cast<std::size_t>(field);
    if (core::Status good = problem(m_binding.index[i]); !good) return good;
    if (core::Status good = problem(m_binding.fallback[i]); !good) return good;
    for (const int more : m_binding.joined[i]) {
      if (core::Status good = problem(more); !good) return good;
    }
  }
  return {};
}

core::Status RowParser::parse(std::span<const std::string_view> fields, OrderRecord& out) const {
  if (fields.size() != m_binding.width) {
    return core::Failure{fmt::format("{} field{}, but the header has {}", fields.size(),
                                     fields.size() == 1 ? "" : "s", m_binding.width)};
  }
  if (core::Status good = one_line_values(fields); !good) return good;
  if (core::Status good = no_bidi_controls(fields); !good) return good;
  const auto value = [&](Field field) { return value_of(fields, field); };
  text_of(fields, Field::order_id, m_binding.at(Field::order_id), out.order_key);
  out.customer_id = plain_id(value(Field::customer_id));
  const std::string_view email = value(Field::email);
  if (!email.empty()) {
    if (!core::is_valid_address(email)) {
      return core::Failure{
          fmt::format("{}: \"{}\" is not a mail address", column(Field::email), email)};
    }
    out.email = core::with_lower_domain(email);
  }
  text_of(fields, Field::name, m_binding.at(Field::name), out.name);
  read_postal(fields, out);
  out.phone = without_apostrophe(value(Field::phone));
  out.tracking_number = without_apostrophe(value(Field::tracking_number));
  text_of(fields, Field::carrier, m_binding.at(Field::carrier), out.carrier);
  out.discount_code = value(Field::discount_code);
  for (const auto& [field, time] : {std::pair{Field::ordered_at, &out.ordered_at},
                                    std::pair{Field::shipped_at, &out.shipped_at},
                                    std::pair{Field::delivered_at, &out.delivered_at},
                                    std::pair{Field::cancelled_at, &out.cancelled_at}}) {
    if (core::Status good = read_time(value(field), field, *time); !good) return good;
  }
  if (const std::string_view total = value(Field::total); !total.empty()) {
    const core::AmountParse amount = core::parse_amount(total, m_currency);
    if (!amount.ok) {
      return core::Failure{fmt::format("{}: \"{}\" {}", column(Field::total), total,
                                       amount_problem(amount.error, m_currency))};
    }
    out.total_minor = amount.minor;
  }
  if (const std::string_view currency = value(Field::currency);
      !currency.empty() && !core::iequals_ascii(currency, m_currency.code)) {
    return core::Failure{fmt::format("{}: \"{}\" is not the import's currency ({})",
                                     column(Field::currency), currency, m_currency.code)};
  }
  if (const std::string_view status = value(Field::status); !status.empty()) {
    out.status = core::to_lower_ascii(status);
    for (const auto& [from, to] : m_mapping.statuses) {
      if (core::iequals_ascii(core::trim(from), status)) out.status = to;
    }
  }
  if (const std::string_view flag = value(Field::accepts_marketing); !flag.empty()) {
    out.accepts_marketing = read_flag(flag);
    if (!out.accepts_marketing) {
      return core::Failure{fmt::format("{}: \"{}\" is not yes/no, true/false or 1/0",
                                       column(Field::accepts_marketing), flag)};
    }
  } else if (m_binding.has(Field::accepts_marketing) && !m_mapping.line_items()) {
    out.accepts_marketing = false;  // the column is there and says nothing: no (SPEC §3)
  }
  return m_mapping.line_items() ? read_line_item(fields, out) : core::Status();
}

core::Status RowParser::complete(OrderRecord& order) const {
  const auto missing = [&](Field field) {
    return core::Status(core::Failure{fmt::format("missing {}", column(field))});
  };
  if (order.order_key.empty()) return missing(Field::order_id);
  if (!order.ordered_at) return missing(Field::ordered_at);
  if (!order.customer_id.empty()) {
    order.customer_key = order.customer_id;
    order.match_key = customer_match_key_of_id(order.customer_id);
  } else if (!order.email.empty()) {
    order.customer_key = order.email;
    order.match_key = customer_match_key_of_email(order.email);
  } else if (m_binding.has(Field::customer_id) && m_binding.has(Field::email)) {
    return core::Failure{
        fmt::format("missing {} and {}", column(Field::customer_id), column(Field::email))};
  } else {
    return missing(m_binding.has(Field::email) ? Field::email : Field::customer_id);
  }
  if (!order.total_minor)
    return missing(m_binding.has(Field::total) ? Field::total : Field::unit_price);
  if (order.cancelled_at || (!m_mapping.cancelled_id_prefix.empty() &&
                             order.order_key.starts_with(m_mapping.cancelled_id_prefix))) {
    order.status = "cancelled";
  }
  return {};
}

}  // namespace tsuikyaku::ingest
