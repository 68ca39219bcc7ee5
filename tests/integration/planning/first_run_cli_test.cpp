#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "planning/planning_fixture.hpp"

// A marketing campaign's first run waits for `tsuikyaku campaigns start` (docs/sending.md,
// "A campaign's first run"), through the CLI, word for word.

using namespace tsuikyaku;
using Catch::Matchers::Equals;
using testing::tokyo;

namespace {

// Kaede Tea with send.first_run_limit 3 and no quiet hours: a thank-you, and a win-back for
// the dormant customers D-1 … D-n (one order each on May 1); one new order today.
testing::PlanningShop shop_with_dormant(int dormant, const std::string& limit = "3") {
  testing::PlanningShop shop("send:\n  first_run_limit: " + limit + "\n");
  shop.campaign("thank-you", testing::k_thank_you_yaml);
  shop.campaign("winback",
                "kind: marketing\nlang: en\naudience: { segments: [dormant] }\n"
                "schedule: { every: 180d }\nsubject: \"We miss you\"\n");
  for (int i = 1; i <= dormant; ++i) {
    const std::string n = std::to_string(i);
    const auto id = shop.customer("D-" + n, "d" + n + "@example.jp");
    shop.order({"10" + n, id, tokyo(5, 1, 10)});
  }
  const auto today = shop.customer("T", "today@example.jp");
  shop.order({"2001", today, tokyo(11, 21, 9)});
  return shop;
}

const std::string k_held_note =
    "tsuikyaku: winback waits for a start: its first run would send 4 messages at once, to "
    "more customers than send.first_run_limit (3); nothing of it was sent. To start it: "
    "tsuikyaku campaigns start winback (--limit N sends N a day)\n";

}  // namespace

TEST_CASE("send: a first run over send.first_run_limit is held until campaigns start",
          "[planning][first-run]") {
  auto shop = shop_with_dormant(4);
  const core::Instant morning = tokyo(11, 21, 10);

  const auto dry = testing::run_in(shop, {"send", "--dry-run", "-q"}, morning);
  CHECK(dry.exit_code == 0);
  CHECK(dry.err ==
        "tsuikyaku: winback waits for a start: its first run would send 4 messages at once, to "
        "more customers than send.first_run_limit (3); nothing of it would be sent. To start "
        "it: tsuikyaku campaigns start winback (--limit N sends N a day)\n");

  const auto first = testing::run_in(shop, {"send"}, morning);
  CHECK(first.exit_code == 0);
  CHECK_THAT(first.out,
             Equals("thank-you:  1 queued, 1 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n"
                    "winback:    0 queued, 0 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown; "
                    "4 held for a start\n"));
  CHECK(first.err == k_held_note);
  // Nothing of it is in the ledger: no key, no code, nobody's cooldown.
  CHECK(shop.scalar("SELECT count(*) FROM messages WHERE campaign = 'winback'") == 0);

  // Every screen says so.
  const auto campaigns = testing::run_in(shop, {"campaigns"}, morning);
  CHECK(campaigns.out.find("\nWaiting for a start (a first run to more than 3 customers, "
                           "send.first_run_limit):\n"
                           "  winback: 4 messages; to start it: tsuikyaku campaigns start "
                           "winback\n") != std::string::npos);
  const auto plan = testing::run_in(shop, {"plan", "--days", "2", "-q"}, morning);
  CHECK(plan.out.find("\nwinback (marketing, every 180d, dormant)\n"
                      "  waiting for a start: its first run would send 4 messages at once, to "
                      "more customers than send.first_run_limit (3); to start it: tsuikyaku "
                      "campaigns start winback\n") != std::string::npos);
  const auto status = testing::run_in(shop, {"status"}, morning);
  CHECK(status.out.find("\nWaiting for a start (docs/sending.md):\n"
                        "  winback: 4 messages held since 2026-11-21T10:00:00+09:00; to start "
                        "it: tsuikyaku campaigns start winback\n") != std::string::npos);
  const auto status_json =
      nlohmann::json::parse(testing::run_in(shop, {"status", "--json"}, morning).out);
  CHECK(status_json["held"] == nlohmann::json::parse(
                                   R"([{"campaign": "winback", "messages": 4,
                                        "held_at": "2026-11-21T10:00:00+09:00"}])"));

  // A second run the same day holds it again and says so again: nothing is lost.
  const auto again = testing::run_in(shop, {"send", "-q"}, tokyo(11, 21, 11));
  CHECK(again.exit_code == 0);
  CHECK(again.err == k_held_note);

  const auto start = testing::run_in(shop, {"campaigns", "start", "winback"}, tokyo(11, 21, 12));
  CHECK(start.exit_code == 0);
  CHECK(start.out ==
        "Started winback: the next send sends what it held back, at most 5000 a run "
        "(send.max_per_run).\n");
  const auto started = testing::run_in(shop, {"send"}, tokyo(11, 21, 13));
  CHECK(started.exit_code == 0);
  CHECK(started.err.empty());
  CHECK_THAT(started.out,
             Equals("thank-you:  0 queued, 0 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n"
                    "winback:    4 queued, 4 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n"));
  CHECK(testing::run_in(shop, {"status"}, tokyo(11, 21, 13)).out.find("Waiting for a start") ==
        std::string::npos);
}

