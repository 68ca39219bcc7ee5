#include "tsuikyaku/import/suppression_list.hpp"

#include <catch2/catch.hpp>

#include "tsuikyaku/core/error.hpp"

using tsuikyaku::ingest::read_suppression_list;
using tsuikyaku::ingest::SuppressionRow;

TEST_CASE("suppression list: a plain list, one address a line", "[import]") {
  // A comment may hold anything, a lone quote included.
  const std::vector<SuppressionRow> rows = read_suppression_list(
      "\xEF\xBB\xBF# unsubscribed by phone\r\n a@example.jp \r\n# she wrote "
      "\"stop\n\nb@example.jp\n",
      "-");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].line == 2);
  CHECK(rows[0].address == "a@example.jp");
  CHECK(rows[0].reason.empty());
  CHECK(rows[0].problem.empty());
  CHECK(rows[1].line == 5);
  CHECK(rows[1].address == "b@example.jp");
}

TEST_CASE("suppression list: a CSV with an address and a reason column", "[import]") {
  const std::vector<SuppressionRow> rows = read_suppression_list(
      "Email,Note,Reason\n"
      "a@example.jp,\"asked by phone,\nthen by mail\",Unsubscribed\n"
      "bad-address,,\n"
      "b@example.jp,\"said \"\"stop\"\"\",complained\n"
      "c@example.jp,\"never closed,manual\n",
      "list.csv");
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].line == 2);
  CHECK(rows[0].address == "a@example.jp");
  CHECK(rows[0].reason == "unsubscribed");
  // Rows keep their physical lines: the quoted line break counts.
  CHECK(rows[1].line == 4);
  CHECK(rows[1].address == "bad-address");  // what it means is the caller's to judge
  CHECK(rows[1].reason.empty());
  CHECK(rows[2].reason == "complained");
  CHECK(rows[3].line == 6);
  CHECK(rows[3].problem == "a quoted field is not closed before the end of the file");
}

TEST_CASE("suppression list: a CP932 export with a Japanese header", "[import]") {
  // 氏名,メールアドレス / 佐藤 花子,hanako@example.jp, in CP932.
  const std::vector<SuppressionRow> rows = read_suppression_list(
      "\x8E\x81\x96\xBC,\x83\x81\x81\x5B\x83\x8B\x83\x41\x83\x68\x83\x8C\x83\x58\r\n"
      "\x8D\xB2\x93\xA1 \x89\xD4\x8E\x71,hanako@example.jp\r\n",
      "list.csv");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].address == "hanako@example.jp");
}

TEST_CASE("suppression list: a CSV header without an address column is an error", "[import]") {
  try {
    read_suppression_list("name,phone\nHanako,0312345678\n", "list.csv");
    FAIL("no error");
  } catch (const tsuikyaku::core::Error& e) {
    CHECK(e.kind() == tsuikyaku::core::ErrorKind::data);
    CHECK(std::string(e.what()) ==
          "list.csv:1: expected an address, or a CSV header with a column named email, e-mail, "
          "email address, address, mail or メールアドレス");
  }
}
