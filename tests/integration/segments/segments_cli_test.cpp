#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "segment_shop.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;
using testing::utc;

namespace {

// Five customers in Tokyo: a loyal one, a repeat one whose name is a formula, a dormant one
// with quotes, a comma and a line break in its fields, a new one with nothing but a key,
// and one whose only order was cancelled (in no segment).
void fill(testing::SegmentShop& shop) {
  const auto hanako = shop.customer("c1", {"hanako@example.jp", "山田 花子", "150-0001",
                                           "東京都渋谷区神宮前1-2-3", "03-1234-5678"});
  for (int day : {1, 5, 9}) shop.order(hanako, utc(2026, 11, day, 3), 12000);
  const auto taro = shop.customer(
      "c2",
      {"taro@example.jp", "=HYPERLINK(\"http://x.example\",\"hi\")", "", "", "+81 90 1234 5678"});
  shop.order(taro, utc(2026, 10, 1, 3), 4980);
  shop.order(taro, utc(2026, 11, 10, 3), 4980);
  const auto bob =
      shop.customer("c3", {"bob@example.com", "Smith, \"Bob\"", "N1 1AA", "1 Main St\nApt 2", ""});
  shop.order(bob, utc(2026, 7, 1, 3), 3000);
  const auto fresh = shop.customer("c4");
  shop.order(fresh, utc(2026, 11, 17, 14, 59), 2500);  // 23:59 JST, one minute before as-of
  const auto gone = shop.customer("c5", {"gone@example.jp", "", "", "", ""});
  shop.order(gone, utc(2026, 11, 1), 9999, "cancelled");
}

testing::CliResult run(const testing::SegmentShop& shop, std::vector<std::string> args) {
  return testing::run_cli(shop.path(), std::move(args));
}

}  // namespace

TEST_CASE("segments: the table shows each segment with share and averages", "[segments]") {
  testing::SegmentShop shop;
  fill(shop);
  const auto result = run(shop, {"segments", "--as-of", "2026-11-18"});
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  // Averages round half to even: ¥51,460 / 7 orders = ¥7,351.43.
  CHECK_THAT(result.out,
             Equals("Segments as of 2026-11-18T00:00:00+09:00 (percentile scoring)\n"
                    "\n"
                    "segment  customers   share  orders  revenue  avg order  avg spend\n"
                    "dormant          1   25.0%       1   ¥3,000     ¥3,000     ¥3,000\n"
                    "loyal            1   25.0%       3  ¥36,000    ¥12,000    ¥36,000\n"
                    "repeat           1   25.0%       2   ¥9,960     ¥4,980     ¥9,960\n"
                    "new              1   25.0%       1   ¥2,500     ¥2,500     ¥2,500\n"
                    "total            4  100.0%       7  ¥51,460     ¥7,351    ¥12,865\n"));
}

