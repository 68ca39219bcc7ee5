#include "tsuikyaku/config/campaigns.hpp"

#include <catch2/catch.hpp>

#include "support.hpp"
#include "tsuikyaku/core/error.hpp"

// Campaign files (SPEC §6): every error with its file, line and column, word for word.

using namespace tsuikyaku;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;

namespace {

const std::string k_config = R"(shop:
  name: "Kaede Tea"
  from: "Kaede Tea <hello@kaede.example>"
  timezone: Asia/Tokyo
  currency: JPY
  address: "1-2-3 Jingumae, Tokyo"
  unsubscribe: "mailto:unsubscribe@kaede.example"
)";

const std::string k_check_in = R"(name: check-in
kind: transactional
trigger:
  event: [delivered, shipped]
  delay: 10d
  expires: 5d
audience: { segments: [new] }
subject: "{{customer.name}}様、{{shop.name}}の商品はいかがですか"
body: templates/check-in.md
)";

struct Workspace {
  testing::TempDir dir;

  Workspace() {
    testing::write_file(dir / "tsuikyaku.yaml", k_config);
    testing::write_file(dir / "templates/check-in.md", "{{customer.name}}様\n\nお元気ですか。\n");
  }
  void campaign(const std::string& name, const std::string& text) {
    testing::write_file(dir / "campaigns" / (name + ".yaml"), text);
  }
  config::CampaignSet load() {
    const auto previous = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    auto set = config::load_campaigns(config::load_config("tsuikyaku.yaml"));
    std::filesystem::current_path(previous);
    return set;
  }
};

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// Each campaigns/c.yaml text alone gives exactly its one error, word for word.
void expect_one_error_each(const std::vector<std::pair<std::string, std::string>>& cases) {
  for (const auto& [text, message] : cases) {
    Workspace w;
    w.campaign("c", text);
    const auto set = w.load();
    INFO(text);
    REQUIRE(set.errors.size() == 1);
    CHECK_THAT(set.errors[0], Equals(message));
  }
}

}  // namespace

TEST_CASE("campaigns: a campaign file reads into the model", "[config]") {
  Workspace w;
  w.campaign("check-in", k_check_in);
  const auto set = w.load();
  REQUIRE(set.errors.empty());
  REQUIRE(set.campaigns.size() == 1);
  const auto& c = set.campaigns[0];
  CHECK(c.name == "check-in");
  CHECK(c.kind == campaign::Kind::transactional);
  CHECK(c.language == campaign::Language::ja);  // guessed from the text
  REQUIRE(c.trigger);
  CHECK(c.trigger->events ==
        std::vector<campaign::Event>{campaign::Event::delivered, campaign::Event::shipped});
  CHECK(c.trigger->delay == std::chrono::hours{240});
  CHECK(c.trigger->expires == std::chrono::hours{120});
  CHECK(c.segments == std::vector<std::string>{"new"});
  CHECK(c.body == "{{customer.name}}様\n\nお元気ですか。\n");
  CHECK(c.body_file == "templates/check-in.md");
}

TEST_CASE("campaigns: value errors name the file, line and column", "[config]") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {replace(k_check_in, "delay: 10d", "delay: 10x"),
       "campaigns/c.yaml:5:10: delay: expected a duration like 10d (0h for at once), or business "
       "days like 3bd"},
      {replace(k_check_in, "[delivered, shipped]", "[delivered, paid]"),
       "campaigns/c.yaml:4:22: event: expected ordered, shipped or delivered"},
      {replace(k_check_in, "kind: transactional", "kind: promo"),
       "campaigns/c.yaml:2:7: kind: expected transactional or marketing"},
      {replace(k_check_in, "name: check-in", "name: check in"),
       "campaigns/c.yaml:1:7: name: expected letters, digits, '.', '_' or '-', like check-in"},
      {replace(k_check_in, "expires: 5d", "expire: 5d"),
       "campaigns/c.yaml:6:3: trigger: unknown key 'expire'; did you mean 'expires'?"},
      {replace(k_check_in, "body: templates/check-in.md", "body: templates/nope.md"),
       "campaigns/c.yaml:9:7: body: cannot read templates/nope.md: no such file"},
      {k_check_in + "schedule: { every: 30d }\n",
       "campaigns/c.yaml:10:11: schedule: a campaign has a trigger or a schedule, not both"},
      {replace(k_check_in, "trigger:\n  event: [delivered, shipped]\n  delay: 10d\n  expires: 5d\n",
               ""),
       "campaigns/c.yaml:1:1: missing required key 'trigger' or 'schedule'"},
      {replace(k_check_in, "trigger:\n  event: [delivered, shipped]\n  delay: 10d\n  expires: 5d\n",
               "schedule: { on: 2026-13-01 }\n"),
       "campaigns/c.yaml:3:17: on: expected a date like 2026-12-20"},
      {replace(k_check_in, "kind: transactional", "kind: marketing\ncoupon: { code: 10% OFF }"),
       "campaigns/c.yaml:3:17: code: expected a code of letters, digits, '-' or '_', like "
       "THANKS10"},
  };
  expect_one_error_each(cases);
}

