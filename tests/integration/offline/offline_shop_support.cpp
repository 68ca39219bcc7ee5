#include <SQLiteCpp/SQLiteCpp.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "offline/offline_shop.hpp"

namespace tsuikyaku::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* k_orders =
    R"(order_id,email,name,ordered_at,total,status,shipped_at,accepts_marketing,postal_code,region,city,address,country
A-1,hanako@example.jp,山田 花子,2026-12-02T10:00:00+09:00,4860,paid,,yes,150-0001,東京都,渋谷区,神宮前1-2-3,JP
B-1,taro@example.jp,佐藤 太郎,2026-12-02T11:00:00+09:00,3240,paid,,yes,530-0001,大阪府,大阪市北区,梅田1-1-1,JP
E-1,shiro@example.jp,伊藤 四郎,2026-12-02T12:00:00+09:00,3240,paid,,yes,,,,,JP
C-1,jiro@example.jp,鈴木 次郎,2026-06-01T11:00:00+09:00,3240,paid,2026-06-02T10:00:00+09:00,yes,,,,,JP
D-1,saburo@example.jp,高橋 三郎,2026-06-01T12:00:00+09:00,3240,paid,2026-06-02T10:00:00+09:00,yes,060-0001,北海道,札幌市中央区,北1条西1-1,JP
)";

}  // namespace

CliResult offline_cli(const TempDir& dir, std::vector<std::string> args) {
  CliRun run;
  run.args = std::move(args);
  run.env = {{"LANG", "en_US.UTF-8"}, {"TZ", "UTC"}};
  return run_binary(dir.path(), run);
}

int offline_shell(const std::string& command) {
  INFO(command);
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void make_offline_shop(const TempDir& dir) {
  REQUIRE(offline_cli(dir, {"init", "--lang", "ja"}).exit_code == 0);
  for (const auto& entry : fs::directory_iterator(dir / "campaigns")) fs::remove(entry.path());
  fs::create_directories(dir / "templates/inserts");
  fs::create_directories(dir / "templates/postal");
  write_file(dir / "templates/inserts/first.md",
             "{{customer.name}}様、はじめてのご注文ありがとうございます。\n");
  write_file(dir / "templates/postal/dm.md",
             "{{customer.name}}様、お久しぶりです。新しいお茶が入りました。\n");
  write_file(dir / "campaigns/first-card.yaml",
             "name: first-card\nkind: transactional\nchannel: insert\n"
             "trigger: { event: ordered, delay: 0h, expires: 14d }\n"
             "insert: { item: \"初回ガイド\", note: templates/inserts/first.md }\n");
  write_file(dir / "campaigns/dm.yaml",
             "name: dm\nkind: marketing\nchannel: postal\n"
             "schedule: { on: 2026-12-03 }\nsubject: \"{{shop.name}}より\"\n"
             "body: templates/postal/dm.md\n");
  write_file(dir / "orders.csv", k_orders);
  REQUIRE(offline_cli(dir, {"import", "orders.csv"}).exit_code == 0);
}

std::string offline_ledger(const TempDir& dir, const std::string& campaign,
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

}  // namespace tsuikyaku::testing
