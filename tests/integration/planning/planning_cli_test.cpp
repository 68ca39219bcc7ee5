#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "planning/planning_fixture.hpp"
#include "tsuikyaku/app/planning.hpp"

// `tsuikyaku campaigns`, `plan` and `preview` as a user runs them (SPEC §6, §7), word for word.

using namespace tsuikyaku;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using testing::tokyo;

namespace {

// Kaede Tea (Asia/Tokyo, quiet 21:00-09:00) with a thank-you, a check-in for new customers,
// a review request, a win-back with a pool of two codes and a disabled campaign; Hanako
// (new, accepts marketing), Taro (two orders, no consent) and Jiro (dormant).
testing::PlanningShop kaede() {
  testing::PlanningShop shop;
  shop.campaign("thank-you",
                "kind: transactional\nlang: en\ntrigger: { event: ordered, delay: 0h }\n"
                "subject: \"Thank you for order {{order.id}}\"\n",
                "Dear {{customer.name}}, thank you for order {{order.id}} ({{order.total}}).\n");
  shop.campaign("check-in",
                "kind: transactional\nlang: en\ntrigger: { event: [delivered, shipped], delay: "
                "10d, expires: 5d }\naudience: { segments: [new] }\nsubject: \"How is it?\"\n");
  shop.campaign("review",
                "kind: marketing\nlang: en\ntrigger: { event: delivered, delay: 3d, expires: "
                "7d }\nsubject: \"A review?\"\n");
  shop.campaign("winback",
                "kind: marketing\nlang: en\naudience: { segments: [dormant] }\n"
                "schedule: { every: 180d }\ncoupon: { pool: coupons/winback.csv }\n"
                "subject: \"We miss you\"\n",
                "Dear {{customer.name}}, here is {{coupon.code}}.\n");
  shop.campaign("spring",
                "kind: transactional\nlang: en\nenabled: false\n"
                "trigger: { event: ordered, delay: 1d }\nsubject: \"Spring\"\n");
  const auto hanako = shop.customer("C-1", "hanako@example.jp", true, "Hanako Yamada");
  testing::OrderSpec first{"1001", hanako, tokyo(11, 8, 10)};
  first.shipped_at = tokyo(11, 9, 15);
  first.delivered_at = tokyo(11, 10, 12);
  shop.order(first);
  const auto taro = shop.customer("C-2", "taro@example.jp", false, "Taro Sato");
  shop.order({"1002", taro, tokyo(10, 1, 10)});
  testing::OrderSpec second{"1003", taro, tokyo(11, 18, 8)};
  second.delivered_at = tokyo(11, 18, 8, 30);  // a shop counter sale
  shop.order(second);
  const auto jiro = shop.customer("C-3", "jiro@example.jp", true, "");
  shop.order({"1004", jiro, tokyo(5, 1, 10)});
  testing::write_file(shop.path() / "coupons/winback.csv", "code\nBACK-1\nBACK-2\n");
  return shop;
}

}  // namespace

TEST_CASE("campaigns: each campaign with what it would send now and skip by reason", "[planning]") {
  auto shop = kaede();
  // Nov 18 noon: a run queues the thank-you, the review and the win-back (a code given).
  auto ws = shop.workspace();
  app::queue_due(ws, {tokyo(11, 18, 12), std::nullopt});
  // Hanako orders again, and refunds it.
  shop.order({"1005", 1, tokyo(11, 19, 10), 2000, "JPY", "refunded"});

  const auto result = testing::run_in(shop, {"campaigns"}, tokyo(11, 21, 8, 45));
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  CHECK_THAT(result.out,
             Equals("Campaigns as of 2026-11-21T08:45:00+09:00: what send would do now\n"
                    "\n"
                    "campaign   kind           start                      audience  send  "
                    "waiting  skip\n"
                    "check-in   transactional  delivered or shipped +10d  new          0        "
                    "1     0\n"
                    "review     marketing      delivered +3d              everyone     0        "
                    "0     1\n"
                    "thank-you  transactional  ordered                    everyone     0        "
                    "0     1\n"
                    "winback    marketing      every 180d                 dormant      0        "
                    "0     0\n"
                    "\n"
                    "Skipped:\n"
                    "  review: no consent 1\n"
                    "  thank-you: cancelled 1\n"
                    "\n"
                    "Waiting:\n"
                    "  check-in: quiet hours 1\n"
                    "\n"
                    "Coupon pool coupons/winback.csv: 1 code left after this plan: add codes to "
                    "the file\n"
                    "\n"
                    "Disabled: spring\n"));
}