TEST_CASE("campaigns: every rule across files and templates is reported, not only the first",
          "[config]") {
  Workspace w;
  w.campaign("a-check-in", k_check_in);
  w.campaign("b-promo", R"(name: check-in
kind: transactional
trigger: { event: ordered, delay: 0h }
audience: { segments: [loyl, vip] }
coupon: { code: THANKS10 }
subject: "{{customer.nmae}}"
body: templates/promo.md
)");
  w.campaign("c-winback", R"(name: winback
kind: marketing
audience: { segments: [dormant] }
schedule: { every: 180d }
subject: "Hello"
body: templates/winback.md
)");
  testing::write_file(
      w.dir / "templates/promo.md",
      "Hi {{customer.name}}\n\n{{{customer.email}}} {{order.totl}}\n{{#coupon.code}}x\n");
  testing::write_file(w.dir / "templates/winback.md", "Your order {{order.id}}: {{shop.url}}\n");
  testing::write_file(w.dir / "templates/en/extra.md", "Hi {{shop.nam}}\n");
  const auto set = w.load();
  const std::vector<std::string> expected{
      "campaigns/b-promo.yaml:1:7: name: 'check-in' is already the name of "
      "campaigns/a-check-in.yaml",
      "campaigns/b-promo.yaml:5:9: coupon: a transactional campaign cannot carry a coupon (a "
      "coupon is advertising); make it kind: marketing",
      "campaigns/b-promo.yaml:4:24: audience: unknown segment 'loyl'; did you mean 'loyal'?",
      "campaigns/b-promo.yaml:4:30: audience: unknown segment 'vip'; expected one of: dormant, "
      "loyal, repeat, new, other",
      "campaigns/b-promo.yaml:6:11: unknown variable 'customer.nmae'; did you mean "
      "'customer.name'?",
      "templates/promo.md:3:1: unescaped output is not allowed: write {{name}}, every variable "
      "is escaped",
      "templates/promo.md:4:1: section {{#coupon.code}} is never closed: expected {{/coupon.code}}",
      "templates/promo.md:3:22: unknown variable 'order.totl'; did you mean 'order.total'?",
      "templates/winback.md:1:12: order.id is not available in a scheduled campaign: it has no "
      "order",
      "templates/winback.md:1:26: shop.url is empty: set url under shop: in tsuikyaku.yaml",
      "templates/en/extra.md:1:4: unknown variable 'shop.nam'; did you mean 'shop.name'?",
  };
  CHECK(set.files == 3);
  CHECK(set.campaigns.size() == 3);
  CHECK(set.errors == expected);
}

TEST_CASE("campaigns: marketing needs the shop's address and an unsubscribe address", "[config]") {
  Workspace w;
  testing::write_file(w.dir / "tsuikyaku.yaml",
                      replace(replace(k_config, "  address: \"1-2-3 Jingumae, Tokyo\"\n", ""),
                              "  unsubscribe: \"mailto:unsubscribe@kaede.example\"\n", ""));
  testing::write_file(w.dir / "templates/winback.md", "Hello\n");
  const std::string winback = R"(name: winback
kind: marketing
audience: { segments: [dormant] }
schedule: { every: 180d }
subject: "Hello"
body: templates/winback.md
)";
  w.campaign("winback", winback);
  auto set = w.load();
  CHECK(set.errors ==
        std::vector<std::string>{
            "campaigns/winback.yaml:2:7: kind: marketing mail needs the sender's postal address: "
            "set shop.address in tsuikyaku.yaml",
            "campaigns/winback.yaml:2:7: kind: marketing mail needs a way to unsubscribe: set "
            "shop.unsubscribe in tsuikyaku.yaml"});
  w.campaign("winback", winback + "enabled: false\n");  // a disabled campaign sends nothing
  CHECK(w.load().errors.empty());
}

TEST_CASE("campaigns: a coupon pool is one code per line, each once", "[config]") {
  testing::TempDir dir;
  testing::write_file(dir / "pool.csv", "code\nA-1\n\"B_2\",ignored\n\nC3\n");
  CHECK(config::read_coupon_pool(dir / "pool.csv") == std::vector<std::string>{"A-1", "B_2", "C3"});
  testing::write_file(dir / "pool.csv", "A-1\nB 2\n");
  CHECK_THROWS_WITH(config::read_coupon_pool(dir / "pool.csv"),
                    Catch::Matchers::EndsWith(
                        "pool.csv:2:1: expected a coupon code of letters, digits, '-' or '_'"));
  testing::write_file(dir / "pool.csv", "A-1\nB2\nA-1\n");
  CHECK_THROWS_WITH(config::read_coupon_pool(dir / "pool.csv"),
                    Catch::Matchers::EndsWith("pool.csv:3:1: code 'A-1' is listed twice (line 1)"));
}

