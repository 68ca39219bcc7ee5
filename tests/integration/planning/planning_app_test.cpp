#include <catch2/catch.hpp>

#include "planning/planning_fixture.hpp"
#include "tsuikyaku/app/campaigns.hpp"
#include "tsuikyaku/app/planning.hpp"
#include "tsuikyaku/core/error.hpp"

// Planning from a real SQLite file (SPEC §6, §8.1): what queue_due writes to the ledger,
// what plan_due leaves alone, and the rules of SPEC §6 and §9 seen through the store.

using namespace tsuikyaku;
using Catch::Matchers::Equals;
using testing::tokyo;

namespace {

const std::string k_review =
    "kind: marketing\nlang: en\ntrigger: { event: ordered, delay: 0h, expires: 3d }\n"
    "subject: \"How was it?\"\n";
const std::string k_check_in =
    "kind: transactional\nlang: en\ntrigger: { event: [delivered, shipped], delay: 10d, "
    "expires: 5d }\naudience: { segments: [new] }\nsubject: \"How is it going?\"\n";

app::QueueResult queue(testing::PlanningShop& shop, core::Instant now,
                       std::optional<std::string> campaign = std::nullopt) {
  auto ws = shop.workspace();
  return app::queue_due(ws, {now, std::move(campaign)});
}

std::int64_t skipped(const app::CampaignQueue& counts, campaign::Reason reason) {
  const auto it = counts.skipped.find(reason);
  return it == counts.skipped.end() ? 0 : it->second;
}

}  // namespace

TEST_CASE("planning: queue_due queues what fell due once, however often it runs", "[planning]") {
  testing::PlanningShop shop;
  shop.campaign("thank-you", testing::k_thank_you_yaml);
  const auto hanako = shop.customer("C1", "hanako@example.jp");
  shop.order({"1001", hanako, tokyo(11, 18, 10)});

  const auto first = queue(shop, tokyo(11, 18, 12));
  REQUIRE(first.campaigns.size() == 1);
  CHECK(first.campaigns[0].name == "thank-you");
  CHECK(first.campaigns[0].queued == 1);
  CHECK(first.segment_run == 0);  // no audience, no schedule: no segments needed
  CHECK_THAT(
      shop.rows("SELECT dedup_key, kind, customer_id, order_id, occurrence, state, "
                "due_at, next_attempt_at, coupon_code, skip_reason, created_at "
                "FROM messages"),
      Equals(std::vector<std::string>{"thank-you:order:1001|transactional|1|1|-|queued|" +
                                      std::to_string(core::to_unix(tokyo(11, 18, 10))) + "|" +
                                      std::to_string(core::to_unix(tokyo(11, 18, 12))) + "|-|-|" +
                                      std::to_string(core::to_unix(tokyo(11, 18, 12)))}));

  const auto second = queue(shop, tokyo(11, 18, 13));
  CHECK(second.campaigns[0].queued == 0);
  CHECK(shop.scalar("SELECT count(*) FROM messages") == 1);
}

TEST_CASE("planning: an import of old orders queues and records nothing for them", "[planning]") {
  auto shop = testing::PlanningShop::shipped("en");
  // A year of history, the last order two months ago, every customer accepting marketing.
  for (int i = 0; i < 120; ++i) {
    const auto customer =
        shop.customer("H" + std::to_string(i), "h" + std::to_string(i) + "@example.com");
    const core::Instant at = tokyo(11, 1, 10) - std::chrono::days{60 + 3 * i};
    testing::OrderSpec order{"H-" + std::to_string(i), customer, at};
    order.shipped_at = at + std::chrono::days{1};
    order.delivered_at = at + std::chrono::days{3};
    shop.order(order);
  }
  const auto today = shop.customer("T", "today@example.com");
  shop.order({"T-1", today, tokyo(11, 18, 8)});
  const core::Instant now = tokyo(11, 18, 20);  // 11:00 in London, the shop's zone

  // Every triggered campaign: only today's thank-you.
  for (const char* name : {"thank-you", "shipping", "check-in", "review-request"}) {
    const auto result = queue(shop, now, name);
    INFO(name);
    CHECK(result.campaigns[0].queued == (std::string(name) == "thank-you" ? 1 : 0));
    CHECK(result.campaigns[0].skipped.empty());
  }
  CHECK_THAT(shop.rows("SELECT dedup_key, state FROM messages"),
             Equals(std::vector<std::string>{"thank-you:order:T-1|queued"}));

  // The win-back is another matter: it is meant for customers who have not been back, the
  // dormant ones (the last order 90 days ago or more: all but the five newest). So many at
  // once on its first run wait for the owner's yes (send.first_run_limit, 20).
  const auto held = queue(shop, now, "winback");
  CHECK(held.campaigns[0].queued == 0);
  CHECK(held.campaigns[0].held == 115);
  CHECK(shop.scalar("SELECT count(*) FROM messages WHERE campaign = 'winback'") == 0);
  CHECK(shop.rows("SELECT campaign, messages FROM campaign_holds") ==
        std::vector<std::string>{"winback|115"});
  auto ws = shop.workspace();
  app::start_campaign(ws, {"winback", std::nullopt, now});
  const auto winback = queue(shop, now, "winback");
  CHECK(winback.campaigns[0].queued == 115);
  CHECK(winback.campaigns[0].held == 0);
  CHECK(shop.scalar("SELECT count(*) FROM campaign_holds") == 0);
}