TEST_CASE("segments: --json prints the SPEC §11 document", "[segments]") {
  testing::SegmentShop shop("rfm: { scoring: quintile }\n", "Europe/London", "GBP");
  fill(shop);
  const auto result = run(shop, {"segments", "--json", "--as-of", "2026-11-18 12:30"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Equals("{\n"
                                "  \"as_of\": \"2026-11-18T12:30:00+00:00\",\n"
                                "  \"scoring\": \"quintile\",\n"
                                "  \"currency\": \"GBP\",\n"
                                "  \"segments\": [\n"
                                "    {\n"
                                "      \"name\": \"dormant\",\n"
                                "      \"customers\": 1,\n"
                                "      \"orders\": 1,\n"
                                "      \"revenue\": \"30.00\",\n"
                                "      \"average_order_value\": \"30.00\",\n"
                                "      \"average_spend\": \"30.00\",\n"
                                "      \"share\": 0.25\n"
                                "    },\n"
                                "    {\n"
                                "      \"name\": \"loyal\",\n"
                                "      \"customers\": 1,\n"
                                "      \"orders\": 3,\n"
                                "      \"revenue\": \"360.00\",\n"
                                "      \"average_order_value\": \"120.00\",\n"
                                "      \"average_spend\": \"360.00\",\n"
                                "      \"share\": 0.25\n"
                                "    },\n"
                                "    {\n"
                                "      \"name\": \"repeat\",\n"
                                "      \"customers\": 1,\n"
                                "      \"orders\": 2,\n"
                                "      \"revenue\": \"99.60\",\n"
                                "      \"average_order_value\": \"49.80\",\n"
                                "      \"average_spend\": \"99.60\",\n"
                                "      \"share\": 0.25\n"
                                "    },\n"
                                "    {\n"
                                "      \"name\": \"new\",\n"
                                "      \"customers\": 1,\n"
                                "      \"orders\": 1,\n"
                                "      \"revenue\": \"25.00\",\n"
                                "      \"average_order_value\": \"25.00\",\n"
                                "      \"average_spend\": \"25.00\",\n"
                                "      \"share\": 0.25\n"
                                "    }\n"
                                "  ],\n"
                                "  \"totals\": {\n"
                                "    \"customers\": 4,\n"
                                "    \"orders\": 7,\n"
                                "    \"revenue\": \"514.60\",\n"
                                "    \"average_order_value\": \"73.51\",\n"
                                "    \"average_spend\": \"128.65\"\n"
                                "  }\n"
                                "}\n"));
}

TEST_CASE("segments: an empty shop shows zeros and how to import", "[segments]") {
  testing::SegmentShop shop;
  auto result = run(shop, {"segments", "--as-of", "2026-11-18"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out,
             Equals("Segments as of 2026-11-18T00:00:00+09:00 (percentile scoring)\n"
                    "\n"
                    "segment  customers  share  orders  revenue  avg order  avg spend\n"
                    "dormant          0   0.0%       0       ¥0          -          -\n"
                    "loyal            0   0.0%       0       ¥0          -          -\n"
                    "repeat           0   0.0%       0       ¥0          -          -\n"
                    "new              0   0.0%       0       ¥0          -          -\n"
                    "total            0   0.0%       0       ¥0          -          -\n"
                    "\n"
                    "No customer has an order that counts (paid or pending, placed by the as-of).\n"
                    "Import orders first: tsuikyaku import orders.csv\n"));
  result = run(shop, {"segments", "--json", "--as-of", "2026-11-18"});
  CHECK(result.exit_code == 0);
  const auto document = nlohmann::json::parse(result.out);
  CHECK(document["segments"].size() == 4);
  CHECK(document["segments"][0]["revenue"] == "0");
  CHECK(document["segments"][0]["average_order_value"].is_null());
  CHECK(document["totals"]["customers"] == 0);
  CHECK(document["totals"]["average_spend"].is_null());
}

TEST_CASE("segments: list prints every customer by segment, then key", "[segments]") {
  testing::SegmentShop shop;
  fill(shop);
  const auto result = run(shop, {"segments", "list", "--as-of", "2026-11-18"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(
      result.out,
      Equals("customer_key  email              name                                 segment  "
             "frequency  monetary  last_order_at              recency_days  r  f  m\n"
             "c3            bob@example.com    Smith, \"Bob\"                         dormant      "
             "    1      3000  2026-07-01T12:00:00+09:00           139  1  1  2\n"
             "c1            hanako@example.jp  山田 花子                            loyal          "
             "  3     36000  2026-11-09T12:00:00+09:00             8  2  5  5\n"
             "c2            taro@example.jp    =HYPERLINK(\"http://x.example\",\"hi\")  repeat     "
             "      2      9960  2026-11-10T12:00:00+09:00             7  4  4  4\n"
             "c4                                                                    new            "
             "  1      2500  2026-11-17T23:59:00+09:00             0  5  1  1\n"));
}

TEST_CASE("segments: list --format csv is RFC 4180 and safe to open in a spreadsheet",
          "[segments]") {
  testing::SegmentShop shop;
  fill(shop);
  const auto result = run(shop, {"segments", "list", "--format", "csv", "--as-of", "2026-11-18"});
  CHECK(result.exit_code == 0);
  // A BOM, CRLF record ends; quotes doubled inside quoted fields; an embedded line break
  // quoted as it is; a formula and a phone number starting with + made text by an apostrophe.
  const std::vector<std::string> records{
      "customer_key,email,name,segment,frequency,monetary,last_order_at,recency_days,r,f,m,"
      "postal_code,address,address2,city,region,country,phone",
      "c3,bob@example.com,\"Smith, \"\"Bob\"\"\",dormant,1,3000,2026-07-01T12:00:00+09:00,"
      "139,1,1,2,N1 1AA,\"1 Main St\nApt 2\",,,,,",
      "c1,hanako@example.jp,山田 花子,loyal,3,36000,2026-11-09T12:00:00+09:00,8,2,5,5,150-0001,"
      "東京都渋谷区神宮前1-2-3,,,,,03-1234-5678",
      "c2,taro@example.jp,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"hi\"\")\",repeat,2,9960,"
      "2026-11-10T12:00:00+09:00,7,4,4,4,,,,,,,'+81 90 1234 5678",
      "c4,,,new,1,2500,2026-11-17T23:59:00+09:00,0,5,1,1,,,,,,,",
  };
  std::string expected = "\xEF\xBB\xBF";
  for (const auto& record : records) expected += record + "\r\n";
  CHECK_THAT(result.out, Equals(expected));
}

TEST_CASE("segments: list --format json carries the postal fields", "[segments]") {
  testing::SegmentShop shop;
  fill(shop);
  const auto result =
      run(shop, {"segments", "list", "dormant", "--format", "json", "--as-of", "2026-11-18"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(
      result.out,
      Equals(
          "{\"as_of\": \"2026-11-18T00:00:00+09:00\", \"segment\": \"dormant\", \"customers\": [\n"
          "  {\"customer_key\":\"c3\",\"email\":\"bob@example.com\",\"name\":\"Smith, "
          "\\\"Bob\\\"\",\"segment\":\"dormant\",\"frequency\":1,\"monetary\":\"3000\",\"last_"
          "order_at\":\"2026-07-01T12:00:00+09:00\",\"recency_days\":139,\"r\":1,\"f\":1,\"m\":2,"
          "\"postal_code\":\"N1 1AA\",\"address\":\"1 Main St\\nApt 2\",\"address2\":null,"
          "\"city\":null,\"region\":null,\"country\":null,\"phone\":null}\n"
          "]}\n"));
}

TEST_CASE("segments: rule order and other show in the table", "[segments]") {
  // loyal first catches the dormant big spender too; a customer no rule takes is other.
  testing::SegmentShop shop(R"(segments:
  - name: loyal
    when: { frequency: { min: 3 } }
  - name: dormant
    when: { recency_days: { min: 90 } }
)");
  fill(shop);
  const auto result = run(shop, {"segments", "-q", "--as-of", "2026-11-18"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out,
             Equals("segment  customers   share  orders  revenue  avg order  avg spend\n"
                    "loyal            1   25.0%       3  ¥36,000    ¥12,000    ¥36,000\n"
                    "dormant          1   25.0%       1   ¥3,000     ¥3,000     ¥3,000\n"
                    "other            2   50.0%       3  ¥12,460     ¥4,153     ¥6,230\n"
                    "total            4  100.0%       7  ¥51,460     ¥7,351    ¥12,865\n"));
}

TEST_CASE("segments: without --as-of the clock is now, and a date alone is its midnight",
          "[segments]") {
  testing::SegmentShop shop;
  fill(shop);
  testing::CliRun cli;
  cli.args = {"segments", "list", "new", "--format", "csv"};
  cli.now = utc(2026, 11, 19, 15);  // 2026-11-20 00:00 in Tokyo
  auto result = testing::run_cli(shop.path(), cli);
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Matchers::Contains("c4,,,new,1,2500,2026-11-17T23:59:00+09:00,2,"));
  cli.args = {"segments", "list", "new", "--format", "csv", "--as-of", "2026-11-18 23:59"};
  result = testing::run_cli(shop.path(), cli);
  CHECK_THAT(result.out, Catch::Matchers::Contains("c4,,,new,1,2500,2026-11-17T23:59:00+09:00,1,"));
}

TEST_CASE("segments: --as-of takes the printed form with its offset and the Japanese form",
          "[segments]") {
  testing::SegmentShop shop;
  fill(shop);
  const auto plain = run(shop, {"segments", "--json", "--as-of", "2026-11-18 09:00"});
  REQUIRE(plain.exit_code == 0);
  CHECK_THAT(plain.out, Catch::Matchers::Contains("\"as_of\": \"2026-11-18T09:00:00+09:00\""));
  for (const char* form : {"2026-11-18T09:00:00+09:00", "2026/11/18 9:00", "2026-11-18T00:00:00Z",
                           "2026-11-17 19:00 -0500"}) {
    INFO(form);
    const auto result = run(shop, {"segments", "--json", "--as-of", form});
    CHECK(result.exit_code == 0);
    CHECK(result.out == plain.out);
  }
}

TEST_CASE("segments: usage and config errors exit with their codes", "[segments]") {
  testing::SegmentShop shop;
  fill(shop);
  auto result = run(shop, {"segments", "list", "dormnt"});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: unknown segment 'dormnt'; did you mean 'dormant'?\n"));
  CHECK(result.out.empty());
  result = run(shop, {"segments", "list", "vip"});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err, Equals("tsuikyaku: error: unknown segment 'vip'; the segments are: "
                                "dormant, loyal, repeat, new, other\n"));
  result = run(shop, {"segments", "--as-of", "18/11/2026"});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: --as-of: expected a date and time like 2026-11-20, "
                    "\"2026-11-20 10:00\", 2026-11-20T10:00:00+09:00 or "
                    "\"2026/11/20 10:00\", not '18/11/2026'\n"));
  result = run(shop, {"segments", "list", "--json"});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: segments list takes --format json, not --json\n"));
  result = run(shop, {"segments", "list", "--format", "xml"});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err, Equals("tsuikyaku: error: --format: xml not in {table,csv,json} (see "
                                "tsuikyaku --help)\n"));
  result = run(shop, {"segments", "list", "other", "--format", "csv"});
  CHECK(result.exit_code == 0);  // a real segment, empty here: just the header
  CHECK(result.out ==
        "\xEF\xBB\xBF"
        "customer_key,email,name,segment,frequency,monetary,last_order_at,recency_days,r,f,m,"
        "postal_code,address,address2,city,region,country,phone\r\n");

  testing::TempDir empty;
  result = testing::run_cli(empty.path(), {"segments"});
  CHECK(result.exit_code == 78);
  CHECK_THAT(result.err, Equals("tsuikyaku: error: no config at tsuikyaku.yaml (run `tsuikyaku "
                                "init` to make one, or pass --config PATH)\n"));
}

TEST_CASE("segments: --save stores one run per local day; looking stores nothing", "[segments]") {
  testing::SegmentShop shop;
  fill(shop);
  const auto runs = [&] {
    SQLite::Statement count(shop.db().handle(), "SELECT count(*) FROM segment_runs");
    REQUIRE(count.executeStep());
    return count.getColumn(0).getInt();
  };
  CHECK(run(shop, {"segments", "--as-of", "2026-11-18"}).exit_code == 0);
  CHECK(run(shop, {"segments", "list", "--as-of", "2026-11-18"}).exit_code == 0);
  CHECK(runs() == 0);
  // 00:30 and 23:30 in Tokyo are one day there, though two in UTC.
  CHECK(run(shop, {"segments", "--save", "--as-of", "2026-11-18 00:30"}).exit_code == 0);
  CHECK(run(shop, {"segments", "--save", "--as-of", "2026-11-18 23:30"}).exit_code == 0);
  CHECK(runs() == 1);
  CHECK(run(shop, {"segments", "--save", "--as-of", "2026-11-19"}).exit_code == 0);
  CHECK(runs() == 2);
  SQLite::Statement last(shop.db().handle(),
                         "SELECT as_of FROM segment_runs ORDER BY as_of LIMIT 1");
  REQUIRE(last.executeStep());
  CHECK(last.getColumn(0).getInt64() == core::to_unix(utc(2026, 11, 18, 14, 30)));
  const auto result = run(shop, {"segments", "list", "--save"});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: --save belongs to segments, not segments list\n"));
}
