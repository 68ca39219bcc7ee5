#include <catch2/catch.hpp>

#include "tsuikyaku/campaign/planner.hpp"

// Audiences by product (docs/products.md): SKU globs, matched against what the customer
// bought by the time the message falls due.

using namespace tsuikyaku;
using campaign::Outcome;
using campaign::Purchase;
using campaign::Reason;
using std::chrono::days;
using std::chrono::hours;

namespace {

const core::TimeZone k_tokyo = *core::TimeZone::find("Asia/Tokyo");

core::Instant tokyo(int month, int day, int hour) {
  return k_tokyo.to_instant(*core::make_local(2026, month, day, hour));
}

// C1 bought sencha with order 1001 on Nov 1 and a teapot on Nov 20; C2 bought only coffee.
campaign::PlanInput world(campaign::Campaign campaign) {
  campaign::PlanInput input;
  input.customers = {{"C1", "hanako@example.jp", true}, {"C2", "taro@example.jp", true}};
  input.orders = {{"1001", "C1", "paid", tokyo(11, 1, 10), {}, {}, {}},
                  {"1002", "C2", "paid", tokyo(11, 1, 11), {}, {}, {}}};
  input.segment_at = [](const std::string&, core::Instant) { return std::string("new"); };
  static const std::map<std::string, std::vector<Purchase>> bought{
      {"C1", {{"TEA-SEN-100", tokyo(11, 1, 10)}, {"POT-01", tokyo(11, 20, 9)}}},
      {"C2", {{"COFFEE-1", tokyo(11, 1, 11)}}}};
  input.purchases = [](const std::string& key) -> const std::vector<Purchase>* {
    const auto it = bought.find(key);
    return it == bought.end() ? nullptr : &it->second;
  };
  input.zone = k_tokyo;
  input.campaigns = {std::move(campaign)};
  return input;
}

campaign::Campaign check_in(campaign::ProductAudience products) {
  campaign::Campaign c;
  c.name = "check-in";
  c.trigger = campaign::Trigger{{campaign::Event::ordered}, days{10}, days{3}};
  c.products = std::move(products);
  return c;
}

}  // namespace

TEST_CASE("product audience: bought any of, and none of not_bought, by the moment asked",
          "[products]") {
  const std::vector<Purchase> bought{{"TEA-SEN-100", tokyo(11, 1, 10)},
                                     {"POT-01", tokyo(11, 20, 9)}};
  const auto in = [&](campaign::ProductAudience audience, core::Instant at) {
    return campaign::in_product_audience(audience, &bought, at);
  };
  CHECK(in({{"TEA-*"}, {}}, tokyo(11, 2, 0)));
  CHECK(in({{"COFFEE-*", "TEA-*"}, {}}, tokyo(11, 2, 0)));  // any of the list
  CHECK_FALSE(in({{"COFFEE-*"}, {}}, tokyo(11, 2, 0)));
  CHECK_FALSE(in({{"POT-*"}, {}}, tokyo(11, 2, 0)));  // not yet bought then
  CHECK(in({{"POT-*"}, {}}, tokyo(11, 20, 9)));
  CHECK(in({{"TEA-*"}, {"POT-*"}}, tokyo(11, 2, 0)));
  CHECK_FALSE(in({{"TEA-*"}, {"POT-*"}}, tokyo(11, 21, 0)));
  CHECK(in({{}, {"COFFEE-*"}}, tokyo(11, 2, 0)));  // not_bought alone
  CHECK_FALSE(campaign::in_product_audience({{"TEA-*"}, {}}, nullptr, tokyo(11, 2, 0)));
  CHECK(campaign::in_product_audience({{}, {"TEA-*"}}, nullptr, tokyo(11, 2, 0)));
}

TEST_CASE("product audience: a trigger judges it when the message falls due", "[products]") {
  // Due on Nov 11: C1 had bought sencha, not yet the teapot; C2 only coffee.
  auto input = world(check_in({{"TEA-*"}, {"POT-*"}}));
  input.now = tokyo(11, 11, 12);
  auto plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 2);
  CHECK(plan.candidates[0].customer == "C1");
  CHECK(plan.candidates[0].outcome == Outcome::send);
  CHECK(plan.candidates[1].customer == "C2");
  CHECK(plan.candidates[1].outcome == Outcome::skip);
  CHECK(plan.candidates[1].reason == Reason::audience);

  // The same message, due after the teapot: C1 is out too.
  input.campaigns[0].trigger->delay = days{20};
  input.now = tokyo(11, 21, 12);
  plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 2);
  CHECK(plan.candidates[0].reason == Reason::audience);
  CHECK(plan.candidates[1].reason == Reason::audience);
}

TEST_CASE("product audience: combined with segments, both must hold", "[products]") {
  auto input = world(check_in({{"TEA-*"}, {}}));
  input.campaigns[0].segments = {"repeat"};
  input.now = tokyo(11, 11, 12);
  for (const auto& c : campaign::plan(input).candidates) CHECK(c.reason == Reason::audience);
  input.campaigns[0].segments = {"new"};
  const auto plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 2);
  CHECK(plan.candidates[0].outcome == Outcome::send);
  CHECK(plan.candidates[1].reason == Reason::audience);
}

TEST_CASE("product audience: a schedule mails only the customers in it", "[products]") {
  campaign::Campaign c;
  c.name = "coffee-news";
  c.kind = campaign::Kind::transactional;
  c.schedule = campaign::Schedule{std::nullopt, days{30}, days{3}};
  c.products = {{"COFFEE-*"}, {}};
  auto input = world(c);
  input.now = tokyo(11, 25, 12);
  const auto plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 1);
  CHECK(plan.candidates[0].customer == "C2");
  CHECK(plan.candidates[0].outcome == Outcome::send);
}