TEST_CASE("planning: a message that expired between two runs is recorded as skipped",
          "[planning]") {
  testing::PlanningShop shop;
  shop.campaign("thank-you", testing::k_thank_you_yaml);
  const auto a = shop.customer("A", "a@example.com");
  shop.order({"1", a, tokyo(11, 10, 10)});
  REQUIRE(queue(shop, tokyo(11, 10, 12)).campaigns[0].queued == 1);

  // Imported after that run: its thank-you could go until Nov 13 13:00, and nobody ran.
  shop.order({"2", a, tokyo(11, 10, 13)});
  // Older than the previous run's reach: history, never recorded.
  shop.order({"3", a, tokyo(10, 1, 10)});
  const auto second = queue(shop, tokyo(11, 14, 12));
  CHECK(second.campaigns[0].queued == 0);
  CHECK(skipped(second.campaigns[0], campaign::Reason::expired) == 1);
  CHECK_THAT(shop.rows("SELECT dedup_key, state, skip_reason FROM messages ORDER BY id"),
             Equals(std::vector<std::string>{"thank-you:order:1|queued|-",
                                             "thank-you:order:2|skipped|expired"}));
}

TEST_CASE("planning: a cancelled order gets no message, and the skip is recorded", "[planning]") {
  testing::PlanningShop shop;
  shop.campaign("thank-you", testing::k_thank_you_yaml);
  const auto a = shop.customer("A", "a@example.com");
  testing::OrderSpec order{"1", a, tokyo(11, 18, 10)};
  order.status = "Cancelled";
  shop.order(order);
  const auto result = queue(shop, tokyo(11, 18, 12));
  CHECK(skipped(result.campaigns[0], campaign::Reason::cancelled) == 1);
  CHECK_THAT(shop.rows("SELECT state, skip_reason, next_attempt_at = due_at FROM messages"),
             Equals(std::vector<std::string>{"skipped|cancelled|1"}));
}

TEST_CASE("planning: a second order before the check-in falls due makes the customer repeat",
          "[planning]") {
  testing::PlanningShop shop;
  shop.campaign("check-in", k_check_in);
  const auto once = shop.customer("ONCE", "once@example.com");
  const auto again = shop.customer("AGAIN", "again@example.com");
  for (const auto& [key, customer] : {std::pair{"1", once}, std::pair{"2", again}}) {
    testing::OrderSpec order{key, customer, tokyo(11, 1, 10)};
    order.shipped_at = tokyo(11, 2, 10);
    order.delivered_at = tokyo(11, 4, 10);
    shop.order(order);
  }
  shop.order({"3", again, tokyo(11, 9, 10)});  // before the check-in is due on Nov 14

  const auto result = queue(shop, tokyo(11, 14, 12));
  CHECK(result.campaigns[0].queued == 1);
  CHECK(skipped(result.campaigns[0], campaign::Reason::audience) == 1);
  CHECK(result.segment_run > 0);
  CHECK(shop.scalar("SELECT count(*) FROM segment_runs") == 1);
  CHECK_THAT(shop.rows("SELECT dedup_key, state, skip_reason FROM messages ORDER BY dedup_key"),
             Equals(std::vector<std::string>{"check-in:order:1|queued|-",
                                             "check-in:order:2|skipped|audience"}));
}

TEST_CASE(
    "planning: unsubscribed still gets order mail, bounced gets nothing, marketing needs "
    "consent",
    "[planning]") {
  testing::PlanningShop shop;
  shop.campaign("thank-you", testing::k_thank_you_yaml);
  shop.campaign("review", k_review);
  const std::vector<std::pair<std::string, std::string>> people = {
      {"OK", "ok@example.com"},
      {"UNSUB", "Unsub@Example.com"},
      {"BOUNCED", "bounced@example.com"},
      {"COMPLAINED", "complained@example.com"},
      {"MANUAL", "manual@example.com"}};
  for (const auto& [key, email] : people) {
    shop.order({key, shop.customer(key, email), tokyo(11, 18, 10)});
  }
  shop.order({"NOCONSENT", shop.customer("NOCONSENT", "no@example.com", false), tokyo(11, 18, 10)});
  shop.suppress("unsub@example.com", "unsubscribed");
  shop.suppress("bounced@example.com", "bounced");
  shop.suppress("complained@example.com", "complained");
  shop.suppress("manual@example.com", "manual");

  queue(shop, tokyo(11, 18, 12));
  CHECK_THAT(shop.rows("SELECT dedup_key, state, skip_reason FROM messages ORDER BY dedup_key"),
             Equals(std::vector<std::string>{
                 "review:order:BOUNCED|skipped|bounced",
                 "review:order:COMPLAINED|skipped|unsubscribed",
                 "review:order:MANUAL|skipped|unsubscribed",
                 "review:order:NOCONSENT|skipped|no consent",
                 "review:order:OK|queued|-",
                 "review:order:UNSUB|skipped|unsubscribed",
                 "thank-you:order:BOUNCED|skipped|bounced",
                 "thank-you:order:COMPLAINED|queued|-",
                 "thank-you:order:MANUAL|queued|-",
                 "thank-you:order:NOCONSENT|queued|-",
                 "thank-you:order:OK|queued|-",
                 "thank-you:order:UNSUB|queued|-",
             }));
}