TEST_CASE("campaigns: a broken campaign file stops the listing with exit 78", "[planning]") {
  auto shop = kaede();
  testing::write_file(shop.path() / "campaigns/review.yaml", "name: review\nkind: sometimes\n");
  const auto result = testing::run_in(shop, {"campaigns"}, tokyo(11, 21, 7));
  CHECK(result.exit_code == 78);
  CHECK_THAT(result.err, Contains("campaigns/review.yaml:2:7: kind: expected transactional or "
                                  "marketing"));
}

TEST_CASE("plan: campaign by campaign and day by day, and why each customer qualifies",
          "[planning]") {
  auto shop = kaede();
  const auto result = testing::run_in(shop, {"plan", "--days", "5"}, tokyo(11, 18, 12));
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  CHECK_THAT(result.out,
             Equals("Plan for 5 days from 2026-11-18T12:00:00+09:00: 4 messages, 1 skipped\n"
                    "\n"
                    "check-in (transactional, delivered or shipped +10d, new)\n"
                    "  2026-11-20 Fri: 1 message\n"
                    "    12:00  C-1  order 1001, delivered 2026-11-10 12:00; segment new\n"
                    "\n"
                    "review (marketing, delivered +3d, everyone)\n"
                    "  2026-11-18 Wed: 1 message\n"
                    "    12:00  C-1  order 1001, delivered 2026-11-10 12:00\n"
                    "  2026-11-21 Sat: 0 messages, 1 skipped\n"
                    "    skip  C-2  order 1003, delivered 2026-11-18 08:30: no consent\n"
                    "\n"
                    "thank-you (transactional, ordered, everyone)\n"
                    "  2026-11-18 Wed: 1 message\n"
                    "    12:00  C-2  order 1003, ordered 2026-11-18 08:00\n"
                    "\n"
                    "winback (marketing, every 180d, dormant)\n"
                    "  2026-11-18 Wed: 1 message\n"
                    "    12:00  C-3  segment dormant\n"));

  const auto quiet = testing::run_in(shop, {"plan", "--days", "2", "-q", "--campaign", "review"},
                                     tokyo(11, 20, 23));
  CHECK_THAT(quiet.out,
             Equals("Plan for 2 days from 2026-11-20T23:00:00+09:00: 0 messages, 1 skipped\n"
                    "\n"
                    "review (marketing, delivered +3d, everyone)\n"
                    "  2026-11-21 Sat: 0 messages, 1 skipped\n"));
  const auto today =
      testing::run_in(shop, {"plan", "--days", "1", "--campaign", "review"}, tokyo(11, 20, 23));
  CHECK_THAT(today.out, Contains("\nreview (marketing, delivered +3d, everyone)\n"
                                 "  nothing today\n"));
}

