#include "tsuikyaku/campaign/planner.hpp"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <set>

using namespace tsuikyaku;
using campaign::Outcome;
using campaign::Reason;
using std::chrono::days;
using std::chrono::hours;

namespace {

const core::TimeZone k_tokyo = *core::TimeZone::find("Asia/Tokyo");

core::Instant tokyo(int month, int day, int hour, int minute = 0) {
  return k_tokyo.to_instant(*core::make_local(2026, month, day, hour, minute));
}

campaign::Campaign triggered(std::string name, campaign::Kind kind,
                             std::vector<campaign::Event> events, core::Seconds delay) {
  campaign::Campaign c;
  c.name = std::move(name);
  c.kind = kind;
  c.trigger = campaign::Trigger{std::move(events), delay, days{3}};
  return c;
}

campaign::Campaign scheduled(std::string name, campaign::Schedule schedule,
                             std::vector<std::string> segments) {
  campaign::Campaign c;
  c.name = std::move(name);
  c.kind = campaign::Kind::marketing;
  c.schedule = schedule;
  c.segments = std::move(segments);
  return c;
}

// One customer C1 (hanako@example.jp, accepts marketing) with order 1001 placed on
// Nov 1 10:00 Tokyo, shipped Nov 2, delivered Nov 4; segments "new" unless a test says.
campaign::PlanInput world() {
  campaign::PlanInput input;
  input.customers = {{"C1", "hanako@example.jp", true}};
  input.orders = {
      {"1001", "C1", "paid", tokyo(11, 1, 10), tokyo(11, 2, 16), tokyo(11, 4, 11), std::nullopt}};
  input.segment_at = [](const std::string&, core::Instant) { return std::string("new"); };
  input.zone = k_tokyo;
  input.now = tokyo(11, 1, 12);
  return input;
}

campaign::Candidate only(const campaign::Plan& plan) {
  REQUIRE(plan.candidates.size() == 1);
  return plan.candidates.front();
}

}  // namespace

TEST_CASE("planner: a triggered message is due at its event plus delay, keyed by order",
          "[campaign]") {
  auto input = world();
  input.campaigns = {
      triggered("thank-you", campaign::Kind::transactional, {campaign::Event::ordered}, hours{0})};
  const auto c = only(campaign::plan(input));
  CHECK(c.outcome == Outcome::send);
  CHECK(c.dedup_key == "thank-you:order:1001");
  CHECK(c.due_at == tokyo(11, 1, 10));
  CHECK(c.send_at == input.now);
  CHECK(c.event == campaign::Event::ordered);

  input.ledger.keys.insert("thank-you:order:1001");  // planned by an earlier run
  CHECK(campaign::plan(input).candidates.empty());
}

TEST_CASE("planner: dedup keys are the same on every run", "[campaign]") {
  auto input = world();
  input.now = tokyo(11, 14, 12);
  input.campaigns = {triggered("check-in", campaign::Kind::transactional,
                               {campaign::Event::delivered, campaign::Event::shipped}, days{10}),
                     scheduled("winback", {std::nullopt, days{180}, days{3}}, {"new"})};
  const auto first = campaign::plan(input);
  const auto second = campaign::plan(input);
  REQUIRE(first.candidates.size() == 2);
  CHECK(first.candidates[0].dedup_key == "check-in:order:1001");
  CHECK(first.candidates[1].dedup_key == "winback:every-2026-09-04:customer:C1");
  CHECK(second.candidates[0].dedup_key == first.candidates[0].dedup_key);
  CHECK(second.candidates[1].dedup_key == first.candidates[1].dedup_key);
}

TEST_CASE("planner: the first event of the list the order has starts the delay", "[campaign]") {
  auto input = world();
  input.campaigns = {triggered("check-in", campaign::Kind::transactional,
                               {campaign::Event::delivered, campaign::Event::shipped}, days{10})};
  input.now = tokyo(11, 14, 12);
  CHECK(only(campaign::plan(input)).due_at == tokyo(11, 14, 11));  // delivered + 10d
  CHECK(only(campaign::plan(input)).event == campaign::Event::delivered);

  input.orders[0].delivered_at.reset();  // not known: from the shipping date
  CHECK(only(campaign::plan(input)).due_at == tokyo(11, 12, 16));
  input.now = tokyo(11, 12, 15);
  CHECK(campaign::plan(input).candidates.empty());  // not due yet
}

