#include <catch2/catch.hpp>

#include "offline/offline_shop.hpp"

// Which suppression stops which channel (docs/offline.md, "What stops which channel"):
// bounced stops e-mail only, no_post postal mail only, unsubscribed marketing of every
// channel. One customer suppressed at a time, the three channels planned by `send`.

using namespace tsuikyaku;

namespace {

// The offline shop with a marketing mail and a marketing insert besides the transactional
// insert and the DM, and no cooldown between channels (each test is about one suppression).
void make_shop(const testing::TempDir& dir) {
  testing::make_offline_shop(dir);
  const std::string config = testing::read_file(dir / "tsuikyaku.yaml");
  const std::string cooldown = "  marketing_cooldown: 7d\n";
  const auto at = config.find(cooldown);
  REQUIRE(at != std::string::npos);
  testing::write_file(dir / "tsuikyaku.yaml",
                      config.substr(0, at + cooldown.size()) +
                          "  channel_cooldown: { email: 0h, insert: 0h, postal: 0h }\n" +
                          config.substr(at + cooldown.size()));
  testing::write_file(dir / "templates/news.md", "{{customer.name}}様、新茶のお知らせです。\n");
  testing::write_file(dir / "campaigns/news.yaml",
                      "name: news\nkind: marketing\nschedule: { on: 2026-12-03 }\n"
                      "subject: \"新茶のお知らせ\"\nbody: templates/news.md\n");
  testing::write_file(dir / "campaigns/sample-card.yaml",
                      "name: sample-card\nkind: marketing\nchannel: insert\n"
                      "trigger: { event: ordered, delay: 0h, expires: 14d }\n"
                      "insert: { item: \"新茶の試供品\" }\n");
}

void suppress(const testing::TempDir& dir, const std::string& email, const std::string& reason) {
  REQUIRE(testing::offline_cli(dir, {"suppress", "add", email, "--reason", reason}).exit_code == 0);
}

// Every channel planned: `send` mails the mail and queues the inserts and the postcards.
void plan_all(const testing::TempDir& dir) {
  REQUIRE(testing::offline_cli(dir, {"send", "--as-of", "2026-12-03 10:00"}).exit_code == 0);
}

std::string ledger(const testing::TempDir& dir, const std::string& campaign) {
  return testing::offline_ledger(dir, campaign, "hanako@example.jp");
}

}  // namespace

TEST_CASE("offline: bounced stops e-mail only: the inserts and the postcard still go",
          "[offline][suppression]") {
  testing::TempDir dir;
  make_shop(dir);
  suppress(dir, "hanako@example.jp", "bounced");
  plan_all(dir);
  CHECK(ledger(dir, "news") == "skipped:bounced");
  CHECK(ledger(dir, "first-card") == "queued");
  CHECK(ledger(dir, "sample-card") == "queued");
  CHECK(ledger(dir, "dm") == "queued");
  CHECK(testing::offline_cli(dir, {"post", "--as-of", "2026-12-03 11:00"})
            .out.find("hanako@example.jp,150-0001") != std::string::npos);
  // A customer not suppressed gets all four.
  CHECK(testing::offline_ledger(dir, "news", "taro@example.jp") == "sent");
}

TEST_CASE("offline: no_post stops postal mail only, with a reason of its own",
          "[offline][suppression]") {
  testing::TempDir dir;
  make_shop(dir);
  suppress(dir, "hanako@example.jp", "no_post");
  // The plan names the reason, in both languages.
  for (const std::string lang : {"en", "ja"}) {
    const auto plan = testing::offline_cli(
        dir,
        {"--lang", lang, "plan", "--days", "1", "--campaign", "dm", "--as-of", "2026-12-03 09:00"});
    INFO(plan.out);
    CHECK(plan.out.find("hanako@example.jp") != std::string::npos);
    CHECK(plan.out.find(": no post\n") != std::string::npos);
    CHECK(plan.out.find("unsubscribed") == std::string::npos);
  }
  plan_all(dir);
  CHECK(ledger(dir, "dm") == "skipped:no post");
  CHECK(ledger(dir, "news") == "sent");
  CHECK(ledger(dir, "first-card") == "queued");
  CHECK(ledger(dir, "sample-card") == "queued");
  const auto post = testing::offline_cli(dir, {"post", "--as-of", "2026-12-03 11:00"});
  CHECK(post.out.find("hanako") == std::string::npos);
}

TEST_CASE("offline: unsubscribed stops the marketing of every channel, not an order's insert",
          "[offline][suppression]") {
  testing::TempDir dir;
  make_shop(dir);
  suppress(dir, "hanako@example.jp", "unsubscribed");
  plan_all(dir);
  CHECK(ledger(dir, "news") == "skipped:unsubscribed");
  CHECK(ledger(dir, "sample-card") == "skipped:unsubscribed");
  CHECK(ledger(dir, "dm") == "skipped:unsubscribed");
  CHECK(ledger(dir, "first-card") == "queued");
  const auto list = testing::offline_cli(dir, {"inserts", "--date", "2026-12-03 11:00"});
  CHECK(list.out.find("A-1    2026-12-02  山田 花子 様  first-card   初回ガイド\n") !=
        std::string::npos);
  CHECK(list.out.find("A-1    2026-12-02  山田 花子 様  sample-card") == std::string::npos);
}