TEST_CASE("plan: a message that waits says since when it was due", "[planning]") {
  auto shop = kaede();
  const auto result =
      testing::run_in(shop, {"plan", "--days", "2", "--campaign", "check-in"}, tokyo(11, 20, 8));
  CHECK_THAT(result.out,
             Equals("Plan for 2 days from 2026-11-20T08:00:00+09:00: 1 message, 0 skipped\n"
                    "\n"
                    "check-in (transactional, delivered or shipped +10d, new)\n"
                    "  2026-11-20 Fri: 1 message\n"
                    "    12:00  C-1  order 1001, delivered 2026-11-10 12:00; segment new\n"));
  const auto goro = shop.customer("C-5", "goro@example.jp");
  testing::OrderSpec late{"1006", goro, tokyo(11, 1, 10)};
  late.delivered_at = tokyo(11, 10, 22);  // due Nov 20 22:00, in quiet hours
  shop.order(late);
  const auto waits =
      testing::run_in(shop, {"plan", "--days", "2", "--campaign", "check-in"}, tokyo(11, 20, 8));
  CHECK_THAT(waits.out, Contains("  2026-11-21 Sat: 1 message\n"
                                 "    09:00  C-5  order 1006, delivered 2026-11-10 22:00; segment "
                                 "new; due 2026-11-20 22:00\n"));

  // A win-back is due when the customer went dormant: Jiro's last order was on May 1 at
  // 10:00, so 90 days later, not when a period counted from 1970 began.
  const auto night =
      testing::run_in(shop, {"plan", "--days", "2", "--campaign", "winback"}, tokyo(11, 18, 23));
  CHECK_THAT(night.out, Contains("  2026-11-19 Thu: 1 message\n"
                                 "    09:00  C-3  segment dormant; due 2026-07-30 10:00\n"));
  auto ws = shop.workspace();
  app::queue_due(ws, {tokyo(11, 19, 9), std::string("winback")});
  CHECK(shop.scalar("SELECT due_at FROM messages WHERE campaign = 'winback'") ==
        core::to_unix(tokyo(7, 30, 10)));
}

TEST_CASE("plan: --json prints the days of each campaign", "[planning]") {
  auto shop = kaede();
  const auto result = testing::run_in(shop, {"plan", "--json", "--days", "4"}, tokyo(11, 18, 12));
  CHECK(result.exit_code == 0);
  const auto doc = nlohmann::ordered_json::parse(result.out);
  CHECK(doc["as_of"] == "2026-11-18T12:00:00+09:00");
  CHECK(doc["days"] == 4);
  REQUIRE(doc["campaigns"].size() == 4);
  const auto& review = doc["campaigns"][1];
  CHECK(review["name"] == "review");
  CHECK(review["kind"] == "marketing");
  CHECK(review["start"] == "delivered +3d");
  CHECK(review["days"].dump() ==
        "[{\"date\":\"2026-11-18\",\"send\":[{\"customer_key\":\"C-1\",\"order_id\":\"1001\","
        "\"occurrence\":null,\"due_at\":\"2026-11-13T12:00:00+09:00\",\"event\":\"delivered\","
        "\"event_at\":\"2026-11-10T12:00:00+09:00\",\"segment\":null,\"send_at\":\"2026-11-"
        "18T12:00:00+09:00\"}],\"skip\":[]},{\"date\":\"2026-11-21\",\"send\":[],\"skip\":[{"
        "\"customer_key\":\"C-2\",\"order_id\":\"1003\",\"occurrence\":null,\"due_at\":\"2026-"
        "11-21T08:30:00+09:00\",\"event\":\"delivered\",\"event_at\":\"2026-11-18T08:30:00+09:"
        "00\",\"segment\":null,\"reason\":\"no consent\",\"detail\":null}]}]");
  CHECK(doc["campaigns"][3]["days"][0]["send"][0]["occurrence"] == "every-2026-09-04");
}

TEST_CASE("plan: a bad --days or --campaign is a usage error", "[planning]") {
  auto shop = kaede();
  const auto days = testing::run_in(shop, {"plan", "--days", "0"}, tokyo(11, 18, 12));
  CHECK(days.exit_code == 64);
  const auto name = testing::run_in(shop, {"plan", "--campaign", "reveiw"}, tokyo(11, 18, 12));
  CHECK(name.exit_code == 64);
  CHECK_THAT(name.err,
             Equals("tsuikyaku: error: unknown campaign 'reveiw'; did you mean 'review'?\n"));
  const auto off = testing::run_in(shop, {"plan", "--campaign", "spring"}, tokyo(11, 18, 12));
  CHECK_THAT(off.err, Equals("tsuikyaku: error: campaign 'spring' is disabled (enabled: false in "
                             "campaigns/spring.yaml)\n"));
}

