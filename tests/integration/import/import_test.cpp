#include <catch2/catch.hpp>

#include "import_support.hpp"

// `tsuikyaku import` end to end (SPEC §3): real files, a real SQLite database.

using namespace tsuikyaku;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;
using testing::Shop;

namespace {

const std::string k_header = "order_id,email,name,ordered_at,total,status,shipped_at\n";

}  // namespace

TEST_CASE("import: a generic export is imported and summed up", "[import]") {
  Shop shop;
  const auto result =
      shop.import("orders.csv", k_header +
                                    "A1,hanako@example.jp,山田 花子,2025-12-01 10:00,4980,,\n"
                                    "A2,taro@example.jp,佐藤 太郎,2025-12-02 11:00,1200,paid,\n");
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  CHECK_THAT(result.out, Equals("Imported orders.csv (generic, utf-8): 2 rows read\n"
                                "  orders:    2 new, 0 updated\n"
                                "  customers: 2 new, 0 updated\n"
                                "  rejected:  0 rows\n"));
  CHECK(shop.query("SELECT order_key, total_minor, currency, status, ordered_at FROM orders "
                   "ORDER BY id") == "A1|4980|JPY|paid|1764550800");
  CHECK(shop.query("SELECT rows_read, orders_new, customers_new, rejected FROM imports") ==
        "2|2|2|0");
}

TEST_CASE("import: importing the same file twice changes nothing", "[import]") {
  Shop shop;
  const std::string bytes =
      testing::read_file(testing::source_dir() / "examples/orders-generic.csv");
  auto first = shop.import("orders.csv", bytes);
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Contains("orders:    300 new, 0 updated"));
  const std::string customers = shop.query("SELECT count(*) FROM customers");
  const auto second = shop.run({"import", "orders.csv"});
  CHECK(second.exit_code == 0);
  CHECK_THAT(second.out, Contains("orders:    0 new, 0 updated\n"
                                  "  customers: 0 new, 0 updated\n"));
  CHECK(shop.query("SELECT count(*) FROM orders") == "300");
  CHECK(shop.query("SELECT count(*) FROM customers") == customers);
}

TEST_CASE("import: a later export with shipped dates updates the orders", "[import]") {
  Shop shop;
  REQUIRE(shop.import("monday.csv", k_header + "A1,hanako@example.jp,花子,2025-12-01 10:00,4980,,\n"
                                               "A2,hanako@example.jp,花子,2025-12-02 10:00,980,,\n")
              .exit_code == 0);
  const auto later = shop.import(
      "tuesday.csv", k_header +
                         "A1,hanako@example.jp,花子,2025-12-01 10:00,4980,,2025-12-02 15:00\n"
                         "A2,hanako@example.jp,花子,2025-12-02 10:00,980,,\n");
  CHECK(later.exit_code == 0);
  CHECK_THAT(later.out, Contains("orders:    0 new, 1 updated\n"));
  CHECK(shop.query("SELECT shipped_at FROM orders WHERE order_key = 'A1'") == "1764655200");
  // A value a later export leaves out never erases a known one.
  REQUIRE(
      shop.import("wednesday.csv", k_header + "A1,hanako@example.jp,花子,2025-12-01 10:00,4980,,\n")
          .exit_code == 0);
  CHECK(shop.query("SELECT shipped_at FROM orders WHERE order_key = 'A1'") == "1764655200");
}

TEST_CASE("import: a repeated order id is an update by the later row", "[import]") {
  Shop shop;
  const auto result =
      shop.import("orders.csv", k_header +
                                    "A1,hanako@example.jp,花子,2025-12-01 10:00,4980,pending,\n"
                                    "A1,hanako@example.jp,花子,2025-12-01 10:00,5980,paid,\n");
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("orders:    1 new, 0 updated\n"));
  CHECK(shop.query("SELECT total_minor, status FROM orders") == "5980|paid");
}

TEST_CASE("import: a customer is one whatever the e-mail's case, with its newest profile",
          "[import]") {
  Shop shop;
  const auto result = shop.import("orders.csv",
                                  "order_id,email,name,ordered_at,total,accepts_marketing\n"
                                  "A2,hanako@example.jp,山田 花子,2025-12-05 10:00,1200,yes\n"
                                  "A1,Hanako@Example.JP,やまだ はなこ,2025-12-01 10:00,4980,no\n");
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("customers: 1 new, 0 updated"));
  CHECK(
      shop.query("SELECT customer_key, match_key, email, name, accepts_marketing FROM customers") ==
      "hanako@example.jp|email:hanako@example.jp|hanako@example.jp|山田 花子|1");
  const auto newer = shop.import("later.csv",
                                 "order_id,email,name,ordered_at,total,accepts_marketing\n"
                                 "A3,HANAKO@example.jp,山田 花子,2025-12-09 10:00,800,no\n");
  CHECK_THAT(newer.out, Contains("customers: 0 new, 1 updated"));
  CHECK(shop.query("SELECT email, accepts_marketing, count(*) FROM customers") ==
        "HANAKO@example.jp|0|1");
  CHECK(shop.query("SELECT count(DISTINCT customer_id) FROM orders") == "1");
}