TEST_CASE("planner: a message that would go out after due + expires is skipped as expired",
          "[campaign]") {
  auto input = world();
  input.campaigns = {
      triggered("thank-you", campaign::Kind::transactional, {campaign::Event::ordered}, hours{0})};
  input.now = tokyo(11, 4, 10);  // exactly due + 3d: still in time
  CHECK(only(campaign::plan(input)).outcome == Outcome::send);
  input.now = tokyo(11, 4, 10, 1);
  const auto c = only(campaign::plan(input));
  CHECK(c.outcome == Outcome::skip);
  CHECK(c.reason == Reason::expired);
}

TEST_CASE("planner: an order cancelled before the message goes out gets none", "[campaign]") {
  auto input = world();
  input.campaigns = {
      triggered("check-in", campaign::Kind::transactional, {campaign::Event::delivered}, days{10})};
  input.now = tokyo(11, 14, 12);
  input.orders[0].cancelled_at = tokyo(11, 10, 9);
  CHECK(only(campaign::plan(input)).reason == Reason::cancelled);

  input.orders[0].cancelled_at.reset();
  input.orders[0].status = "refunded";
  CHECK(only(campaign::plan(input)).reason == Reason::cancelled);
  input.orders[0].status = "Cancelled";  // as exports write it; segments read it so too
  CHECK(only(campaign::plan(input)).reason == Reason::cancelled);
}

TEST_CASE("planner: a newer order before the check-in falls due changes the audience",
          "[campaign]") {
  auto input = world();
  auto check_in = triggered("check-in", campaign::Kind::transactional,
                            {campaign::Event::delivered, campaign::Event::shipped}, days{10});
  check_in.segments = {"new"};
  input.campaigns = {check_in};
  input.now = tokyo(11, 14, 12);
  const core::Instant second_order = tokyo(11, 9, 20);
  input.segment_at = [&](const std::string&, core::Instant at) {
    return std::string(at >= second_order ? "repeat" : "new");
  };
  const auto c = only(campaign::plan(input));
  CHECK(c.outcome == Outcome::skip);
  CHECK(c.reason == Reason::audience);
  CHECK(c.segment == "repeat");

  // Ordered again only after the check-in fell due (cron missed a day): it still goes.
  input.segment_at = [](const std::string&, core::Instant at) {
    return std::string(at >= tokyo(11, 14, 11, 30) ? "repeat" : "new");
  };
  CHECK(only(campaign::plan(input)).outcome == Outcome::send);
}

TEST_CASE("planner: marketing goes only to customers who accept it", "[campaign]") {
  auto input = world();
  input.campaigns = {
      triggered("review-request", campaign::Kind::marketing, {campaign::Event::ordered}, hours{0}),
      triggered("thank-you", campaign::Kind::transactional, {campaign::Event::ordered}, hours{0})};
  input.customers[0].accepts_marketing = false;
  const auto plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 2);
  CHECK(plan.candidates[0].reason == Reason::no_consent);
  CHECK(plan.candidates[1].outcome == Outcome::send);  // transactional needs no consent
}

TEST_CASE("planner: unsubscribed still gets mail about its orders, bounced gets nothing",
          "[campaign]") {
  auto input = world();
  input.campaigns = {
      triggered("review-request", campaign::Kind::marketing, {campaign::Event::ordered}, hours{0}),
      triggered("thank-you", campaign::Kind::transactional, {campaign::Event::ordered}, hours{0})};
  input.customers[0].email = "Hanako@Example.JP";
  input.suppressions = {{"hanako@example.jp", campaign::Suppression::unsubscribed}};
  auto plan = campaign::plan(input);
  CHECK(plan.candidates[0].reason == Reason::unsubscribed);
  CHECK(plan.candidates[0].detail == "unsubscribed");
  CHECK(plan.candidates[1].outcome == Outcome::send);

  input.suppressions = {{"hanako@example.jp", campaign::Suppression::bounced}};
  plan = campaign::plan(input);
  CHECK(plan.candidates[0].reason == Reason::bounced);
  CHECK(plan.candidates[1].reason == Reason::bounced);
}