TEST_CASE("preview: the text part with sender, recipient and subject, for an example it names",
          "[planning]") {
  auto shop = kaede();
  const auto result = testing::run_in(shop, {"preview", "thank-you"}, tokyo(11, 18, 12));
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.err,
             Equals("preview: thank-you for order 1003 (customer C-2), the first message send "
                    "would send now; choose with --order ID or --customer KEY\n"));
  CHECK_THAT(result.out, Equals("From: Kaede Tea <hello@kaede.example>\n"
                                "To: taro@example.jp\n"
                                "Subject: Thank you for order 1003\n"
                                "\n"
                                "Dear Taro Sato, thank you for order 1003 (¥4,980).\n"));
  const auto quiet = testing::run_in(shop, {"preview", "thank-you", "-q"}, tokyo(11, 18, 12));
  CHECK(quiet.err.empty());

  const auto customer =
      testing::run_in(shop, {"preview", "check-in", "--customer", "C-1"}, tokyo(11, 18, 12));
  CHECK(customer.err.empty());
  CHECK_THAT(customer.out, Contains("To: hanako@example.jp\nSubject: How is it?\n"));
  const auto member = testing::run_in(shop, {"preview", "winback"}, tokyo(11, 18, 12));
  CHECK_THAT(member.err, Equals("preview: winback for customer C-3, the first message send would "
                                "send now; choose with --customer KEY\n"));
}

TEST_CASE("preview: html and eml are the parts and the message as sent", "[planning]") {
  auto shop = kaede();
  const auto html =
      testing::run_in(shop, {"preview", "thank-you", "--format", "html"}, tokyo(11, 18, 12));
  CHECK(html.out.starts_with("<!DOCTYPE html>"));
  CHECK_THAT(html.out, Contains("Dear Taro Sato, thank you for order 1003 (¥4,980).</p>"));
  const auto eml =
      testing::run_in(shop, {"preview", "thank-you", "--format", "eml"}, tokyo(11, 18, 12));
  CHECK(eml.out.starts_with("Date: Wed, 18 Nov 2026 12:00:00 +0900\r\n"));
  CHECK_THAT(eml.out, Contains("\r\nMessage-ID: <20261118T030000.0000000000000003.tsuikyaku@"
                               "kaede.example>\r\n"));
  CHECK_THAT(eml.out, Contains("\r\nX-Tsuikyaku-Campaign: thank-you\r\n"));
}

TEST_CASE("preview: a queued message shows its own code; otherwise the next free one",
          "[planning]") {
  auto shop = kaede();
  const auto before = testing::run_in(shop, {"preview", "winback"}, tokyo(11, 18, 12));
  CHECK_THAT(before.out, Contains("Dear お客様, here is BACK-1.\n"));
  CHECK(shop.scalar("SELECT count(*) FROM coupons") == 0);  // previewing gives nothing

  testing::write_file(shop.path() / "coupons/winback.csv", "code\nBACK-9\nBACK-1\n");
  auto ws = shop.workspace();
  app::queue_due(ws, {tokyo(11, 18, 12), std::string("winback")});
  const auto queued = testing::run_in(shop, {"preview", "winback"}, tokyo(11, 18, 13));
  CHECK_THAT(queued.out, Contains("here is BACK-9.\n"));
  CHECK_THAT(queued.err, Contains("preview: the ledger holds this message (queued)\n"));
  shop.customer("C-4", "shiro@example.jp");
  const auto next =
      testing::run_in(shop, {"preview", "winback", "--customer", "C-4"}, tokyo(11, 18, 13));
  CHECK_THAT(next.out, Contains("here is BACK-1.\n"));
}

