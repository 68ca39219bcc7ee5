#include "segments_output.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "csv_output.hpp"
#include "json_fields.hpp"
#include "text_table.hpp"
#include "tsuikyaku/core/decimal.hpp"
#include "tsuikyaku/core/i18n.hpp"
#include "tsuikyaku/core/money.hpp"

namespace tsuikyaku::cli {
namespace {

using Align = TextTable::Align;
// Insertion order, so the fields read in the order docs/json.md lists them.

constexpr std::size_t k_flush_bytes = 1 << 16;

// "25.1%": shares in tenths of a percent, rounded half to even.
std::string percent(std::int64_t part, std::int64_t whole) {
  return core::format_plain(segment::scaled_ratio(part, whole, 1000), 1) + "%";
}

std::string money(std::int64_t minor, const config::Config& config) {
  return core::format_money(core::Money(minor, *config.shop.currency), core::ui_format_language());
}

std::string plain(std::int64_t minor, const config::Config& config) {
  return core::format_plain(minor, config.shop.currency->exponent);
}

std::string money_or_dash(const std::optional<std::int64_t>& minor, const config::Config& config) {
  return minor ? money(*minor, config) : "-";
}

json plain_or_null(const std::optional<std::int64_t>& minor, const config::Config& config) {
  return minor ? json(plain(*minor, config)) : json(nullptr);
}

json totals_json(const segment::SegmentTotals& totals, const config::Config& config) {
  return {{"customers", totals.customers},
          {"orders", totals.orders},
          {"revenue", plain(totals.revenue, config)},
          {"average_order_value", plain_or_null(totals.average_order_value(), config)},
          {"average_spend", plain_or_null(totals.average_spend(), config)}};
}

// core::format_iso for every row of a long listing: the offset's text is reused while the
// offset stays the same, and digits are written in place (a listing of 300,000 customers
// spent a fifth of its time in the general formatter).
class IsoFormatter {
 public:
  explicit IsoFormatter(const core::TimeZone& zone) : m_zone(zone) {}

  void append(std::string& out, core::Instant t) {
    const core::Seconds offset = m_zone.offset_at(t);
    if (m_offset_text.empty() || offset != m_offset) {
      m_offset = offset;
      m_offset_text = core::format_offset(offset);
    }
    const core::CivilFields c = core::civil(core::LocalTime{(t + offset).time_since_epoch()});
    append_digits(out, c.year, 4);
    for (const auto& [separator, value] :
         {std::pair{'-', c.month}, std::pair{'-', c.day}, std::pair{'T', c.hour},
          std::pair{':', c.minute}, std::pair{':', c.second}}) {
      out += separator;
      append_digits(out, value, 2);
    }
    out += m_offset_text;
  }

  std::string operator()(core::Instant t) {
    std::string out;
    append(out, t);
    return out;
  }