TEST_CASE("planner: an address that is not one is skipped, never rendered", "[campaign]") {
  auto input = world();
  input.campaigns = {
      triggered("thank-you", campaign::Kind::transactional, {campaign::Event::ordered}, hours{0})};
  input.customers[0].email = "hanako@example.jp\r\nBcc: x@example.com";
  CHECK(only(campaign::plan(input)).reason == Reason::no_address);
}

TEST_CASE("planner: marketing waits out the cooldown, also between campaigns of one run",
          "[campaign]") {
  auto input = world();
  input.campaigns = {
      triggered("review-request", campaign::Kind::marketing, {campaign::Event::ordered}, hours{0}),
      scheduled("winback", {std::nullopt, days{180}, days{3}}, {"new"})};
  input.campaigns[0].trigger->expires = days{30};
  input.marketing_cooldown = days{7};
  // C1 entered the win-back's audience on Oct 20, before its order.
  input.entered_at = [](const std::string&, core::Instant) { return tokyo(10, 20, 0); };
  const auto plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 2);
  // The winback fell due first (when C1 entered its audience), so it goes; the review
  // request waits a cooldown from now.
  CHECK(plan.candidates[1].outcome == Outcome::send);
  CHECK(plan.candidates[0].outcome == Outcome::later);
  CHECK(plan.candidates[0].reason == Reason::cooldown);
  CHECK(plan.candidates[0].send_at == input.now + days{7});

  input.campaigns.pop_back();
  input.ledger.last_marketing["C1"] = input.now - days{3};
  const auto waiting = only(campaign::plan(input));
  CHECK(waiting.reason == Reason::cooldown);
  CHECK(waiting.send_at == input.now + days{4});

  input.campaigns[0].trigger->expires = days{3};  // the wait outlasts expires: skipped
  const auto skipped = only(campaign::plan(input));
  CHECK(skipped.outcome == Outcome::skip);
  CHECK(skipped.reason == Reason::cooldown);
}

TEST_CASE("planner: mail due in quiet hours goes at 09:00 local the next morning", "[campaign]") {
  auto input = world();
  input.campaigns = {
      triggered("thank-you", campaign::Kind::transactional, {campaign::Event::ordered}, hours{0})};
  input.quiet_hours = core::parse_time_of_day_range("21:00-09:00");
  input.orders[0].ordered_at = tokyo(11, 1, 22, 30);
  input.now = tokyo(11, 1, 23);
  const auto c = only(campaign::plan(input));
  CHECK(c.outcome == Outcome::later);
  CHECK(c.reason == Reason::quiet_hours);
  CHECK(c.send_at == tokyo(11, 2, 9));

  input.now = tokyo(11, 2, 6);  // after midnight, still quiet: the same morning
  CHECK(only(campaign::plan(input)).send_at == tokyo(11, 2, 9));
  input.now = tokyo(11, 2, 9);
  CHECK(only(campaign::plan(input)).outcome == Outcome::send);
}

TEST_CASE("planner: quiet hours end at 09:00 local across a DST change", "[campaign]") {
  const auto new_york = *core::TimeZone::find("America/New_York");
  const auto quiet = core::parse_time_of_day_range("21:00-09:00");
  // Clocks go forward on 2026-03-08: 09:00 that morning is EDT (UTC-4), 13:00 UTC.
  const auto evening = new_york.to_instant(*core::make_local(2026, 3, 7, 22, 0));
  CHECK(campaign::next_allowed(evening, quiet, new_york) == core::from_unix(1772974800));
  // And back on 2026-11-01: 09:00 is EST (UTC-5), 14:00 UTC.
  const auto autumn = new_york.to_instant(*core::make_local(2026, 10, 31, 23, 30));
  CHECK(campaign::next_allowed(autumn, quiet, new_york) == core::from_unix(1793541600));
  CHECK(campaign::next_allowed(autumn, std::nullopt, new_york) == autumn);
}

