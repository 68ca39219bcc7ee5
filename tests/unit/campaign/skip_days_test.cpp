#include <catch2/catch.hpp>

#include "tsuikyaku/campaign/planner.hpp"

// The planner with the shop's calendar: business-day delays and send.skip
// (campaign/business_days.hpp; the calendar itself in tests/unit/calendar).

using namespace tsuikyaku;
using campaign::Outcome;
using campaign::Reason;

namespace {

const core::TimeZone k_tokyo = *core::TimeZone::find("Asia/Tokyo");

core::Instant tokyo(int y, int m, int d, int hour) {
  return k_tokyo.to_instant(*core::make_local(y, m, d, hour, 0));
}

std::chrono::year_month_day ymd(int y, unsigned m, unsigned d) {
  return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

// Closed on Sundays and over 年末年始 every year, keeping Japan's holidays.
calendar::ShopDays japanese_shop(bool saturday = false) {
  std::array<bool, 7> weekdays{};
  weekdays[0] = true;
  weekdays[6] = saturday;
  return calendar::ShopDays(
      true, {calendar::DateSpan{ymd(2000, 12, 29), ymd(2000, 1, 3), true, "12-29..01-03"}},
      weekdays);
}

// Customer C1 with order 1001 delivered at `delivered`; one campaign on delivery.
campaign::PlanInput world(campaign::Kind kind, core::Instant delivered, campaign::Trigger trigger) {
  campaign::PlanInput input;
  input.customers = {{"C1", "hanako@example.jp", true}};
  input.orders = {{"1001", "C1", "paid", delivered - std::chrono::days{3},
                   delivered - std::chrono::days{1}, delivered, std::nullopt}};
  input.segment_at = [](const std::string&, core::Instant) { return std::string("new"); };
  input.zone = k_tokyo;
  input.days = japanese_shop();
  campaign::Campaign c;
  c.name = "after";
  c.kind = kind;
  trigger.events = {campaign::Event::delivered};
  c.trigger = trigger;
  input.campaigns = {c};
  input.starts["after"] = campaign::CampaignStart{true, std::nullopt};
  return input;
}

campaign::Candidate only(const campaign::PlanInput& input) {
  const auto plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 1);
  return plan.candidates.front();
}

}  // namespace

TEST_CASE("planner: a delay in business days falls due on the n-th open day", "[campaign]") {
  campaign::Trigger trigger;
  trigger.business_days = 3;
  // Delivered Wednesday 4 November 11:00: Thu 5, Fri 6, Sat 7 with Saturdays open.
  auto input = world(campaign::Kind::transactional, tokyo(2026, 11, 4, 11), trigger);
  input.now = tokyo(2026, 11, 7, 12);
  CHECK(only(input).due_at == tokyo(2026, 11, 7, 11));
  // Closed on Saturdays too: Monday 9 November; not due before.
  input.days = japanese_shop(true);
  CHECK(campaign::plan(input).candidates.empty());
  input.now = tokyo(2026, 11, 9, 12);
  CHECK(only(input).due_at == tokyo(2026, 11, 9, 11));
}

TEST_CASE("planner: send.skip moves marketing off closed days, its expiry with it", "[campaign]") {
  campaign::Trigger trigger;  // at once, expires after 3 days
  auto input = world(campaign::Kind::marketing, tokyo(2026, 12, 29, 10), trigger);
  input.marketing_days = japanese_shop();
  input.now = tokyo(2026, 12, 30, 12);
  auto c = only(input);
  CHECK(c.outcome == Outcome::later);
  CHECK(c.reason == Reason::skip_day);
  CHECK(c.send_at == tokyo(2027, 1, 4, 0));
  // Quiet hours still hold after the closure.
  input.quiet_hours = core::parse_time_of_day_range("21:00-09:00");
  CHECK(only(input).send_at == tokyo(2027, 1, 4, 9));
  // On the first open day it goes, though due + expires (1 January) has passed.
  input.now = tokyo(2027, 1, 4, 10);
  c = only(input);
  CHECK(c.outcome == Outcome::send);
  CHECK(c.send_at == input.now);
  // Without send.skip, the same message has expired.
  input.marketing_days.reset();
  CHECK(only(input).reason == Reason::expired);
}

TEST_CASE("planner: send.skip never holds transactional mail", "[campaign]") {
  campaign::Trigger trigger;
  auto input = world(campaign::Kind::transactional, tokyo(2027, 1, 1, 10), trigger);
  input.marketing_days = japanese_shop();
  input.now = tokyo(2027, 1, 1, 12);
  const auto c = only(input);
  CHECK(c.outcome == Outcome::send);
  CHECK(c.send_at == input.now);
}