TEST_CASE("planning: plan_due decides the same and writes nothing", "[planning]") {
  testing::PlanningShop shop;
  shop.campaign("thank-you", testing::k_thank_you_yaml);
  shop.campaign("check-in", k_check_in);
  const auto a = shop.customer("A", "a@example.com");
  shop.order({"1", a, tokyo(11, 18, 22)});  // in quiet hours: waits for the morning
  auto ws = shop.workspace();
  const campaign::Plan plan = app::plan_due(ws, {tokyo(11, 18, 23), std::nullopt});
  REQUIRE(plan.candidates.size() == 1);
  CHECK(plan.candidates[0].outcome == campaign::Outcome::later);
  CHECK(plan.candidates[0].send_at == tokyo(11, 19, 9));
  for (const char* table : {"messages", "coupons", "segment_runs"}) {
    CHECK(shop.scalar(std::string("SELECT count(*) FROM ") + table) == 0);
  }
  const auto queued = queue(shop, tokyo(11, 18, 23));
  CHECK(queued.campaigns[1].later == 1);  // by file name: check-in, thank-you
  CHECK(shop.scalar("SELECT count(*) FROM messages") == 0);
}

TEST_CASE("planning: --campaign names one campaign, suggesting the nearest when unknown",
          "[planning]") {
  testing::PlanningShop shop;
  shop.campaign("thank-you", testing::k_thank_you_yaml);
  shop.campaign("review", k_review + "enabled: false\n");
  auto ws = shop.workspace();
  const auto fails = [&](const std::string& name, const std::string& message) {
    try {
      app::plan_due(ws, {tokyo(11, 18, 12), name});
      FAIL("no error");
    } catch (const core::Error& e) {
      CHECK(e.kind() == core::ErrorKind::usage);
      CHECK_THAT(e.what(), Equals(message));
    }
  };
  fails("thank-yuo", "unknown campaign 'thank-yuo'; did you mean 'thank-you'?");
  fails("zzz", "unknown campaign 'zzz'; the campaigns are: review, thank-you");
  fails("review", "campaign 'review' is disabled (enabled: false in " +
                      (shop.path() / "campaigns/review.yaml").string() + ")");

  testing::PlanningShop empty;
  auto none = empty.workspace();
  try {
    app::plan_due(none, {tokyo(11, 18, 12), "thank-you"});
    FAIL("no error");
  } catch (const core::Error& e) {
    CHECK_THAT(e.what(),
               Equals("unknown campaign 'thank-you': there is no campaign in campaigns/"));
  }
}

TEST_CASE("planning: an audience by product reads what each customer bought from the store",
          "[planning][products]") {
  testing::PlanningShop shop;
  shop.campaign("thank-you", testing::k_thank_you_yaml + "audience: { bought: [TEA-*] }\n");
  const auto hanako = shop.customer("C1", "hanako@example.jp");
  const auto taro = shop.customer("C2", "taro@example.jp");
  const auto tea = shop.order({"1001", hanako, tokyo(11, 18, 10)});
  const auto coffee = shop.order({"1002", taro, tokyo(11, 18, 10)});
  shop.exec(
      "INSERT INTO order_lines (order_id, line_no, sku, description, quantity, unit_price) "
      "VALUES (" +
      std::to_string(tea) + ", 1, 'TEA-SEN', 'Sencha', 1, '1200'), (" + std::to_string(coffee) +
      ", 1, 'COF-1', 'Coffee', 1, '900')");
  const auto result = queue(shop, tokyo(11, 18, 12));
  REQUIRE(result.campaigns.size() == 1);
  CHECK(result.campaigns[0].queued == 1);
  CHECK(skipped(result.campaigns[0], campaign::Reason::audience) == 1);
  CHECK_THAT(shop.rows("SELECT dedup_key, state, skip_reason FROM messages ORDER BY dedup_key"),
             Equals(std::vector<std::string>{"thank-you:order:1001|queued|-",
                                             "thank-you:order:1002|skipped|audience"}));
}