TEST_CASE("send: a first run within send.first_run_limit goes out, and is never held again",
          "[planning][first-run]") {
  auto shop = shop_with_dormant(3);
  const auto first = testing::run_in(shop, {"send", "-q"}, tokyo(11, 21, 10));
  CHECK(first.exit_code == 0);
  CHECK(first.err.empty());
  CHECK(shop.scalar("SELECT count(*) FROM messages WHERE campaign = 'winback' AND state = "
                    "'sent'") == 3);
  CHECK(shop.rows("SELECT campaign, started_by, daily_limit FROM campaign_starts") ==
        std::vector<std::string>{"winback|first run|-"});
  // Five more go dormant by next year; the campaign has mailed, so they simply go.
  for (int i = 4; i <= 8; ++i) {
    const std::string n = std::to_string(i);
    shop.order({"10" + n, shop.customer("D-" + n, "d" + n + "@example.jp"), tokyo(6, 1, 10)});
  }
  const auto later = testing::run_in(shop, {"send", "-q"}, tokyo(12, 20, 10));
  CHECK(later.err.empty());
  CHECK(shop.scalar("SELECT count(*) FROM messages WHERE campaign = 'winback' AND state = "
                    "'sent'") == 8);
}

TEST_CASE("campaigns start --limit N: the backlog goes out N a day, as plan shows",
          "[planning][first-run]") {
  auto shop = shop_with_dormant(5);
  const auto start =
      testing::run_in(shop, {"campaigns", "start", "winback", "--limit", "2"}, tokyo(11, 21, 9));
  CHECK(start.out == "Started winback: the next send sends what it held back, at most 2 a day.\n");
  const auto plan = testing::run_in(shop, {"plan", "--days", "3", "--campaign", "winback", "-q"},
                                    tokyo(11, 21, 10));
  CHECK_THAT(plan.out, Equals("Plan for 3 days from 2026-11-21T10:00:00+09:00: 5 messages, 0 "
                              "skipped\n"
                              "\n"
                              "winback (marketing, every 180d, dormant)\n"
                              "  2026-11-21 Sat: 2 messages\n"
                              "  2026-11-22 Sun: 2 messages\n"
                              "  2026-11-23 Mon: 1 message\n"));
  const auto count = [&] {
    return shop.scalar("SELECT count(*) FROM messages WHERE campaign = 'winback'");
  };
  CHECK(testing::run_in(shop, {"send", "-q"}, tokyo(11, 21, 10)).exit_code == 0);
  CHECK(count() == 2);
  CHECK(testing::run_in(shop, {"send", "-q"}, tokyo(11, 21, 18)).exit_code == 0);
  CHECK(count() == 2);  // the day's two are out
  CHECK(testing::run_in(shop, {"send", "-q"}, tokyo(11, 22, 10)).exit_code == 0);
  CHECK(count() == 4);
  // Started again without --limit: the rest goes at once.
  testing::run_in(shop, {"campaigns", "start", "winback"}, tokyo(11, 22, 11));
  CHECK(testing::run_in(shop, {"send", "-q"}, tokyo(11, 22, 12)).exit_code == 0);
  CHECK(count() == 5);
}

