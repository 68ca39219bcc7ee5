#include <algorithm>
#include <catch2/catch.hpp>

#include "support.hpp"

// The shipped gift seasons (お中元, お歳暮, 母の日) in a workspace of `init`, run as a
// user runs them: yearly windows, once per customer per year, and bought_around.

using namespace tsuikyaku;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;

namespace {

namespace fs = std::filesystem;

void enable(const fs::path& file) {
  std::string text = testing::read_file(file);
  const auto at = text.find("enabled: false");
  REQUIRE(at != std::string::npos);
  testing::write_file(file, text.replace(at, 14, "enabled: true"));
}

// The recipients of the outbox's messages of campaign, sorted.
std::vector<std::string> outbox_recipients(const fs::path& shop, const std::string& campaign) {
  std::vector<std::string> out;
  if (!fs::is_directory(shop / "outbox/new")) return out;
  for (const auto& entry : fs::directory_iterator(shop / "outbox/new")) {
    const std::string mail = testing::read_file(entry.path());
    if (mail.find("X-Tsuikyaku-Campaign: " + campaign + "\r") == std::string::npos) continue;
    const auto to = mail.find("\nTo: ");
    REQUIRE(to != std::string::npos);
    const auto open = mail.find('<', to);
    out.push_back(mail.substr(open + 1, mail.find('>', open) - open - 1));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Aoki ordered around 1 December in 2025 and in 2026; Baba in June 2025 only; Chiba around
// 1 December 2025 but takes no marketing; Doi first ordered on 20 November 2026.
constexpr const char* k_orders =
    "order_id,email,name,ordered_at,total,currency,status,accepts_marketing\n"
    "A-1,aoki@example.jp,Aoki,2025-12-10 10:00,5400,JPY,paid,yes\n"
    "A-2,aoki@example.jp,Aoki,2026-12-05 10:00,5400,JPY,paid,yes\n"
    "B-1,baba@example.jp,Baba,2025-06-01 10:00,3200,JPY,paid,yes\n"
    "C-1,chiba@example.jp,Chiba,2025-11-20 10:00,3200,JPY,paid,no\n"
    "D-1,doi@example.jp,Doi,2026-11-20 10:00,4100,JPY,paid,yes\n";

}  // namespace

TEST_CASE("cli: the shipped お歳暮 goes out in its window, once per customer per year",
          "[cli][planning]") {
  testing::TempDir dir;
  REQUIRE(testing::run_cli(dir.path(), {"init", "shop", "--lang", "ja", "-q"}).exit_code == 0);
  const fs::path shop = dir / "shop";
  enable(shop / "campaigns/oseibo.yaml");
  testing::write_file(shop / "orders.csv", k_orders);
  REQUIRE(testing::run_cli(shop, {"import", "orders.csv"}).exit_code == 0);

  // From 20 November: the window opens on 1 December, at 09:00 when quiet hours end.
  const auto plan = testing::run_cli(shop, {"plan", "--campaign", "oseibo", "--days", "30",
                                            "--as-of", "2026-11-20 10:00", "--lang", "en"});
  CHECK(plan.exit_code == 0);
  CHECK_THAT(plan.out, StartsWith("Plan for 30 days from 2026-11-20T10:00:00+09:00: 1 message, "
                                  "1 skipped\n\noseibo (marketing, yearly 12-01 to 12-20, "
                                  "everyone bought ±30d last year)\n  2026-12-01 Tue: 1 message, "
                                  "1 skipped\n"));

  const auto send = [&](const std::string& at) {
    const auto result = testing::run_cli(shop, {"send", "--campaign", "oseibo", "--as-of", at});
    INFO(result.err);
    CHECK(result.exit_code == 0);
  };
  send("2026-11-30 10:00");
  CHECK(outbox_recipients(shop, "oseibo").empty());
  send("2026-12-01 10:00");
  CHECK(outbox_recipients(shop, "oseibo") == std::vector<std::string>{"aoki@example.jp"});
  send("2026-12-15 10:00");  // once a year: nothing more
  send("2026-12-24 10:00");  // closed
  CHECK(outbox_recipients(shop, "oseibo").size() == 1);

  // The next year: Aoki again (ordered on 5 December 2026), and Doi (20 November 2026).
  send("2027-11-30 10:00");
  CHECK(outbox_recipients(shop, "oseibo").size() == 1);
  send("2027-12-02 10:00");
  send("2027-12-03 10:00");
  CHECK(outbox_recipients(shop, "oseibo") ==
        std::vector<std::string>{"aoki@example.jp", "aoki@example.jp", "doi@example.jp"});
}

TEST_CASE("cli: campaigns check accepts the shipped seasons, enabled, in both languages", "[cli]") {
  for (const std::string lang : {"ja", "en"}) {
    INFO(lang);
    testing::TempDir dir;
    REQUIRE(testing::run_cli(dir.path(), {"init", "shop", "--lang", lang, "-q"}).exit_code == 0);
    for (const char* name : {"ochugen", "oseibo", "mothers-day"}) {
      enable(dir / "shop/campaigns" / (std::string(name) + ".yaml"));
    }
    const auto check = testing::run_cli(dir / "shop", {"campaigns", "check"});
    CHECK(check.exit_code == 0);
    CHECK_THAT(check.out, StartsWith("12 campaigns OK (4 disabled)\n"));
    const auto campaigns =
        testing::run_cli(dir / "shop", {"campaigns", "--as-of", "2026-04-26 10:00"});
    CHECK_THAT(campaigns.out,
               Contains("mothers-day     marketing      yearly 14d before 2nd sunday of May"));
    CHECK_THAT(campaigns.out, Contains("ochugen         marketing      yearly 07-01 to 07-15"));
  }
}
