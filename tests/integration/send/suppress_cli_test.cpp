#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "send/ledger_fixture.hpp"
#include "tsuikyaku/store/suppressions.hpp"

using namespace tsuikyaku;
using namespace tsuikyaku::testing;
using nlohmann::json;

TEST_CASE("suppress: add, list and remove addresses in any letter case", "[suppress]") {
  LedgerFixture ledger;
  const auto& dir = ledger.shop().path();
  CliResult added = run_cli(
      dir, {"suppress", "add", "Hanako@Example.JP", "taro@example.jp", "--reason", "unsubscribed"});
  CHECK(added.exit_code == 0);
  CHECK(
      added.out ==
      "Hanako@Example.JP: suppressed (unsubscribed)\ntaro@example.jp: suppressed (unsubscribed)\n");
  CHECK(run_cli(dir, {"suppress", "add", "hanako@example.jp", "--reason", "unsubscribed"}).out ==
        "hanako@example.jp: already suppressed\n");

  const CliResult csv = run_cli(dir, {"suppress", "list", "--format", "csv"});
  CHECK(csv.out ==
        "\xEF\xBB\xBF"
        "address,reason,detail,source,created_at\r\n"
        "hanako@example.jp,unsubscribed,,cli,2026-11-18T20:06:40+09:00\r\n"
        "taro@example.jp,unsubscribed,,cli,2026-11-18T20:06:40+09:00\r\n");
  const json list = json::parse(run_cli(dir, {"suppress", "list", "--format", "json"}).out);
  CHECK(list == json::parse(R"({"suppressions": [
      {"address": "hanako@example.jp", "reason": "unsubscribed", "detail": null, "source": "cli",
       "created_at": "2026-11-18T20:06:40+09:00"},
      {"address": "taro@example.jp", "reason": "unsubscribed", "detail": null, "source": "cli",
       "created_at": "2026-11-18T20:06:40+09:00"}]})"));

  const CliResult removed =
      run_cli(dir, {"suppress", "remove", "HANAKO@example.jp", "x@example.jp"});
  CHECK(removed.exit_code == 0);
  CHECK(removed.out == "HANAKO@example.jp: removed\nx@example.jp: was not suppressed\n");
  CHECK(run_cli(dir, {"suppress", "list"}).out ==
        "address          reason        since                      source  detail\n"
        "taro@example.jp  unsubscribed  2026-11-18T20:06:40+09:00  cli\n"
        "1 suppressed\n");
}

TEST_CASE("suppress: an argument that is not an address is a usage error", "[suppress]") {
  LedgerFixture ledger;
  const CliResult result = run_cli(ledger.shop().path(), {"suppress", "add", "hanako"});
  CHECK(result.exit_code == 64);
  CHECK(result.err == "tsuikyaku: error: 'hanako' is not a mail address like name@example.com\n");
  CHECK(run_cli(ledger.shop().path(), {"suppress", "add", "a@example.jp", "--reason", "spam"})
            .exit_code == 64);
}

TEST_CASE("suppress: import a CSV with reasons, rejecting bad rows by line", "[suppress]") {
  LedgerFixture ledger;
  const auto& dir = ledger.shop().path();
  store::suppress(ledger.db(), {"old@example.jp", store::SuppressionReason::bounced, "", "send"},
                  k_now);
  write_file(dir / "list.csv",
             "\xEF\xBB\xBF"
             "Email,Name,Reason\r\n"
             "a@example.jp,\"Sato, Hanako\",complained\r\n"
             "B@Example.jp,Taro,\r\n"
             "not-an-address,X,manual\r\n"
             "c@example.jp,Y,spam\r\n"
             "old@example.jp,Z,unsubscribed\r\n"
             "\r\n");
  const CliResult result =
      run_cli(dir, {"suppress", "import", "list.csv", "--reason", "unsubscribed"});
  CHECK(result.exit_code == 65);
  CHECK(result.err ==
        "list.csv:4: 'not-an-address' is not a mail address\n"
        "list.csv:5: reason: expected unsubscribed, bounced, complained, manual or no_post, not "
        "'spam'\n");
  CHECK(result.out == "5 addresses read: 2 added, 0 updated, 1 unchanged, 2 rejected\n");
  const auto a = store::find_suppression(ledger.db(), "a@example.jp");
  REQUIRE(a);
  CHECK(a->reason == store::SuppressionReason::complained);
  CHECK(a->source == "import:list.csv");
  CHECK(store::find_suppression(ledger.db(), "b@example.jp")->reason ==
        store::SuppressionReason::unsubscribed);
  // A bounce stays a bounce.
  CHECK(store::find_suppression(ledger.db(), "old@example.jp")->reason ==
        store::SuppressionReason::bounced);
}