TEST_CASE("campaigns: the shipped workspaces check clean in both languages", "[config]") {
  for (const std::string lang : {"ja", "en"}) {
    testing::TempDir dir;
    REQUIRE(testing::run_cli(dir.path(), {"init", "shop", "--lang", lang, "-q"}).exit_code == 0);
    const auto result = testing::run_cli(dir / "shop", {"campaigns", "check"});
    CHECK(result.exit_code == 0);
    // Clean but for the sample content, which the outbox takes (sample_content_test.cpp).
    CHECK_THAT(result.out, StartsWith("12 campaigns OK (7 disabled)\nStill the shipped samples"));
    CHECK(result.err.empty());
  }
}

TEST_CASE("campaigns: check prints every error and exits 78", "[config]") {
  testing::TempDir dir;
  REQUIRE(testing::run_cli(dir.path(), {"init", "shop", "--lang", "en", "-q"}).exit_code == 0);
  testing::write_file(dir / "shop/campaigns/check-in.yaml",
                      replace(testing::read_file(dir / "shop/campaigns/check-in.yaml"),
                              "delay: 10d", "delay: ten days"));
  testing::write_file(dir / "shop/templates/winback.md", "Hi {{customer.nam}}\n");
  const auto result = testing::run_cli(dir / "shop", {"campaigns", "check"});
  CHECK(result.exit_code == 78);
  CHECK(result.out.empty());
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: campaigns/check-in.yaml:11:10: delay: expected a duration "
                    "like 10d (0h for at once), or business days like 3bd\n"
                    "tsuikyaku: error: templates/winback.md:1:4: unknown variable 'customer.nam'; "
                    "did you mean 'customer.name'?\n"
                    "campaigns check: 2 errors\n"));
}

TEST_CASE("campaigns: an audience by product reads its SKU globs, with or without segments",
          "[config]") {
  Workspace w;
  w.campaign("check-in", replace(k_check_in, "audience: { segments: [new] }",
                                 "audience: { segments: [new], bought: [TEA-*, \"煎茶 ?\"], "
                                 "not_bought: [GIFT-*] }"));
  w.campaign("tea", replace(replace(k_check_in, "name: check-in", "name: tea"),
                            "audience: { segments: [new] }", "audience:\n  not_bought: [TEA-*]"));
  const auto set = w.load();
  REQUIRE(set.errors.empty());
  REQUIRE(set.campaigns.size() == 2);
  CHECK(set.campaigns[0].segments == std::vector<std::string>{"new"});
  CHECK(set.campaigns[0].products.bought == std::vector<std::string>{"TEA-*", "煎茶 ?"});
  CHECK(set.campaigns[0].products.not_bought == std::vector<std::string>{"GIFT-*"});
  CHECK(set.campaigns[1].segments.empty());
  CHECK(set.campaigns[1].products.bought.empty());
  CHECK(set.campaigns[1].products.not_bought == std::vector<std::string>{"TEA-*"});
}

TEST_CASE("campaigns: a product audience that is not a list of SKUs names the place", "[config]") {
  const std::string audience = "audience: { segments: [new] }";
  const std::vector<std::pair<std::string, std::string>> cases{
      {replace(k_check_in, audience, "audience: { bought: TEA-* }"),
       "campaigns/c.yaml:7:21: bought: expected a list of SKUs or globs like [TEA-*]"},
      {replace(k_check_in, audience, "audience: { bought: [] }"),
       "campaigns/c.yaml:7:21: bought: expected a list of SKUs or globs like [TEA-*]"},
      {replace(k_check_in, audience, "audience: { not_bought: [TEA-1, \"\"] }"),
       "campaigns/c.yaml:7:33: not_bought: expected a list of SKUs or globs like [TEA-*]"},
      {replace(k_check_in, audience, "audience: { bougth: [TEA-1] }"),
       "campaigns/c.yaml:7:13: audience: unknown key 'bougth'; did you mean 'bought'?"},
  };
  expect_one_error_each(cases);
}

namespace {

const std::string k_oseibo = R"(name: oseibo
kind: marketing
audience: { bought_around: { days: 30 } }
schedule: { yearly: "12-01", until: "12-20" }
subject: "今年のお歳暮はいかがでしょうか"
body: templates/check-in.md
)";

}  // namespace

