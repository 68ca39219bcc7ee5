#include "tsuikyaku/import/file_kind.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;

TEST_CASE("file kind: workbooks are told by their first bytes, named by extension", "[import]") {
  const std::string zip("PK\x03\x04", 4);
  CHECK(ingest::not_csv_problem(zip, "a.xlsx")->starts_with("a.xlsx is an Excel workbook (.xlsx)"));
  CHECK(ingest::not_csv_problem(zip, "a.numbers")->starts_with("a.numbers is a Numbers document"));
  CHECK(ingest::not_csv_problem(zip, "a.ods")->starts_with("a.ods is an OpenDocument spreadsheet"));
  CHECK(ingest::not_csv_problem("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "a.xls")
            ->starts_with("a.xls is an Excel 97-2003 workbook (.xls)"));
  CHECK_FALSE(ingest::not_csv_problem("order_id,email\n", "a.xlsx").has_value());
}

TEST_CASE("file kind: the separator of the header line, outside quotes", "[import]") {
  CHECK(ingest::not_csv_problem("a\tb\tc\n1\t2\t3\n", "-")
            ->starts_with("-:1: the file is "
                          "separated by tabs"));
  CHECK(ingest::not_csv_problem("a;b;c\n", "o.csv")
            ->starts_with("o.csv:1: the file is separated "
                          "by semicolons"));
  CHECK_FALSE(ingest::not_csv_problem("a,b,\"x;y;z\"\n", "o.csv").has_value());
  CHECK_FALSE(ingest::not_csv_problem("a,b,c\n1;2;3;4\n", "o.csv").has_value());  // line 1 only
  CHECK_FALSE(ingest::not_csv_problem("order_id\n", "o.csv").has_value());        // one column
}

TEST_CASE("file kind: CP932 bytes and UTF-8 text are recognised", "[import]") {
  CHECK(ingest::cp932_hint("\x8E\x52\x93\x63") ==
        "; the file looks like CP932 (Shift_JIS): run the import with --encoding cp932");
  CHECK(ingest::cp932_hint("\xB1\xB2").size() > 0);  // half-width katakana
  CHECK(ingest::cp932_hint("\x8E").empty());         // a lead byte alone
  CHECK(ingest::cp932_hint("plain ascii").empty());  // nothing multi-byte
  CHECK(ingest::cp932_hint("\xFF\xFE").empty());     // not CP932 either
  CHECK(ingest::looks_like_utf8_text("山田 花子"));
  CHECK(ingest::looks_like_utf8_text(std::string("山田", 5)));  // cut at the end of the head
  CHECK_FALSE(ingest::looks_like_utf8_text("ascii only"));
  CHECK_FALSE(ingest::looks_like_utf8_text("\x8E\x52\x93\x63"));
}
