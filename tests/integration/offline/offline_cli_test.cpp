#include <SQLiteCpp/SQLiteCpp.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "support.hpp"

// Inserts and postal mail through the ledger (docs/offline.md, issue 16): the binary run
// as a process on a workspace made by `init --lang ja`, with a real SQLite file.

using namespace tsuikyaku;
namespace fs = std::filesystem;

namespace {

constexpr const char* k_orders =
    R"(order_id,email,name,ordered_at,total,status,shipped_at,accepts_marketing,postal_code,region,city,address,country
A-1,hanako@example.jp,山田 花子,2026-12-02T10:00:00+09:00,4860,paid,,yes,150-0001,東京都,渋谷区,神宮前1-2-3,JP
B-1,taro@example.jp,佐藤 太郎,2026-12-02T11:00:00+09:00,3240,paid,,yes,530-0001,大阪府,大阪市北区,梅田1-1-1,JP
E-1,shiro@example.jp,伊藤 四郎,2026-12-02T12:00:00+09:00,3240,paid,,yes,,,,,JP
C-1,jiro@example.jp,鈴木 次郎,2026-06-01T11:00:00+09:00,3240,paid,2026-06-02T10:00:00+09:00,yes,,,,,JP
D-1,saburo@example.jp,高橋 三郎,2026-06-01T12:00:00+09:00,3240,paid,2026-06-02T10:00:00+09:00,yes,060-0001,北海道,札幌市中央区,北1条西1-1,JP
)";

testing::CliResult cli(const testing::TempDir& dir, std::vector<std::string> args) {
  testing::CliRun run;
  run.args = std::move(args);
  run.env = {{"LANG", "en_US.UTF-8"}, {"TZ", "UTC"}};  // the messages checked are English
  return testing::run_binary(dir.path(), run);
}

int shell(const std::string& command) {
  INFO(command);
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A Japanese workspace with only the offline campaigns of this test: a first-order insert
// and a DM postcard on 2026-12-03 to every customer.
void make_shop(const testing::TempDir& dir) {
  REQUIRE(cli(dir, {"init", "--lang", "ja"}).exit_code == 0);
  for (const auto& entry : fs::directory_iterator(dir / "campaigns")) fs::remove(entry.path());
  fs::create_directories(dir / "templates/inserts");
  fs::create_directories(dir / "templates/postal");
  testing::write_file(dir / "templates/inserts/first.md",
                      "{{customer.name}}様、はじめてのご注文ありがとうございます。\n");
  testing::write_file(dir / "templates/postal/dm.md",
                      "{{customer.name}}様、お久しぶりです。新しいお茶が入りました。\n");
  testing::write_file(dir / "campaigns/first-card.yaml",
                      "name: first-card\nkind: transactional\nchannel: insert\n"
                      "trigger: { event: ordered, delay: 0h, expires: 14d }\n"
                      "insert: { item: \"初回ガイド\", note: templates/inserts/first.md }\n");
  testing::write_file(dir / "campaigns/dm.yaml",
                      "name: dm\nkind: marketing\nchannel: postal\n"
                      "schedule: { on: 2026-12-03 }\nsubject: \"{{shop.name}}より\"\n"
                      "body: templates/postal/dm.md\n");
  testing::write_file(dir / "orders.csv", k_orders);
  REQUIRE(cli(dir, {"import", "orders.csv"}).exit_code == 0);
}

// state, or state:skip_reason, of the campaign's row for the customer (by e-mail).
std::string ledger(const testing::TempDir& dir, const std::string& campaign,
                   const std::string& email) {
  SQLite::Database db((dir / "tsuikyaku.db").string());
  SQLite::Statement row(db,
                        "SELECT m.state, coalesce(m.skip_reason, '') FROM messages m JOIN "
                        "customers c ON c.id = m.customer_id WHERE m.campaign = ? AND c.email = ?");
  row.bind(1, campaign);
  row.bind(2, email);
  if (!row.executeStep()) return "none";
  const std::string reason = row.getColumn(1).getString();
  return row.getColumn(0).getString() + (reason.empty() ? "" : ":" + reason);
}

}  // namespace