 private:
  static void append_digits(std::string& out, int value, int width) {
    char digits[8];
    for (int i = width - 1; i >= 0; --i) {
      digits[i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
    out.append(digits, static_cast<std::size_t>(width));
  }

  const core::TimeZone& m_zone;
  core::Seconds m_offset{0};
  std::string m_offset_text;
};

// ",123": a CSV field of ours that needs no quoting, without a format string to parse.
void append_number(std::string& out, std::int64_t value) {
  const fmt::format_int digits(value);
  out += ',';
  out.append(digits.data(), digits.size());
}

// Compact JSON; a byte sequence that is not UTF-8 becomes U+FFFD instead of an exception
// (the import stores UTF-8 only, but a hand-edited database may not).
std::string dump(const json& value, int indent = -1) {
  return value.dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace

void print_segments_table(std::ostream& out, const app::SegmentsResult& result,
                          const config::Config& config, bool quiet) {
  const core::TimeZone& zone = config.shop.timezone;
  if (!quiet) {
    out << core::trf("Segments as of {} ({} scoring)", core::format_iso(result.as_of, zone),
                     segment::scoring_name(result.scoring))
        << "\n\n";
  }
  TextTable table({{core::tr("segment")},
                   {core::tr("customers"), Align::right},
                   {core::tr("share"), Align::right},
                   {core::tr("orders"), Align::right},
                   {core::tr("revenue"), Align::right},
                   {core::tr("avg order"), Align::right},
                   {core::tr("avg spend"), Align::right}});
  const std::int64_t all = result.summary.total.customers;
  const auto add = [&](const segment::SegmentTotals& t) {
    table.add_row({t.name, std::to_string(t.customers), percent(t.customers, all),
                   std::to_string(t.orders), money(t.revenue, config),
                   money_or_dash(t.average_order_value(), config),
                   money_or_dash(t.average_spend(), config)});
  };
  for (const auto& totals : result.summary.segments) add(totals);
  add(result.summary.total);
  table.print(out);
  if (all == 0 && !quiet) {
    out << '\n'
        << core::tr("No customer has an order that counts (paid or pending, placed by the as-of).")
        << '\n'
        << core::tr("Import orders first: tsuikyaku import orders.csv") << '\n';
  }
}

void print_segments_json(std::ostream& out, const app::SegmentsResult& result,
                         const config::Config& config) {
  const std::int64_t all = result.summary.total.customers;
  json segments = json::array();
  for (const auto& totals : result.summary.segments) {
    json entry = {{"name", totals.name}};
    entry.update(totals_json(totals, config));
    // A fraction of all customers, to four decimals: 0.2512.
    entry["share"] =
        static_cast<double>(segment::scaled_ratio(totals.customers, all, 10000)) / 10000.0;
    segments.push_back(std::move(entry));
  }
  const json document = {{"as_of", core::format_iso(result.as_of, config.shop.timezone)},
                         {"scoring", segment::scoring_name(result.scoring)},
                         {"currency", config.shop.currency->code},
                         {"segments", std::move(segments)},
                         {"totals", totals_json(result.summary.total, config)}};
  out << dump(document, 2) << '\n';
}

void print_list_table(std::ostream& out, const app::SegmentListResult& result,
                      const config::Config& config) {
  TextTable table({{"customer_key"},
                   {"email"},
                   {"name"},
                   {"segment"},
                   {"frequency", Align::right},
                   {"monetary", Align::right},
                   {"last_order_at"},
                   {"recency_days", Align::right},
                   {"r", Align::right},
                   {"f", Align::right},
                   {"m", Align::right}});
  IsoFormatter iso(config.shop.timezone);
  for (std::size_t row = 0; row < result.size(); ++row) {
    const app::ListedCustomer c = result[row];
    table.add_row({std::string(c.customer_key), std::string(c.contact.email),
                   std::string(c.contact.name), std::string(c.segment),
                   std::to_string(c.rfm.frequency), plain(c.rfm.monetary, config),
                   iso(c.last_order_at), std::to_string(c.rfm.recency_days),
                   std::to_string(c.rfm.r), std::to_string(c.rfm.f), std::to_string(c.rfm.m)});
  }
  table.print(out);
}

void print_list_csv(std::ostream& out, const app::SegmentListResult& result,
                    const config::Config& config) {
  IsoFormatter iso(config.shop.timezone);
  std::string buffer(csv::k_bom);
  buffer +=
      "customer_key,email,name,segment,frequency,monetary,last_order_at,recency_days,r,f,m,"
      "postal_code,address,address2,city,region,country,phone";
  buffer += csv::k_record_end;
  for (std::size_t row = 0; row < result.size(); ++row) {
    const app::ListedCustomer c = result[row];
    csv::append_text(buffer, c.customer_key);
    for (const std::string_view text : {c.contact.email, c.contact.name, c.segment}) {
      buffer += ',';
      csv::append_text(buffer, text);
    }
    append_number(buffer, c.rfm.frequency);
    buffer += ',';
    buffer += plain(c.rfm.monetary, config);
    buffer += ',';
    iso.append(buffer, c.last_order_at);
    for (const std::int64_t number : {c.rfm.recency_days, std::int64_t{c.rfm.r},
                                      std::int64_t{c.rfm.f}, std::int64_t{c.rfm.m}}) {
      append_number(buffer, number);
    }
    for (const std::string_view text :
         {c.contact.postal_code, c.contact.address, c.contact.address2, c.contact.city,
          c.contact.region, c.contact.country, c.contact.phone}) {
      buffer += ',';
      csv::append_text(buffer, text);
    }
    buffer += csv::k_record_end;
    if (buffer.size() > k_flush_bytes) {
      out << buffer;
      buffer.clear();
    }
  }
  out << buffer;
}

void print_list_json(std::ostream& out, const app::SegmentListResult& result,
                     const config::Config& config, const std::optional<std::string>& segment) {
  const core::TimeZone& zone = config.shop.timezone;
  IsoFormatter iso(zone);
  out << "{\"as_of\": " << dump(core::format_iso(result.as_of(), zone))
      << ", \"segment\": " << dump(segment ? json(*segment) : json(nullptr))
      << ", \"customers\": [";
  std::string buffer;
  bool first = true;
  for (std::size_t row = 0; row < result.size(); ++row) {
    const app::ListedCustomer c = result[row];
    json fields = {{"customer_key", std::string(c.customer_key)},
                   {"email", text_or_null(c.contact.email)},
                   {"name", text_or_null(c.contact.name)},
                   {"segment", std::string(c.segment)},
                   {"frequency", c.rfm.frequency},
                   {"monetary", plain(c.rfm.monetary, config)},
                   {"last_order_at", iso(c.last_order_at)},
                   {"recency_days", c.rfm.recency_days},
                   {"r", c.rfm.r},
                   {"f", c.rfm.f},
                   {"m", c.rfm.m}};
    add_postal_fields(fields, c.contact);
    buffer += first ? "\n  " : ",\n  ";
    buffer += dump(fields);
    first = false;
    if (buffer.size() > k_flush_bytes) {
      out << buffer;
      buffer.clear();
    }
  }
  out << buffer << (first ? "]}\n" : "\n]}\n");
}

}  // namespace tsuikyaku::cli