TEST_CASE("import: bad rows are rejected with their line and written to --rejects", "[import]") {
  Shop shop;
  const std::string bad_name = "B2,evil@example.jp,\"Evil\r\nBcc: all@example.jp\",2025-12-01,1,,";
  const std::string bytes = k_header + "B1,hanako@,花子,2025-12-01,1,,\n" + bad_name + "\n" +
                            "B3,taro@example.jp,太郎,2025-12-01,1,,\n" +
                            "B4,jiro@example.jp,次郎,2025-12-01,\"1.5\",,\n";
  const auto result = shop.import("orders.csv", bytes, {"--rejects", "rejects.csv"});
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err,
             Equals("orders.csv:2: email: \"hanako@\" is not a mail address\n"
                    "orders.csv:3: name: a line break in a one-line field\n"
                    "orders.csv:6: total: \"1.5\" has more decimals than JPY allows\n"));
  CHECK_THAT(result.out, Contains("  orders:    1 new, 0 updated\n"));
  CHECK_THAT(result.out, Contains("  rejected:  3 rows (written to rejects.csv)\n"));
  CHECK(testing::read_file(shop / "rejects.csv") ==
        "order_id,email,name,ordered_at,total,status,shipped_at,reject_reason\n"
        "B1,hanako@,花子,2025-12-01,1,,,\"email: \"\"hanako@\"\" is not a mail address\"\n" +
            bad_name + ",\"name: a line break in a one-line field\"\n" +
            "B4,jiro@example.jp,次郎,2025-12-01,\"1.5\",,,\"total: \"\"1.5\"\" has more decimals "
            "than JPY allows\"\n");
  CHECK(shop.query("SELECT count(*) FROM orders") == "1");
  CHECK(shop.query("SELECT rejected FROM imports") == "3");
}

TEST_CASE("import: --strict imports nothing when a row is bad", "[import]") {
  Shop shop;
  const auto result =
      shop.import("orders.csv",
                  k_header + "A1,hanako@example.jp,花子,2025-12-01,1,,\nA2,,花子,2025-12-01,1,,\n",
                  {"--strict"});
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err, Equals("orders.csv:3: missing email\n"));
  CHECK_THAT(result.out, Contains("  nothing imported (--strict): 1 row was rejected\n"));
  CHECK(shop.query("SELECT count(*) FROM orders") == "0");
  CHECK(shop.query("SELECT count(*) FROM imports") == "0");
}

TEST_CASE("import: a file that cannot be read exits 66", "[import]") {
  Shop shop;
  auto result = shop.run({"import", "missing.csv"});
  CHECK(result.exit_code == 66);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: cannot read missing.csv: No such file or directory\n"));
  testing::write_file(shop / "orders.csv", k_header);
  result = shop.run({"import", "orders.csv", "--rejects", "./orders.csv"});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err, Equals("tsuikyaku: error: --rejects ./orders.csv is the export being "
                                "read; name another file\n"));
  CHECK(testing::read_file(shop / "orders.csv") == k_header);
  std::filesystem::create_directory(shop / "folder");
  result = shop.run({"import", "folder"});
  CHECK(result.exit_code == 66);
  CHECK_THAT(result.err, Equals("tsuikyaku: error: cannot read folder: Is a directory\n"));
}

TEST_CASE("import: standard input and --json", "[import]") {
  Shop shop;
  const auto result =
      shop.run({"import", "-", "--json"}, k_header +
                                              "A1,hanako@example.jp,花子,2025-12-01,4980,,\n"
                                              "A2,bad,太郎,2025-12-01,1,,\n");
  CHECK(result.exit_code == 65);
  CHECK(result.err.empty());
  CHECK_THAT(
      result.out,
      Equals("{\"committed\":true,\"customers_new\":1,\"customers_updated\":0,"
             "\"encoding\":\"utf-8\",\"orders_new\":1,\"orders_updated\":0,"
             "\"preset\":\"generic\",\"rejected\":1,\"rows_read\":2,\"rejects\":[{\"line\":3,"
             "\"reason\":\"email: \\\"bad\\\" is not a mail address\"}]}\n"));
  CHECK(shop.query("SELECT source FROM imports") == "-");
}