TEST_CASE("campaigns: yearly schedules and bought_around read into the model", "[config]") {
  Workspace w;
  w.campaign("oseibo", k_oseibo);
  w.campaign("mothers-day",
             replace(replace(k_oseibo, "name: oseibo", "name: mothers-day"),
                     "{ yearly: \"12-01\", until: \"12-20\" }",
                     "{ yearly: { month: 5, weekday: Sunday, nth: 2 }, before: 14d }"));
  const auto set = w.load();
  REQUIRE(set.errors.empty());
  REQUIRE(set.campaigns.size() == 2);
  const auto& mothers = set.campaigns[0];
  REQUIRE(mothers.schedule->yearly);
  CHECK(mothers.schedule->yearly->day.month == 5);
  CHECK(mothers.schedule->yearly->day.weekday == std::chrono::Sunday);
  CHECK(mothers.schedule->yearly->day.nth == 2);
  CHECK(mothers.schedule->yearly->before == 14);
  CHECK_FALSE(mothers.schedule->yearly->until);
  const auto& oseibo = set.campaigns[1];
  CHECK(oseibo.bought_around == 30);
  CHECK(oseibo.segments.empty());
  REQUIRE(oseibo.schedule->yearly);
  CHECK(oseibo.schedule->yearly->day.month == 12);
  CHECK(oseibo.schedule->yearly->day.day == 1);
  CHECK_FALSE(oseibo.schedule->yearly->day.weekday);
  CHECK(oseibo.schedule->yearly->until->day == 20);
}

TEST_CASE("campaigns: a bad yearly day or window names its line and column and the fix",
          "[config]") {
  const std::string schedule = "{ yearly: \"12-01\", until: \"12-20\" }";
  const std::string mothers = "{ yearly: { month: 5, weekday: sunday, nth: 2 }, before: 14d }";
  const std::vector<std::pair<std::string, std::string>> cases{
      {replace(k_oseibo, schedule, "{ yearly: \"02-30\", until: \"12-20\" }"),
       "campaigns/c.yaml:4:21: yearly: '02-30': expected a day of the year like \"12-01\" "
       "(month-day), or the nth weekday of a month like { month: 5, weekday: sunday, nth: 2 }"},
      {replace(k_oseibo, schedule, "{ yearly: \"12-01\", until: \"13-01\" }"),
       "campaigns/c.yaml:4:37: until: '13-01': expected a day of the year like \"12-01\" "
       "(month-day), or the nth weekday of a month like { month: 5, weekday: sunday, nth: 2 }"},
      {replace(k_oseibo, schedule, replace(mothers, "month: 5", "month: 13")),
       "campaigns/c.yaml:4:30: month: expected a whole number from 1 to 12"},
      {replace(k_oseibo, schedule, replace(mothers, "nth: 2", "nth: 6")),
       "campaigns/c.yaml:4:55: nth: expected 1 to 5 (nth: 2 for the second sunday of the month), "
       "or last"},
      {replace(k_oseibo, schedule, replace(mothers, "sunday", "sundy")),
       "campaigns/c.yaml:4:42: weekday: 'sundy': expected a weekday: sunday, monday, … or "
       "saturday; did you mean 'sunday'?"},
      {replace(k_oseibo, schedule, replace(mothers, "14d", "14h")),
       "campaigns/c.yaml:4:68: before: expected whole days like 14d (at most 366d)"},
      {replace(k_oseibo, schedule, "{ yearly: \"12-01\", until: \"12-20\", after: 3d }"),
       "campaigns/c.yaml:4:53: after: expected until: or after:, not both"},
      {replace(k_oseibo, schedule, "{ yearly: \"12-01\", until: \"12-20\", expires: 3d }"),
       "campaigns/c.yaml:4:55: expires: a yearly window closes by itself: take expires out and "
       "set the window with until:, before: or after:"},
      {replace(k_oseibo, schedule, "{ yearly: \"12-01\", before: 300d, after: 100d }"),
       "campaigns/c.yaml:4:21: yearly: the window of 2000 lasts into the next year's window; a "
       "yearly window is shorter than a year: shorten until:, before: or after:"},
      {replace(k_oseibo, schedule, "{ every: 30d, until: \"12-20\" }"),
       "campaigns/c.yaml:4:32: until: only a yearly schedule has it: add yearly: \"12-01\" or "
       "take it out"},
      {replace(k_oseibo, "days: 30", "days: 0"),
       "campaigns/c.yaml:3:36: days: expected a whole number from 1 to 182"},
      {replace(k_check_in, "{ segments: [new] }",
               "{ segments: [new], bought_around: { days: 30 } }"),
       "campaigns/c.yaml:7:45: bought_around: only a schedule's audience has it; a trigger "
       "follows an order already"},
  };
  for (const auto& [text, message] : cases) {
    Workspace w;
    w.campaign("c", text);
    const auto set = w.load();
    INFO(text);
    REQUIRE(set.errors.size() == 1);
    CHECK_THAT(set.errors[0], Equals(message));
  }
}
