// The mistakes of a shop owner's first hour with the import, each named with its fix
// (docs/import.md, "Not a CSV file"), exact message and exit code.

#include <catch2/catch.hpp>

#include "import_support.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;
using testing::Shop;

namespace {

constexpr std::string_view k_save_as =
    "save it as CSV first (Excel: File > Save As > \"CSV UTF-8 (Comma delimited)\"; Numbers: "
    "File > Export To > CSV; Google Sheets: File > Download > Comma-separated values)\n";

}  // namespace

TEST_CASE("import: a workbook is named as one, with how to save it as CSV", "[import]") {
  Shop shop;
  // The first bytes of an .xlsx (a zip archive) and of an .xls (an OLE compound file).
  auto result = shop.import("orders.xlsx", std::string("PK\x03\x04\x14\x00\x06\x00", 8) + "rest");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err, Equals("tsuikyaku: error: orders.xlsx is an Excel workbook (.xlsx), not a "
                                "CSV file; " +
                                std::string(k_save_as)));
  result = shop.import("orders.numbers", std::string("PK\x03\x04\x0a\x00\x00\x00", 8));
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err, Equals("tsuikyaku: error: orders.numbers is a Numbers document, not a "
                                "CSV file; " +
                                std::string(k_save_as)));
  result = shop.import("orders.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 more");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err, Equals("tsuikyaku: error: orders.xls is an Excel 97-2003 workbook (.xls), "
                                "not a CSV file; " +
                                std::string(k_save_as)));
  CHECK(shop.query("SELECT count(*) FROM orders") == "0");
}

TEST_CASE("import: tab- and semicolon-separated files are named", "[import]") {
  Shop shop;
  auto result = shop.import(
      "orders.tsv", "order_id\temail\tordered_at\ttotal\nA1\ta@example.jp\t2026-11-01\t100\n");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: orders.tsv:1: the file is separated by tabs, not "
                    "commas (a TSV file, as a copy from a spreadsheet gives); " +
                    std::string(k_save_as)));
  result = shop.import("orders.csv",
                       "order_id;email;ordered_at;total\nA1;a@example.jp;2026-11-01;100,50\n");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: orders.csv:1: the file is separated by semicolons, not "
                    "commas (as Excel saves CSV where a comma is the decimal mark); save it with "
                    "commas as separators, or export it from the shop platform again\n"));
  // A semicolon inside a quoted field of a real CSV is just text.
  result = shop.import("good.csv",
                       "order_id,email,ordered_at,total,address\n"
                       "A1,a@example.jp,2026-11-01,100,\"1; 2; 3\"\n");
  CHECK(result.exit_code == 0);
}

TEST_CASE("import: a UTF-8 file read as CP932 is refused before it turns to mojibake", "[import]") {
  Shop shop;
  testing::write_file(
      shop / "orders.csv",
      "order_id,email,name,ordered_at,total\nA1,a@example.jp,山田 花子,2026-11-01,100\n");
  const auto result = shop.run({"import", "orders.csv", "--encoding", "cp932"});
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err, Equals("tsuikyaku: error: orders.csv: --encoding cp932, but the file is "
                                "UTF-8 text (read as CP932 its Japanese would turn into mojibake); "
                                "run the import with --encoding utf-8, or without --encoding\n"));
  CHECK(shop.query("SELECT count(*) FROM orders") == "0");
}

TEST_CASE("import: an export without an order number says how to make one", "[import]") {
  Shop shop;
  auto result =
      shop.import("orders.csv", "ordered_at,email,total\n2026-11-01 10:00:01,a@example.jp,100\n");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: orders.csv:1: the export has no order number (no order_id "
                    "column); a mapping file can make one from the columns that together name an "
                    "order, like order_id: [ordered_at, email] (docs/import.md, \"Mapping "
                    "files\")\n"));
  testing::write_file(shop / "mapping.yaml",
                      "columns:\n  order_id: [ordered_at, email]\n  ordered_at: ordered_at\n"
                      "  email: email\n  total: total\n");
  result = shop.run({"import", "orders.csv", "--mapping", "mapping.yaml"});
  CHECK(result.exit_code == 0);
  CHECK(shop.query("SELECT order_key FROM orders") == "2026-11-01 10:00:01 a@example.jp");
}
