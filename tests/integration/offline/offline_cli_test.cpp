#include <catch2/catch.hpp>
#include <filesystem>

#include "offline/offline_shop.hpp"

// Inserts and postal mail through the ledger (docs/offline.md, issue 16): the binary run
// as a process on a workspace made by `init --lang ja`, with a real SQLite file.

using namespace tsuikyaku;
namespace fs = std::filesystem;

namespace {

testing::CliResult cli(const testing::TempDir& dir, std::vector<std::string> args) {
  return testing::offline_cli(dir, std::move(args));
}
int shell(const std::string& command) { return testing::offline_shell(command); }
void make_shop(const testing::TempDir& dir) { testing::make_offline_shop(dir); }
std::string ledger(const testing::TempDir& dir, const std::string& campaign,
                   const std::string& email) {
  return testing::offline_ledger(dir, campaign, email);
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
        "tsuikyaku: 1 skipped: no post\n"
        "tsuikyaku: 2 skipped: no postal address\n"
        "tsuikyaku: batch post-2026-12-03: 2 postcards; when posted: tsuikyaku post done "
        "post-2026-12-03\n");
  CHECK(cli(dir, {"post", "--as-of", "2026-12-03 10:00"}).out == expected);
  CHECK(ledger(dir, "dm", "jiro@example.jp") == "skipped:no postal address");
  CHECK(ledger(dir, "dm", "saburo@example.jp") == "skipped:no post");

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