TEST_CASE(
    "offline: the packing list is planned once and recorded once; shipped is missed, "
    "cancelled drops out",
    "[offline]") {
  testing::TempDir dir;
  make_shop(dir);
  const auto list = cli(dir, {"inserts", "--date", "2026-12-03 09:00"});
  REQUIRE(list.exit_code == 0);
  CHECK(list.out ==
        "order  ordered     customer      campaign    item\n"
        "A-1    2026-12-02  山田 花子 様  first-card  初回ガイド\n"
        "B-1    2026-12-02  佐藤 太郎 様  first-card  初回ガイド\n"
        "E-1    2026-12-02  伊藤 四郎 様  first-card  初回ガイド\n");
  CHECK(cli(dir, {"inserts", "--date", "2026-12-03 09:00"}).out == list.out);
  // `send` plans the insert campaign too, and mails nothing of it.
  CHECK(cli(dir, {"send", "--as-of", "2026-12-03 10:00"}).exit_code == 0);
  CHECK(ledger(dir, "first-card", "hanako@example.jp") == "queued");
  CHECK((!fs::exists(dir / "outbox/new") || fs::is_empty(dir / "outbox/new")));

  const auto csv = cli(dir, {"inserts", "--date", "2026-12-03 09:00", "--format", "csv"});
  CHECK(csv.out.find("\xEF\xBB\xBF"
                     "order,ordered_at,customer_key,name,campaign,item,note\r\n"
                     "A-1,2026-12-02T10:00:00+09:00,hanako@example.jp,山田 花子,first-card,"
                     "初回ガイド,山田 花子様、はじめてのご注文ありがとうございます。\r\n") == 0);

  const auto done = cli(dir, {"inserts", "done", "A-1", "--date", "2026-12-03 10:00"});
  CHECK(done.exit_code == 0);
  CHECK(done.out == "A-1: 1 insert recorded as packed\n");
  const auto again = cli(dir, {"inserts", "done", "A-1", "--date", "2026-12-03 11:00"});
  CHECK(again.out == "A-1: nothing to record (already packed, or no insert for it)\n");
  CHECK(ledger(dir, "first-card", "hanako@example.jp") == "sent");
  const auto unknown = cli(dir, {"inserts", "done", "Z-9"});
  CHECK(unknown.exit_code == 65);
  CHECK(unknown.err == "tsuikyaku: error: order Z-9 is not in the database\n");

  // B-1 is cancelled before it was packed, E-1 ships without its insert.
  testing::write_file(dir / "orders2.csv",
                      "order_id,email,name,ordered_at,total,status,shipped_at\n"
                      "B-1,taro@example.jp,佐藤 太郎,2026-12-02T11:00:00+09:00,3240,cancelled,\n"
                      "E-1,shiro@example.jp,伊藤 四郎,2026-12-02T12:00:00+09:00,3240,paid,"
                      "2026-12-03T12:00:00+09:00\n");
  REQUIRE(cli(dir, {"import", "orders2.csv"}).exit_code == 0);
  CHECK(cli(dir, {"inserts", "--date", "2026-12-03 13:00"}).out == "No inserts to pack.\n");
  CHECK(ledger(dir, "first-card", "taro@example.jp") == "skipped:cancelled");
  CHECK(ledger(dir, "first-card", "shiro@example.jp") == "skipped:missed");
  CHECK(ledger(dir, "first-card", "hanako@example.jp") == "sent");
}

TEST_CASE(
    "offline: a postal batch is the same twice, recorded once, skips no_post and no "
    "address, and cools e-mail marketing down",
    "[offline]") {
  testing::TempDir dir;
  make_shop(dir);
  REQUIRE(cli(dir, {"suppress", "add", "saburo@example.jp", "--reason", "no_post"}).exit_code == 0);
  const auto batch = cli(dir, {"post", "--as-of", "2026-12-03 09:00"});
  REQUIRE(batch.exit_code == 0);
  const std::string expected =
      "\xEF\xBB\xBF"
      "batch,campaign,customer_key,postal_code,region,city,address,address2,country,name,"
      "message\r\n"
      "post-2026-12-03,dm,hanako@example.jp,150-0001,東京都,渋谷区,神宮前1-2-3,,JP,山田 花子 様,"
      "\"かえで茶舗より\n\n山田 花子様、お久しぶりです。新しいお茶が入りました。\"\r\n"
      "post-2026-12-03,dm,taro@example.jp,530-0001,大阪府,大阪市北区,梅田1-1-1,,JP,佐藤 太郎 様,"
      "\"かえで茶舗より\n\n佐藤 太郎様、お久しぶりです。新しいお茶が入りました。\"\r\n";
  CHECK(batch.out == expected);
  CHECK(batch.err ==
        "tsuikyaku: 2 skipped: no postal address\n"
        "tsuikyaku: 1 skipped: unsubscribed\n"
        "tsuikyaku: batch post-2026-12-03: 2 postcards; when posted: tsuikyaku post done "
        "post-2026-12-03\n");
  CHECK(cli(dir, {"post", "--as-of", "2026-12-03 10:00"}).out == expected);
  CHECK(ledger(dir, "dm", "jiro@example.jp") == "skipped:no postal address");
  CHECK(ledger(dir, "dm", "saburo@example.jp") == "skipped:unsubscribed");

  // Both encodings read back as the same rows by Python's csv module.
  testing::write_file(dir / "utf8.csv", batch.out);
  const auto cp932 = cli(dir, {"post", "--as-of", "2026-12-03 10:00", "--encoding", "cp932"});
  testing::write_file(dir / "cp932.csv", cp932.out);
  CHECK(cp932.out.substr(0, 5) == "batch");
  CHECK(shell("cd '" + dir.path().string() +
              "' && /usr/bin/python3 -c \"import csv,sys; "
              "a=list(csv.reader(open('utf8.csv', encoding='utf-8-sig', newline=''))); "
              "b=list(csv.reader(open('cp932.csv', encoding='cp932', newline=''))); "
              "sys.exit(0 if a == b and len(a) == 3 and a[1][9] == '山田 花子 様' else 1)\"") == 0);

  const auto done = cli(dir, {"post", "done", "post-2026-12-03", "--as-of", "2026-12-03 11:00"});
  CHECK(done.out == "post-2026-12-03: 2 messages recorded as posted\n");
  const auto twice = cli(dir, {"post", "done", "post-2026-12-03", "--as-of", "2026-12-03 12:00"});
  CHECK(twice.out == "post-2026-12-03: already recorded as posted (2 messages)\n");
  CHECK(ledger(dir, "dm", "hanako@example.jp") == "sent");
  const auto none = cli(dir, {"post", "done", "post-2026-01-01"});
  CHECK(none.exit_code == 64);
  CHECK(none.err ==
        "tsuikyaku: error: post done: no batch 'post-2026-01-01'; `tsuikyaku post` prints the "
        "batch's name, like post-2026-12-03\n");
  // The next batch holds nothing already posted.
  CHECK(cli(dir, {"post", "--as-of", "2026-12-04 09:00"}).out.find("hanako") == std::string::npos);

  // A win-back mail the day after the DM: the customers who got the DM are within the
  // cooldown past the mail's expiry, the ones who did not (no address, no_post) are mailed.
  testing::write_file(dir / "templates/back.md", "{{customer.name}}様、お元気ですか。\n");
  testing::write_file(dir / "campaigns/back.yaml",
                      "name: back\nkind: marketing\nschedule: { on: 2026-12-04 }\n"
                      "subject: \"お久しぶりです\"\nbody: templates/back.md\n");
  CHECK(cli(dir, {"send", "--as-of", "2026-12-04 10:00"}).exit_code == 0);
  CHECK(ledger(dir, "back", "hanako@example.jp") == "skipped:cooldown");
  CHECK(ledger(dir, "back", "taro@example.jp") == "skipped:cooldown");
  CHECK(ledger(dir, "back", "jiro@example.jp") == "sent");
  CHECK(ledger(dir, "back", "saburo@example.jp") == "sent");
}