TEST_CASE("planner: an `on` schedule mails its audience of that day once", "[campaign]") {
  auto input = world();
  campaign::Schedule on;
  on.on = core::make_local(2026, 12, 20);
  input.campaigns = {scheduled("loyal-thanks", on, {"loyal"})};
  input.customers.push_back({"C2", "taro@example.jp", true});
  input.segment_at = [](const std::string& customer, core::Instant) {
    return std::string(customer == "C2" ? "loyal" : "new");
  };
  input.now = tokyo(12, 19, 12);
  CHECK(campaign::plan(input).candidates.empty());
  input.now = tokyo(12, 20, 10);
  const auto c = only(campaign::plan(input));
  CHECK(c.outcome == Outcome::send);
  CHECK(c.customer == "C2");
  CHECK(c.dedup_key == "loyal-thanks:on-2026-12-20:customer:C2");
  CHECK(c.due_at == tokyo(12, 20, 0));
  input.now = tokyo(12, 23, 0, 1);  // more than 3d later
  CHECK(only(campaign::plan(input)).reason == Reason::expired);
}

TEST_CASE("planner: an `every` schedule reaches each member at most once per period",
          "[campaign]") {
  auto input = world();
  input.campaigns = {scheduled("winback", {std::nullopt, days{30}, days{3}}, {"new"})};
  input.now = tokyo(11, 18, 12);
  // C1 entered the audience with its first order on Nov 1.
  std::vector<core::Instant> asked;
  input.entered_at = [&asked](const std::string&, core::Instant at) {
    asked.push_back(at);
    return std::optional<core::Instant>(tokyo(11, 1, 10));
  };
  auto c = only(campaign::plan(input));
  // Periods of 30 days from the Unix epoch: the current one began on 2026-11-03 (UTC). It
  // names the key; the message is due when C1 entered the audience, asked as of now.
  CHECK(c.occurrence == "every-2026-11-03");
  CHECK(c.dedup_key == "winback:every-2026-11-03:customer:C1");
  CHECK(c.due_at == tokyo(11, 1, 10));
  CHECK(asked == std::vector<core::Instant>{input.now});

  // Got it on Nov 5: due again 30 days later, which is after the next period began.
  input.ledger.last_of_campaign[{"winback", "C1"}] = tokyo(11, 5, 12);
  CHECK(campaign::plan(input).candidates.empty());
  input.now = tokyo(12, 5, 11);
  CHECK(campaign::plan(input).candidates.empty());
  input.now = tokyo(12, 5, 12);
  c = only(campaign::plan(input));
  CHECK(c.due_at == tokyo(12, 5, 12));
  CHECK(c.occurrence == "every-2026-12-03");

  // Skipped in this period (recorded under its key): not again until the next one.
  input.customers[0].accepts_marketing = false;
  input.ledger.last_of_campaign.clear();
  CHECK(only(campaign::plan(input)).reason == Reason::no_consent);
  input.ledger.keys.insert("winback:every-2026-12-03:customer:C1");
  CHECK(campaign::plan(input).candidates.empty());
}

TEST_CASE("planner: candidates come out by campaign, due time and key, each once", "[campaign]") {
  auto input = world();
  input.now = tokyo(11, 18, 12);
  input.marketing_cooldown = std::chrono::seconds{0};
  input.customers.clear();
  // 60 members who entered the audience on one of seven days, in no order; the plan sorts
  // them in place, and a slip in that would lose, repeat or misplace one.
  for (int n = 59; n >= 0; --n) {
    input.customers.push_back({fmt::format("C{:02}", (n * 37) % 60), "a@example.jp", true});
  }
  input.entered_at = [](const std::string& key, core::Instant) {
    return std::optional<core::Instant>(tokyo(11, 1 + std::stoi(key.substr(1)) % 7, 10));
  };
  input.campaigns = {scheduled("winback", {std::nullopt, days{30}, days{3}}, {"new"}),
                     scheduled("again", {std::nullopt, days{30}, days{3}}, {"new"})};
  const auto plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 120);
  std::set<std::string> keys;
  for (std::size_t i = 0; i < plan.candidates.size(); ++i) {
    const auto& c = plan.candidates[i];
    keys.insert(c.dedup_key);
    CHECK(c.campaign == (i < 60 ? "winback" : "again"));
    CHECK(c.due_at == tokyo(11, 1 + std::stoi(c.customer.substr(1)) % 7, 10));
    if (i == 0 || i == 60) continue;
    const auto& before = plan.candidates[i - 1];
    CHECK(std::tie(before.due_at, before.dedup_key) < std::tie(c.due_at, c.dedup_key));
  }
  CHECK(keys.size() == 120);
}

