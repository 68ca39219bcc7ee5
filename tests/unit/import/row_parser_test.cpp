#include "tsuikyaku/import/row_parser.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/import/line_items.hpp"

using namespace tsuikyaku;
using ingest::Field;
using ingest::OrderRecord;

namespace {

// A mapping whose columns carry the model's names, like the generic preset.
ingest::Mapping named_mapping(const std::vector<Field>& fields) {
  ingest::Mapping mapping;
  mapping.name = "test";
  for (const Field field : fields) {
    mapping.columns[static_cast<std::size_t>(field)] = std::string(ingest::field_name(field));
  }
  return mapping;
}

const std::vector<Field> k_generic{Field::order_id,
                                   Field::customer_id,
                                   Field::email,
                                   Field::name,
                                   Field::ordered_at,
                                   Field::total,
                                   Field::currency,
                                   Field::status,
                                   Field::shipped_at,
                                   Field::cancelled_at,
                                   Field::accepts_marketing,
                                   Field::postal_code,
                                   Field::address,
                                   Field::phone};

// Parses one row of a generic file and completes it; the reason, or "" when good.
struct Parsed {
  std::string reason;
  OrderRecord order;
};

class Fixture {
 public:
  explicit Fixture(ingest::Mapping mapping) : m_mapping(std::move(mapping)) {
    std::vector<std::string> header;
    for (std::size_t i = 0; i < ingest::k_field_count; ++i) {
      if (!m_mapping.columns[i].empty()) header.push_back(m_mapping.columns[i]);
    }
    m_header = header;
    auto binding = ingest::bind_columns(m_mapping, header);
    REQUIRE(binding.ok());
    m_binding = std::move(binding).value();
  }

  // values: header name -> text; the rest empty.
  Parsed row(std::initializer_list<std::pair<std::string_view, std::string_view>> values) const {
    std::vector<std::string> texts(m_header.size());
    for (const auto& [column, text] : values) {
      for (std::size_t i = 0; i < m_header.size(); ++i) {
        if (m_header[i] == column) texts[i] = text;
      }
    }
    std::vector<std::string_view> fields(texts.begin(), texts.end());
    return parse(fields);
  }

  Parsed parse(const std::vector<std::string_view>& fields) const {
    const ingest::RowParser parser(m_mapping, m_binding, *core::find_currency("JPY"),
                                   *core::TimeZone::find("Asia/Tokyo"));
    Parsed out;
    core::Status good = parser.parse(fields, out.order);
    if (good) good = ingest::total_from_lines(out.order, parser.currency());
    if (good) good = parser.complete(out.order);
    out.reason = good.reason();
    return out;
  }

 private:
  ingest::Mapping m_mapping;
  ingest::ColumnBinding m_binding;
  std::vector<std::string> m_header;
};

Fixture generic() { return Fixture(named_mapping(k_generic)); }

std::string reason_of(std::initializer_list<std::pair<std::string_view, std::string_view>> extra) {
  std::vector<std::pair<std::string_view, std::string_view>> values{
      {"order_id", "A1"},
      {"email", "hanako@example.jp"},
      {"ordered_at", "2025-12-06 10:00"},
      {"total", "4980"}};
  for (const auto& [column, text] : extra) {
    bool replaced = false;
    for (auto& value : values) {
      if (value.first == column) {
        value.second = text;
        replaced = true;
      }
    }
    if (!replaced) values.emplace_back(column, text);
  }
  const Fixture fixture = generic();
  std::vector<std::string> texts(k_generic.size());
  for (const auto& [column, text] : values) {
    for (std::size_t i = 0; i < k_generic.size(); ++i) {
      if (ingest::field_name(k_generic[i]) == column) texts[i] = text;
    }
  }
  return fixture.parse({texts.begin(), texts.end()}).reason;
}

}  // namespace

TEST_CASE("import: a good row makes an order with an identity", "[import]") {
  const auto parsed = generic().row({{"order_id", " A1 "},
                                     {"email", "Hanako@Example.JP"},
                                     {"name", "山田 花子"},
                                     {"ordered_at", "2025-12-06 10:00"},
                                     {"total", "4,980"},
                                     {"accepts_marketing", "Yes"},
                                     {"postal_code", "'150-0001"},
                                     {"phone", "'090-1234-5678"}});
  REQUIRE(parsed.reason.empty());
  const OrderRecord& o = parsed.order;
  CHECK(o.order_key == "A1");
  CHECK(o.email == "Hanako@example.jp");
  CHECK(o.customer_key == "Hanako@example.jp");
  CHECK(o.match_key == "email:hanako@example.jp");
  CHECK(o.total_minor == 4980);
  CHECK(core::to_unix(*o.ordered_at) == 1764982800);  // 10:00 in Tokyo is 01:00 UTC
  CHECK(o.accepts_marketing == true);
  CHECK(o.postal_code == "150-0001");
  CHECK(o.phone == "090-1234-5678");
  CHECK(o.status.empty());  // "paid" is the store's default for a new order
}

TEST_CASE("import: a customer id wins over the e-mail and loses a spreadsheet's .0", "[import]") {
  const auto parsed = generic().row({{"order_id", "A1"},
                                     {"customer_id", "17850.0"},
                                     {"email", "x@example.jp"},
                                     {"ordered_at", "2025-12-06T10:00:00+09:00"},
                                     {"total", "1"}});
  REQUIRE(parsed.reason.empty());
  CHECK(parsed.order.customer_key == "17850");
  CHECK(parsed.order.match_key == "id:17850");
}