TEST_CASE(
    "offline: the packing cards and postcards print at their size in Chromium, in "
    "Japanese",
    "[offline]") {
  testing::TempDir dir;
  make_shop(dir);
  testing::write_file(dir / "cards.html",
                      cli(dir, {"inserts", "--date", "2026-12-03 09:00", "--format", "html"}).out);
  testing::write_file(dir / "post.html",
                      cli(dir, {"post", "--as-of", "2026-12-03 09:00", "--format", "html"}).out);
  const std::string chromium =
      "chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--no-pdf-header-footer --user-data-dir='" +
      (dir / "profile").string() + "' ";
  const std::string checker =
      (testing::source_dir() / "tests/integration/offline/check_print.py").string();
  // Three orders: three A6 cards; three customers with an address: two sides each.
  for (const auto& [page, pages, width] : {std::tuple{"cards", 3, 105}, {"post", 6, 100}}) {
    const std::string html = (dir / (std::string(page) + ".html")).string();
    const std::string base = (dir / page).string();
    REQUIRE(shell(chromium + "--print-to-pdf='" + base + ".pdf' 'file://" + html +
                  "' >/dev/null 2>&1") == 0);
    REQUIRE(shell(chromium + "--screenshot='" + base + ".png' --window-size=800,1200 'file://" +
                  html + "' >/dev/null 2>&1") == 0);
    CHECK(shell("/usr/bin/python3 '" + checker + "' '" + base + ".pdf' " + std::to_string(pages) +
                " " + std::to_string(width) + " 148 '" + base + ".png'") == 0);
  }
}

TEST_CASE("offline: campaigns check names the file, line and column of a wrong channel",
          "[offline]") {
  testing::TempDir dir;
  make_shop(dir);
  const auto check = [&](const std::string& yaml) {
    testing::write_file(dir / "campaigns/bad.yaml", yaml);
    const auto result = cli(dir, {"campaigns", "check"});
    CHECK(result.exit_code == 78);
    const std::string summary = "campaigns check: 1 error\n";
    REQUIRE(result.err.ends_with(summary));
    return result.err.substr(0, result.err.size() - summary.size());
  };
  CHECK(check("name: bad\nkind: marketing\nchannel: fax\nschedule: { on: 2026-12-04 }\n"
              "body: templates/postal/dm.md\n") ==
        "tsuikyaku: error: campaigns/bad.yaml:3:10: channel: expected email, insert or postal\n");
  CHECK(check("name: bad\nkind: marketing\nchannel: insert\nschedule: { on: 2026-12-04 }\n"
              "insert: { item: x }\n") ==
        "tsuikyaku: error: campaigns/bad.yaml:4:11: schedule: an insert goes into the parcel of "
        "an order: expected trigger: { event: ordered, … }\n");
  CHECK(check("name: bad\nkind: marketing\ntrigger: { event: ordered, delay: 0h }\n"
              "insert: { item: x }\nsubject: x\nbody: templates/postal/dm.md\n") ==
        "tsuikyaku: error: campaigns/bad.yaml:4:9: insert: an insert: is for channel: insert; "
        "add channel: insert\n");
}