TEST_CASE("preview: unknown names are usage errors that say what was not found", "[planning]") {
  auto shop = kaede();
  const auto run = [&](std::vector<std::string> args) {
    return testing::run_in(shop, std::move(args), tokyo(11, 18, 12));
  };
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"preview", "thank-yuo"}, "unknown campaign 'thank-yuo'; did you mean 'thank-you'?"},
      {{"preview", "thank-you", "--order", "9999"}, "unknown order '9999'"},
      {{"preview", "thank-you", "--customer", "C-9"}, "unknown customer 'C-9'"},
      {{"preview", "winback", "--order", "1001"},
       "--order: winback is sent on a schedule, not for an order; use --customer KEY"},
      {{"preview", "thank-you", "--customer", "C-1", "--order", "1001"},
       "--customer excludes --order (see tsuikyaku --help)"},
      {{"preview", "thank-you", "--format", "pdf"},
       "--format: pdf not in {eml,text,html} (see tsuikyaku --help)"},
  };
  for (const auto& [args, message] : cases) {
    const auto result = run(args);
    INFO(args[1] << " " << (args.size() > 2 ? args[2] : ""));
    CHECK(result.exit_code == 64);
    CHECK_THAT(result.err, Equals("tsuikyaku: error: " + message + "\n"));
    CHECK(result.out.empty());
  }
}

TEST_CASE("preview: a shop without orders gets a made-up customer, and says so", "[planning]") {
  auto shop = testing::PlanningShop::shipped("ja");
  const auto result = testing::run_in(shop, {"preview", "shipping"}, tokyo(11, 18, 12));
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.err, Equals("preview: shipping for order 1001 (customer example), a made-up "
                                "customer and order: the database has no order yet; choose with "
                                "--order ID or --customer KEY\n"));
  CHECK_THAT(result.out, Contains("To: hanako@example.jp\n"));
  CHECK_THAT(result.out, Contains("4912-3456-7890"));
}

TEST_CASE("preview: shows what send would send, and says why a named one would be skipped",
          "[planning]") {
  testing::TempDir dir;
  REQUIRE(testing::run_cli(dir.path(), {"init", "shop", "--lang", "en", "-q"}).exit_code == 0);
  const auto shop = dir / "shop";
  REQUIRE(testing::run_cli(shop, {"import", "example-orders.csv"}).exit_code == 0);
  // The latest delivered order is a repeat customer's, whom the check-in (new customers
  // only) skips: the preview shows the one it would really send.
  auto result = testing::run_cli(shop, {"preview", "check-in"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.err, Equals("preview: check-in for order KE-1020 (customer "
                                "misaki.watanabe@example.com), the first message send would send "
                                "now; choose with --order ID or --customer KEY\n"));
  result = testing::run_cli(shop, {"preview", "check-in", "--customer", "taro.sato@example.jp"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.err, Equals("preview: send would not send this message now: audience "
                                "(segment repeat)\n"));
  CHECK_THAT(result.out, Contains("To: taro.sato@example.jp\n"));
}

TEST_CASE("plan: an on-date campaign shows beforehand who the cooldown will skip that day",
          "[planning]") {
  auto shop = kaede();
  shop.campaign("year-end",
                "kind: marketing\nlang: en\nschedule: { on: 2026-11-21, expires: 1d }\n"
                "subject: \"Year end\"\n");
  const auto result = testing::run_in(shop, {"plan", "--days", "5"}, tokyo(11, 18, 12));
  CHECK(result.exit_code == 0);
  // Hanako's review goes on Nov 18 and Jiro's win-back too: on Nov 21 both are inside the
  // seven-day cooldown until after the date's one day, and the plan says so three days
  // ahead (an `on` date is judged on that day, not when it comes).
  CHECK_THAT(result.out, Contains("\nyear-end (marketing, on 2026-11-21, everyone)\n"
                                  "  2026-11-21 Sat: 0 messages, 3 skipped\n"
                                  "    skip  C-1  segment new: cooldown\n"
                                  "    skip  C-2  segment repeat: no consent\n"
                                  "    skip  C-3  segment dormant: cooldown\n"));
}