TEST_CASE("planner: each member of a coupon pool gets a code until the pool is empty",
          "[campaign]") {
  auto input = world();
  auto thanks = scheduled("loyal-thanks", {std::nullopt, days{90}, days{3}}, {});
  thanks.coupon = campaign::Coupon{"", "coupons/loyal.csv"};
  input.campaigns = {thanks};
  input.customers.push_back({"C2", "taro@example.jp", true});
  input.coupons_left = {{"coupons/loyal.csv", 1}};
  const auto plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 2);
  CHECK(plan.candidates[0].outcome == Outcome::send);
  CHECK(plan.candidates[1].reason == Reason::no_coupon);
  CHECK(plan.candidates[1].detail == "coupons/loyal.csv");
  REQUIRE(plan.pools.size() == 1);
  CHECK(plan.pools[0].left == 0);
  CHECK(plan.pools[0].assigned == 1);
  CHECK(plan.pools[0].low);
}

TEST_CASE("planner: a member in the cooldown waits; it is not skipped for an empty pool",
          "[campaign]") {
  auto input = world();
  auto thanks = scheduled("loyal-thanks", {std::nullopt, days{90}, days{30}}, {});
  thanks.coupon = campaign::Coupon{"", "coupons/loyal.csv"};
  input.campaigns = {thanks};
  input.customers.push_back({"C2", "taro@example.jp", true});
  input.coupons_left = {{"coupons/loyal.csv", 0}};
  input.marketing_cooldown = days{7};
  input.ledger.last_marketing["C1"] = input.now - days{3};
  const auto plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 2);
  const auto& [cooling, due] =
      std::tie(plan.candidates[0].customer == "C1" ? plan.candidates[0] : plan.candidates[1],
               plan.candidates[0].customer == "C1" ? plan.candidates[1] : plan.candidates[0]);
  CHECK(cooling.outcome == Outcome::later);
  CHECK(cooling.reason == Reason::cooldown);
  CHECK(cooling.send_at == input.now + days{4});
  // The one who could go now finds the pool empty.
  CHECK(due.outcome == Outcome::skip);
  CHECK(due.reason == Reason::no_coupon);
}

TEST_CASE("planner: disabled campaigns plan nothing", "[campaign]") {
  auto input = world();
  input.campaigns = {
      triggered("thank-you", campaign::Kind::transactional, {campaign::Event::ordered}, hours{0})};
  input.campaigns[0].enabled = false;
  CHECK(campaign::plan(input).candidates.empty());
}

TEST_CASE("planner: the forecast lists each day's mail, quiet hours and cooldown included",
          "[campaign]") {
  auto input = world();
  auto check_in =
      triggered("check-in", campaign::Kind::transactional, {campaign::Event::delivered}, days{10});
  check_in.trigger->expires = days{5};
  auto review = triggered("review-request", campaign::Kind::marketing, {campaign::Event::delivered},
                          days{12});
  review.trigger->expires = days{7};
  input.campaigns = {check_in, review};
  input.orders[0].delivered_at = tokyo(11, 4, 22);  // check-in due Nov 14 22:00: quiet
  input.quiet_hours = core::parse_time_of_day_range("21:00-09:00");
  input.ledger.last_marketing["C1"] = tokyo(11, 12, 10);  // review waits until Nov 19 10:00
  input.now = tokyo(11, 12, 12);
  const auto days_ahead = campaign::forecast(input, 14);
  REQUIRE(days_ahead.size() == 14);
  CHECK(days_ahead[0].date == *core::make_local(2026, 11, 12));
  for (int d = 0; d < 14; ++d) {
    INFO("day " << d);
    const std::size_t expected = d == 3 || d == 7 ? 1u : 0u;
    CHECK(days_ahead[static_cast<std::size_t>(d)].sends.size() == expected);
    CHECK(days_ahead[static_cast<std::size_t>(d)].skips.empty());
  }
  CHECK(days_ahead[3].sends[0].campaign == "check-in");
  CHECK(days_ahead[3].sends[0].send_at == tokyo(11, 15, 9));
  CHECK(days_ahead[7].sends[0].campaign == "review-request");
  CHECK(days_ahead[7].sends[0].send_at == tokyo(11, 19, 10));
}