TEST_CASE("campaigns start: transactional, disabled and unknown campaigns are refused",
          "[planning][first-run]") {
  auto shop = shop_with_dormant(1);
  shop.campaign("spring",
                "kind: marketing\nlang: en\nenabled: false\n"
                "trigger: { event: ordered, delay: 1d }\nsubject: \"Spring\"\n");
  const auto transactional =
      testing::run_in(shop, {"campaigns", "start", "thank-you"}, tokyo(11, 21, 9));
  CHECK(transactional.exit_code == 64);
  CHECK(transactional.err ==
        "tsuikyaku: error: campaign 'thank-you' is transactional: it is never held and needs no "
        "start\n");
  const auto disabled = testing::run_in(shop, {"campaigns", "start", "spring"}, tokyo(11, 21, 9));
  CHECK(disabled.exit_code == 64);
  CHECK(disabled.err ==
        "tsuikyaku: error: campaign 'spring' is disabled (enabled: false in "
        "campaigns/spring.yaml)\n");
  const auto unknown = testing::run_in(shop, {"campaigns", "start", "winbak"}, tokyo(11, 21, 9));
  CHECK(unknown.exit_code == 64);
  CHECK(unknown.err == "tsuikyaku: error: unknown campaign 'winbak'; did you mean 'winback'?\n");
  CHECK(shop.scalar("SELECT count(*) FROM campaign_starts") == 0);
}

TEST_CASE("the first week: a fresh workspace sends the transactional mail and holds the win-back",
          "[planning][first-run]") {
  testing::TempDir dir;
  REQUIRE(testing::run_cli(dir.path(), {"init", "shop", "--lang", "ja", "-q"}).exit_code == 0);
  const auto shop = dir / "shop";
  REQUIRE(testing::run_cli(
              shop, {"import", (testing::source_dir() / "examples/orders-generic.csv").string()})
              .exit_code == 0);
  // The workspace is Japanese (init --lang ja writes shop.language: ja); English asked for.
  const std::vector<std::string> send = {"send", "--as-of", "2026-01-05 10:00", "--lang", "en"};
  const auto first = testing::run_cli(shop, send);
  CHECK(first.exit_code == 0);
  CHECK_THAT(
      first.out,
      Equals("check-in:        0 queued, 0 sent, 0 deferred, 0 failed, 1 skipped, 0 unknown\n"
             "review-request:  4 queued, 4 sent, 0 deferred, 0 failed, 2 skipped, 0 unknown\n"
             "shipping:        3 queued, 3 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n"
             "thank-you:       2 queued, 2 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n"
             "winback:         0 queued, 0 sent, 0 deferred, 0 failed, 15 skipped, 0 "
             "unknown; 39 held for a start\n"));
  CHECK(first.err ==
        "tsuikyaku: winback waits for a start: its first run would send 39 messages at once, to "
        "more customers than send.first_run_limit (20); nothing of it was sent. To start it: "
        "tsuikyaku campaigns start winback (--limit N sends N a day)\n");
  CHECK(testing::run_cli(shop, {"campaigns", "start", "winback"}).exit_code == 0);
  const auto next =
      testing::run_cli(shop, {"send", "--as-of", "2026-01-05 11:00", "-q", "--lang", "en"});
  CHECK(next.exit_code == 0);
  CHECK(next.err.empty());
  CHECK(std::distance(std::filesystem::directory_iterator(shop / "outbox/new"),
                      std::filesystem::directory_iterator{}) == 4 + 3 + 2 + 39);
}