TEST_CASE("import: CP932 with ①, ～ and 髙 reaches the database as UTF-8", "[import]") {
  Shop shop;
  // 注文ID,注文日時,氏名,メールアドレス,合計金額 / ...,髙橋 ①～,... in CP932 with CRLF.
  const std::string bytes =
      "\x92\x8D\x95\xB6ID,\x92\x8D\x95\xB6\x93\xFA\x8E\x9E,\x8E\x81\x96\xBC,"
      "\x83\x81\x81\x5B\x83\x8B\x83\x41\x83\x68\x83\x8C\x83\x58,"
      "\x8D\x87\x8C\x76\x8B\xE0\x8A\x7A\r\n"
      "B1,2025/12/06 10:37,\xFB\xFC\x8B\xB4 \x87\x40\x81\x60,t@example.jp,4980\r\n"
      "B2,2025/12/06 10:38,\x82,u@example.jp,1\r\n";
  // A broken byte makes the file not well-formed CP932: auto would stop and ask.
  const auto result =
      shop.import("base.csv", bytes, {"--rejects", "rejects.csv", "--encoding", "cp932"});
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.out, Contains("Imported base.csv (base, cp932): 2 rows read"));
  CHECK_THAT(result.err, Equals("base.csv:3: 氏名: bytes that are not valid cp932 (\\x82)\n"));
  CHECK(shop.query("SELECT name FROM customers") == "髙橋 ①～");
  // The bad row as it was, in CP932 and CRLF, with the reason in CP932 too.
  const std::string rejects = testing::read_file(shop / "rejects.csv");
  CHECK(rejects.substr(rejects.find("\r\n") + 2) ==
        "B2,2025/12/06 10:38,\x82,u@example.jp,1,\"\x8E\x81\x96\xBC: bytes that are not valid "
        "cp932 (\\x82)\"\r\n");
}

TEST_CASE("import: a UTF-8 byte order mark is not part of the first header", "[import]") {
  Shop shop;
  const auto result = shop.import("bom.csv",
                                  "\xEF\xBB\xBF" + k_header +
                                      "A1,hanako@example.jp,花子,2025-12-01,1,,\n"
                                      "A2,bad\xFF@example.jp,花子,2025-12-01,1,,\n",
                                  {"--rejects", "rejects.csv"});
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err, Equals("bom.csv:3: email: bytes that are not valid utf-8 (\\xff)\n"));
  CHECK(shop.query("SELECT order_key FROM orders") == "A1");
  CHECK_THAT(testing::read_file(shop / "rejects.csv"), StartsWith("\xEF\xBB\xBF"
                                                                  "order_id,"));
}

TEST_CASE("import: a quote left open at the end is a rejected row", "[import]") {
  Shop shop;
  const auto result =
      shop.import("orders.csv", k_header + "A1,hanako@example.jp,\"花子,2025-12-01,1,,\n");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err,
             Equals("orders.csv:2: a quoted field is not closed before the end of the file\n"));
}

TEST_CASE("import: a header that does not fit stops the import", "[import]") {
  Shop shop;
  auto result =
      shop.import("orders.csv", "order_id,email,ordered_at\nA1,a@example.jp,2025-12-01\n");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err, Equals("tsuikyaku: error: orders.csv:1: no column for total (expected "
                                "'total')\n"));
  result = shop.import("other.csv", "id,when\n1,2\n");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: other.csv:1: cannot tell the export's format from its "
                    "header; expected the columns of a preset (base, eccube, generic, shopify, "
                    "woocommerce) or a --mapping FILE\n"));
  result = shop.import("empty.csv", "");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: empty.csv: empty file; expected a header line\n"));
  result = shop.run({"import", "orders.csv", "--preset", "amazon"});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err, Equals("tsuikyaku: error: --preset: unknown preset 'amazon' (expected one "
                                "of: base, eccube, generic, shopify, woocommerce)\n"));
}

TEST_CASE("import: preset names are case-insensitive", "[import]") {
  Shop shop;
  testing::write_file(shop / "orders.csv",
                      testing::read_file(testing::source_dir() / "examples/orders-shopify.csv"));
  const auto named = shop.run({"import", "orders.csv", "--preset", "Shopify", "--json"});
  CHECK(named.err.empty());
  CHECK(named.exit_code == 0);
  CHECK_THAT(named.out, Catch::Matchers::Contains("\"preset\":\"shopify\""));
}

TEST_CASE("import: --encoding overrides what the first 64 KiB suggest", "[import]") {
  Shop shop;
  // 64 KiB of ASCII, then a CP932 name (山田 = 8E 52 93 63): auto reads the file as UTF-8.
  std::string bytes = k_header;
  for (int i = 0; i < 1500; ++i) {
    bytes += "A" + std::to_string(i) + ",a@example.jp,Yamada Hanako,2025-12-01 10:00,4980,,\n";
  }
  REQUIRE(bytes.size() > 64 * 1024);
  bytes += "B1,b@example.jp,\x8E\x52\x93\x63,2025-12-01,1,,\n";
  auto result = shop.import("orders.csv", bytes);
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err,
             Equals("orders.csv:1502: name: bytes that are not valid utf-8 (\\x8e); the file looks "
                    "like CP932 (Shift_JIS): run the import with --encoding cp932\n"));
  result = shop.run({"import", "orders.csv", "--encoding", "cp932"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, StartsWith("Imported orders.csv (generic, cp932): 1,501 rows read\n"));
  CHECK(shop.query("SELECT name FROM customers WHERE email = 'b@example.jp'") == "山田");
}