TEST_CASE("planner: a first run over the limit waits for a start and takes nobody's turn",
          "[campaign]") {
  auto input = world();
  input.now = tokyo(11, 14, 12);
  input.customers.push_back({"C2", "taro@example.jp", true});
  input.customers.push_back({"C3", "jiro@example.jp", true});
  input.first_run_limit = 2;
  // Two marketing campaigns for the same three customers: the win-back (three at once:
  // held) and a check-in review after it in the file, due later.
  campaign::Campaign review = scheduled("review", {std::nullopt, days{30}, days{3}}, {"new"});
  input.campaigns = {scheduled("winback", {std::nullopt, days{180}, days{3}}, {"new"}), review};
  input.campaigns[1].schedule->every = days{30};
  auto plan = campaign::plan(input);
  std::map<std::pair<std::string, Outcome>, int> n;
  for (const auto& c : plan.candidates) {
    ++n[{c.campaign, c.outcome}];
    if (c.campaign == "winback") CHECK(c.reason == Reason::not_started);
  }
  // Both are over the limit of 2: both wait.
  CHECK(n[{"winback", Outcome::later}] == 3);
  CHECK(n[{"review", Outcome::later}] == 3);

  // Started, the win-back goes; the review, never started, loses the turn to the cooldown
  // now, not to the held campaign.
  input.starts["winback"].started = true;
  n.clear();
  for (const auto& c : campaign::plan(input).candidates) ++n[{c.campaign, c.outcome}];
  CHECK(n[{"winback", Outcome::send}] == 3);
  CHECK(n[{"review", Outcome::later}] == 3);

  // Within the limit, a first run simply goes: the review, due as early and first by its
  // key, takes the turn, and the win-back waits out the cooldown.
  input.first_run_limit = 3;
  input.starts.clear();
  n.clear();
  for (const auto& c : campaign::plan(input).candidates) ++n[{c.campaign, c.outcome}];
  CHECK(n[{"review", Outcome::send}] == 3);
  CHECK(n[{"winback", Outcome::later}] == 3);

  // Transactional campaigns are never held.
  input.first_run_limit = 0;
  input.campaigns = {
      triggered("thank-you", campaign::Kind::transactional, {campaign::Event::ordered}, hours{0})};
  input.now = tokyo(11, 1, 12);
  CHECK(only(campaign::plan(input)).outcome == Outcome::send);
}

TEST_CASE("planner: a daily limit sends N a day, counting what was planned earlier that day",
          "[campaign]") {
  auto input = world();
  input.now = tokyo(11, 14, 12);
  for (int i = 2; i <= 5; ++i) {
    input.customers.push_back({"C" + std::to_string(i), std::to_string(i) + "@example.jp", true});
  }
  input.campaigns = {scheduled("winback", {std::nullopt, days{180}, days{3}}, {"new"})};
  input.starts["winback"] = {true, 2, 1};  // started, 2 a day, 1 planned today already
  const auto plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 5);
  CHECK(plan.candidates[0].outcome == Outcome::send);
  for (std::size_t i = 1; i < 5; ++i) {
    CHECK(plan.candidates[i].outcome == Outcome::later);
    CHECK(plan.candidates[i].reason == Reason::daily_limit);
  }
  // The forecast spreads the rest over the next days, two a day.
  const auto days_out = campaign::forecast(input, 3);
  CHECK(days_out[0].sends.size() == 1);
  CHECK(days_out[1].sends.size() == 2);
  CHECK(days_out[2].sends.size() == 2);
}