TEST_CASE("import: every rejection reason is worded exactly", "[import]") {
  CHECK(reason_of({}).empty());
  CHECK(reason_of({{"order_id", ""}}) == "missing order_id");
  CHECK(reason_of({{"ordered_at", " "}}) == "missing ordered_at");
  CHECK(reason_of({{"total", ""}}) == "missing total");
  CHECK(reason_of({{"email", ""}}) == "missing customer_id and email");
  CHECK(reason_of({{"ordered_at", "2025-13-01"}}) ==
        "ordered_at: \"2025-13-01\" is not a date-time like 2025-12-06 10:37:33");
  CHECK(reason_of({{"shipped_at", "tomorrow"}}) ==
        "shipped_at: \"tomorrow\" is not a date-time like 2025-12-06 10:37:33");
  CHECK(reason_of({{"total", "12x"}}) == "total: \"12x\" is not an amount");
  CHECK(reason_of({{"total", "4980.5"}}) == "total: \"4980.5\" has more decimals than JPY allows");
  CHECK(reason_of({{"total", "99999999999999999999"}}) ==
        "total: \"99999999999999999999\" is out of range");
  CHECK(reason_of({{"email", "hanako@"}}) == "email: \"hanako@\" is not a mail address");
  CHECK(reason_of({{"currency", "USD"}}) == "currency: \"USD\" is not the import's currency (JPY)");
  CHECK(reason_of({{"name", "Hanako\r\nBcc: x@example.jp"}}) ==
        "name: a line break in a one-line field");
  CHECK(reason_of({{"address", "1-2-3\nShibuya"}}) == "address: a line break in a one-line field");
  CHECK(reason_of({{"email", "a@example.jp\r"}}) == "email: a line break in a one-line field");
  CHECK(reason_of({{"name", "Hanako\x1b[31m"}}) == "name: a control character in a one-line field");
  CHECK(reason_of({{"accepts_marketing", "maybe"}}) ==
        "accepts_marketing: \"maybe\" is not yes/no, true/false or 1/0");
  CHECK(generic().parse({"A1", "x", "y"}).reason == "3 fields, but the header has 14");
}

TEST_CASE("import: currency case and an empty currency are accepted", "[import]") {
  CHECK(reason_of({{"currency", "jpy"}}).empty());
  CHECK(reason_of({{"currency", ""}}).empty());
}

TEST_CASE("import: statuses map to the model and cancellations are recognised", "[import]") {
  ingest::Mapping mapping = named_mapping(k_generic);
  mapping.statuses = {{"キャンセル", "cancelled"}};
  mapping.cancelled_id_prefix = "C";
  const Fixture fixture(mapping);
  const auto row = [&](std::string_view id, std::string_view status, std::string_view cancelled) {
    return fixture.row({{"order_id", id},
                        {"email", "a@example.jp"},
                        {"ordered_at", "2025-12-06"},
                        {"total", "1"},
                        {"status", status},
                        {"cancelled_at", cancelled}});
  };
  CHECK(row("A1", "キャンセル", "").order.status == "cancelled");
  CHECK(row("A1", "Refunded", "").order.status == "refunded");
  CHECK(row("C536379", "", "").order.status == "cancelled");
  CHECK(row("A2", "paid", "2025-12-07 09:00").order.status == "cancelled");
}

TEST_CASE("import: line items are checked row by row", "[import]") {
  const Fixture fixture(named_mapping({Field::order_id, Field::customer_id, Field::ordered_at,
                                       Field::quantity, Field::unit_price}));
  const auto reason = [&](std::string_view quantity, std::string_view price) {
    return fixture
        .row({{"order_id", "1"},
              {"customer_id", "9"},
              {"ordered_at", "2025-01-01"},
              {"quantity", quantity},
              {"unit_price", price}})
        .reason;
  };
  CHECK(reason("2", "0.001").empty());
  CHECK(reason("-3", "2.55").empty());
  CHECK(reason("1.5", "2") == "quantity: \"1.5\" is not a whole number");
  CHECK(reason("2000000000", "2") == "quantity: \"2000000000\" is out of range");
  CHECK(reason("1", "abc") == "unit_price: \"abc\" is not an amount");
  CHECK(reason("1", "99999999999999999") == "unit_price: \"99999999999999999\" is out of range");
}

TEST_CASE("import: a line-item order sums its lines and rounds half to even once", "[import]") {
  OrderRecord order;
  OrderRecord second;
  order.order_key = "1";
  order.ordered_at = core::from_unix(200);
  order.lines.push_back({"A", "", 3, core::Decimal{255, 2}});  // 7.65
  second.ordered_at = core::from_unix(100);
  second.email = "b@example.jp";
  second.lines.push_back({"B", "", 1, core::Decimal{5, 3}});  // 0.005
  ingest::merge_row(order, std::move(second));
  CHECK(order.ordered_at == core::from_unix(100));  // the earliest of its rows
  CHECK(order.email == "b@example.jp");
  CHECK(order.lines.size() == 2);
  REQUIRE(ingest::total_from_lines(order, *core::find_currency("GBP")));
  CHECK(order.total_minor == 766);  // 7.655 -> 7.66 (half to even: 765.5 -> 766)

  OrderRecord tie;
  tie.lines.push_back({"", "", 1, core::Decimal{125, 3}});  // 0.125 -> 0.12
  REQUIRE(ingest::total_from_lines(tie, *core::find_currency("USD")));
  CHECK(tie.total_minor == 12);
}

TEST_CASE("import: a line-item sum beyond int64 minor units is out of range", "[import]") {
  OrderRecord order;
  order.lines.push_back({"", "", 1'000'000'000, core::Decimal{1'000'000'000'000'000, 0}});
  const core::Status total = ingest::total_from_lines(order, *core::find_currency("GBP"));
  CHECK_FALSE(total);
  CHECK(total.reason() == "the sum of the order's lines is out of range");
  CHECK_FALSE(order.total_minor.has_value());
}