TEST_CASE("suppress: import a plain list from standard input", "[suppress]") {
  LedgerFixture ledger;
  CliRun run;
  run.args = {"suppress", "import", "-"};
  // A comment may hold anything, a lone quote included.
  run.stdin_text = "# unsubscribed by phone\na@example.jp\n# she wrote \"stop\n\nb@example.jp\n";
  const CliResult result = run_cli(ledger.shop().path(), run);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "2 addresses read: 2 added, 0 updated, 0 unchanged, 0 rejected\n");
  CHECK(store::find_suppression(ledger.db(), "b@example.jp")->reason ==
        store::SuppressionReason::manual);
  CHECK(store::find_suppression(ledger.db(), "b@example.jp")->source == "import:-");
}

TEST_CASE("suppress: a CSV without an address column is refused", "[suppress]") {
  LedgerFixture ledger;
  write_file(ledger.shop().path() / "list.csv", "name,phone\nHanako,0312345678\n");
  const CliResult result = run_cli(ledger.shop().path(), {"suppress", "import", "list.csv"});
  CHECK(result.exit_code == 65);
  CHECK(result.err ==
        "tsuikyaku: error: list.csv:1: expected an address, or a CSV header with a column named "
        "email, e-mail, email address, address, mail or メールアドレス\n");
  const CliResult missing = run_cli(ledger.shop().path(), {"suppress", "import", "nope.csv"});
  CHECK(missing.exit_code == 66);
  CHECK(missing.err == "tsuikyaku: error: cannot read nope.csv: no such file or not readable\n");
}

TEST_CASE("suppress: import reads quoted line breaks, and rows keep their physical lines",
          "[suppress]") {
  LedgerFixture ledger;
  const auto& dir = ledger.shop().path();
  // A provider's export with a note that spans lines: its second line is not an address.
  write_file(dir / "list.csv",
             "email,note,reason\n"
             "a@example.jp,\"asked by phone,\nthen by mail\",unsubscribed\n"
             "bad-address,,\n"
             "b@example.jp,\"said \"\"stop\"\"\",complained\n"
             "c@example.jp,\"never closed,manual\n");
  const CliResult result = run_cli(dir, {"suppress", "import", "list.csv"});
  CHECK(result.exit_code == 65);
  CHECK(result.err ==
        "list.csv:4: 'bad-address' is not a mail address\n"
        "list.csv:6: a quoted field is not closed before the end of the file\n");
  CHECK(result.out == "3 addresses read: 2 added, 0 updated, 0 unchanged, 2 rejected\n");
  CHECK(store::find_suppression(ledger.db(), "a@example.jp")->reason ==
        store::SuppressionReason::unsubscribed);
  CHECK(store::find_suppression(ledger.db(), "b@example.jp")->reason ==
        store::SuppressionReason::complained);
  CHECK_FALSE(store::find_suppression(ledger.db(), "c@example.jp"));
}

TEST_CASE("suppress: import a CP932 export with a Japanese header", "[suppress]") {
  LedgerFixture ledger;
  const auto& dir = ledger.shop().path();
  // 氏名,メールアドレス / 佐藤 花子,hanako@example.jp / 山田 太郎,taro@example.jp, in CP932.
  write_file(dir / "list.csv",
             "\x8E\x81\x96\xBC,\x83\x81\x81\x5B\x83\x8B\x83\x41\x83\x68\x83\x8C\x83\x58\r\n"
             "\x8D\xB2\x93\xA1 \x89\xD4\x8E\x71,hanako@example.jp\r\n"
             "\x8E\x52\x93\x63 \x91\xBE\x98\x59,taro@example.jp\r\n");
  const CliResult result =
      run_cli(dir, {"suppress", "import", "list.csv", "--reason", "unsubscribed"});
  CHECK(result.err.empty());
  CHECK(result.exit_code == 0);
  CHECK(result.out == "2 addresses read: 2 added, 0 updated, 0 unchanged, 0 rejected\n");
  CHECK(store::find_suppression(ledger.db(), "taro@example.jp")->reason ==
        store::SuppressionReason::unsubscribed);
}
