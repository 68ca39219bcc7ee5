// `--encoding auto` never guesses a file into mojibake (docs/import.md, "The file"): mostly
// UTF-8 is UTF-8 with only its bad rows rejected, CP932 only when the text is CP932 and
// not plausibly UTF-8, and a file it cannot tell stops the import with what to do.

#include <catch2/catch.hpp>

#include "import_support.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;
using testing::Shop;

namespace {

const std::string k_header = "order_id,email,name,ordered_at,total,status,shipped_at\n";

}  // namespace

TEST_CASE("import: a UTF-8 file with one stray byte is UTF-8, and only that row is rejected",
          "[import]") {
  Shop shop;
  const auto result =
      shop.import("orders.csv", k_header +
                                    "A1,a@example.jp,山田 花子,2025-12-01 10:00,4980,,\n"
                                    "A2,b@example.jp,佐藤 太郎,2025-12-01 10:00,1200,,\n"
                                    "A3,c@example.jp,鈴木\x82 一郎,2025-12-01 10:00,100,,\n"
                                    "A4,d@example.jp,高橋 次郎,2025-12-01 10:00,100,,\n");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.out, StartsWith("Imported orders.csv (generic, utf-8): 4 rows read\n"));
  CHECK_THAT(result.err, Equals("orders.csv:4: name: bytes that are not valid utf-8 (\\x82)\n"));
  CHECK(
      shop.query("SELECT group_concat(name, '/') FROM (SELECT name FROM customers ORDER BY id)") ==
      "山田 花子/佐藤 太郎/高橋 次郎");
}

TEST_CASE("import: a CP932 file behind a UTF-8 byte order mark stops and asks for --encoding",
          "[import]") {
  Shop shop;
  // 山田 in CP932 (8E 52 93 63), after the bytes of a UTF-8 byte order mark.
  const std::string bytes =
      "\xEF\xBB\xBF" + k_header + "A1,a@example.jp,\x8E\x52\x93\x63,2025-12-01 10:00,4980,,\n";
  auto result = shop.import("orders.csv", bytes);
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: orders.csv: cannot tell the file's encoding: it starts "
                    "with a UTF-8 byte order mark, but line 2 has \\x8e, which is not UTF-8; run "
                    "the import with --encoding cp932 if the file is CP932 (Shift_JIS), or "
                    "--encoding utf-8 to reject the rows that are not UTF-8\n"));
  CHECK(shop.query("SELECT count(*) FROM orders") == "0");
  result = shop.run({"import", "orders.csv", "--encoding", "cp932"});
  CHECK(result.exit_code == 0);
  CHECK(shop.query("SELECT name FROM customers") == "山田");
}

TEST_CASE("import: a file that is neither UTF-8 nor CP932 stops and asks for --encoding",
          "[import]") {
  Shop shop;
  // Latin-1: é is E9, which CP932 reads as the lead of a pair that ',' cannot end.
  const auto result =
      shop.import("orders.csv", k_header + "A1,a@example.jp,Ren\xE9,2025-12-01 10:00,4980,,\n");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: orders.csv: cannot tell the file's encoding: line 2 has "
                    "\\xe9, which is not UTF-8, and the file is neither mostly UTF-8 nor valid "
                    "CP932 (Shift_JIS); run the import with --encoding cp932 if the file is "
                    "CP932, or --encoding utf-8 to reject the rows that are not UTF-8\n"));
  CHECK(shop.query("SELECT count(*) FROM orders") == "0");
}
