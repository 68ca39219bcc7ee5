#include "tsuikyaku/campaign/yearly.hpp"

#include <catch2/catch.hpp>

#include "tsuikyaku/campaign/occurrence.hpp"
#include "tsuikyaku/campaign/planner.hpp"

// Yearly schedules and bought_around (campaign/yearly.hpp): leap years, year ends, the nth
// weekday over many years, and the planner's once a year.

using namespace tsuikyaku;
using campaign::Outcome;
using campaign::Reason;
using std::chrono::year;
using std::chrono::year_month_day;

namespace {

const core::TimeZone k_tokyo = *core::TimeZone::find("Asia/Tokyo");

core::Instant tokyo(int y, int m, int d, int hour = 0, int minute = 0) {
  return k_tokyo.to_instant(*core::make_local(y, m, d, hour, minute));
}

year_month_day ymd(int y, unsigned m, unsigned d) {
  return year{y} / std::chrono::month{m} / std::chrono::day{d};
}

campaign::YearlyDay fixed(unsigned month, unsigned day) {
  campaign::YearlyDay out;
  out.month = month;
  out.day = day;
  return out;
}

campaign::YearlyDay nth_weekday(unsigned month, unsigned weekday, int nth) {
  campaign::YearlyDay out;
  out.month = month;
  out.weekday = std::chrono::weekday{weekday};
  out.nth = nth;
  return out;
}

// 母の日: the 2nd Sunday of May, the window opening 14 days before.
campaign::Yearly mothers_day() {
  campaign::Yearly out;
  out.day = nth_weekday(5, 0, 2);
  out.before = 14;
  return out;
}

campaign::Yearly from_until(campaign::YearlyDay from, campaign::YearlyDay until) {
  campaign::Yearly out;
  out.day = from;
  out.until = until;
  return out;
}

campaign::Campaign yearly_campaign(const campaign::Yearly& yearly) {
  campaign::Campaign c;
  c.name = "oseibo";
  c.kind = campaign::Kind::marketing;
  campaign::Schedule schedule;
  schedule.yearly = yearly;
  c.schedule = schedule;
  return c;
}

}  // namespace

TEST_CASE("yearly: 母の日, the 2nd Sunday of May, 2020 to 2030", "[campaign]") {
  const std::vector<year_month_day> known{ymd(2020, 5, 10), ymd(2021, 5, 9),  ymd(2022, 5, 8),
                                          ymd(2023, 5, 14), ymd(2024, 5, 12), ymd(2025, 5, 11),
                                          ymd(2026, 5, 10), ymd(2027, 5, 9),  ymd(2028, 5, 14),
                                          ymd(2029, 5, 13), ymd(2030, 5, 12)};
  for (const year_month_day& day : known) {
    INFO(static_cast<int>(day.year()));
    CHECK(campaign::day_in(nth_weekday(5, 0, 2), day.year()) == day);
    const auto window = campaign::window_in(mothers_day(), day.year());
    REQUIRE(window);
    CHECK(window->last == day);
    CHECK(std::chrono::sys_days{window->first} ==
          std::chrono::sys_days{day} - std::chrono::days{14});
  }
}

TEST_CASE("yearly: a 5th weekday exists in some years only; `last` in every one", "[campaign]") {
  // May 2026 has five Sundays (the 31st), May 2028 four.
  CHECK(campaign::day_in(nth_weekday(5, 0, 5), year{2026}) == ymd(2026, 5, 31));
  CHECK_FALSE(campaign::day_in(nth_weekday(5, 0, 5), year{2028}));
  CHECK_FALSE(campaign::window_in({nth_weekday(5, 0, 5)}, year{2028}));
  CHECK(campaign::day_in(nth_weekday(5, 0, -1), year{2028}) == ymd(2028, 5, 28));
  // A schedule on it skips 2028 to 2031: after the window of 2027 comes that of 2032.
  const auto c = yearly_campaign({nth_weekday(5, 0, 5)});
  const campaign::Occurrence next = campaign::occurrence_at(c, k_tokyo, tokyo(2027, 6, 1));
  CHECK(next.name == "yearly-2032");
  CHECK(next.start == tokyo(2032, 5, 30));
}

TEST_CASE("yearly: 02-29 is 28 February in a year without it", "[campaign]") {
  CHECK(campaign::day_in(fixed(2, 29), year{2028}) == ymd(2028, 2, 29));
  CHECK(campaign::day_in(fixed(2, 29), year{2027}) == ymd(2027, 2, 28));
  CHECK(campaign::day_in(fixed(2, 29), year{2100}) == ymd(2100, 2, 28));  // not a leap year
  CHECK(campaign::day_in(fixed(2, 29), year{2000}) == ymd(2000, 2, 29));
  // As an end: 02-01 until 02-29 closes at the end of February either way.
  const auto february = from_until(fixed(2, 1), fixed(2, 29));
  CHECK(campaign::window_in(february, year{2027})->last == ymd(2027, 2, 28));
  CHECK(campaign::window_in(february, year{2028})->last == ymd(2028, 2, 29));
  // A window over the leap day counts it: 02-20 plus 10 days.
  campaign::Yearly after = {fixed(2, 20)};
  after.after = 10;
  CHECK(campaign::window_in(after, year{2027})->last == ymd(2027, 3, 2));
  CHECK(campaign::window_in(after, year{2028})->last == ymd(2028, 3, 1));
}

TEST_CASE("yearly: a window over the year's end belongs to the year it opens", "[campaign]") {
  const auto c = yearly_campaign(from_until(fixed(12, 20), fixed(1, 10)));
  const auto window = campaign::window_in(*c.schedule->yearly, year{2026});
  CHECK(window->first == ymd(2026, 12, 20));
  CHECK(window->last == ymd(2027, 1, 10));
  for (const core::Instant at : {tokyo(2026, 12, 20), tokyo(2026, 12, 31, 23), tokyo(2027, 1, 5),
                                 tokyo(2027, 1, 10, 23, 59)}) {
    const campaign::Occurrence o = campaign::occurrence_at(c, k_tokyo, at);
    CHECK(o.name == "yearly-2026");
    CHECK(o.start == tokyo(2026, 12, 20));
    CHECK(o.end == tokyo(2027, 1, 11));
  }
  // Closed: the next window is the one of 2027, from 20 December.
  const campaign::Occurrence next = campaign::occurrence_at(c, k_tokyo, tokyo(2027, 1, 11));
  CHECK(next.name == "yearly-2027");
  CHECK(next.start == tokyo(2027, 12, 20));
  // Before it opens: the window of this year, not yet begun.
  CHECK(campaign::occurrence_at(c, k_tokyo, tokyo(2026, 12, 19, 23)).start == tokyo(2026, 12, 20));
  // A 母の日 window that opens in the previous year's December would still be its year's:
  const auto early = yearly_campaign(from_until(fixed(1, 5), fixed(1, 6)));
  campaign::Yearly before = *early.schedule->yearly;
  before.before = 10;
  CHECK(campaign::window_in(before, year{2027})->first == ymd(2026, 12, 26));
  CHECK(campaign::occurrence_at(yearly_campaign(before), k_tokyo, tokyo(2026, 12, 28)).name ==
        "yearly-2027");
}

TEST_CASE("yearly: windows of a year or more are found", "[campaign]") {
  CHECK_FALSE(campaign::overlapping_year(mothers_day()));
  CHECK_FALSE(campaign::overlapping_year(from_until(fixed(12, 20), fixed(1, 10))));
  CHECK_FALSE(campaign::overlapping_year(from_until(fixed(12, 1), fixed(11, 30))));  // a year
  campaign::Yearly long_before = mothers_day();
  long_before.before = 365;
  CHECK(campaign::overlapping_year(long_before));
  // The 2nd Sunday moves: until 05-09 reaches the next year's 2nd Sunday when it is the 9th.
  CHECK(campaign::overlapping_year(from_until(nth_weekday(5, 0, 2), fixed(5, 9))));
}

TEST_CASE("yearly: describe", "[campaign]") {
  CHECK(campaign::describe(from_until(fixed(12, 1), fixed(12, 20))) == "yearly 12-01 to 12-20");
  CHECK(campaign::describe(mothers_day()) == "yearly 14d before 2nd sunday of May");
  campaign::Yearly after = {fixed(7, 1)};
  after.after = 14;
  CHECK(campaign::describe(after) == "yearly 07-01 to 14d after");
  CHECK(campaign::describe({nth_weekday(11, 4, -1)}) == "yearly last thursday of November");
}

TEST_CASE("bought_around: the same day a year earlier, plus and minus days", "[campaign]") {
  auto [from, until] = campaign::bought_around(tokyo(2026, 12, 1, 10), 30, k_tokyo);
  CHECK(from == tokyo(2025, 11, 1));
  CHECK(until == tokyo(2026, 1, 1));
  // 29 February's year earlier is 28 February.
  std::tie(from, until) = campaign::bought_around(tokyo(2028, 2, 29, 10), 30, k_tokyo);
  CHECK(from == tokyo(2027, 1, 29));
  CHECK(until == tokyo(2027, 3, 31));
  // A span over a leap day counts it as a day.
  std::tie(from, until) = campaign::bought_around(tokyo(2029, 3, 1, 9), 1, k_tokyo);
  CHECK(from == tokyo(2028, 2, 29));
  CHECK(until == tokyo(2028, 3, 3));
  // Over the year's end.
  std::tie(from, until) = campaign::bought_around(tokyo(2027, 1, 5), 10, k_tokyo);
  CHECK(from == tokyo(2025, 12, 26));
  CHECK(until == tokyo(2026, 1, 16));
}

namespace {

// Customers C1 and C2 in segment loyal, accepting marketing; the お歳暮 window 12-01..12-20.
campaign::PlanInput season_world() {
  campaign::PlanInput input;
  input.customers = {{"C1", "hanako@example.jp", true}, {"C2", "taro@example.jp", true}};
  input.segment_at = [](const std::string&, core::Instant) { return std::string("loyal"); };
  input.entered_at = [](const std::string&, core::Instant) -> std::optional<core::Instant> {
    return tokyo(2025, 1, 1);
  };
  input.zone = k_tokyo;
  input.campaigns = {yearly_campaign(from_until(fixed(12, 1), fixed(12, 20)))};
  input.starts["oseibo"] = campaign::CampaignStart{true, std::nullopt};
  return input;
}

}  // namespace

TEST_CASE("planner: a yearly window mails each member once a year", "[campaign]") {
  auto input = season_world();
  input.now = tokyo(2026, 11, 30, 12);
  CHECK(campaign::plan(input).candidates.empty());  // not open yet
  input.now = tokyo(2026, 12, 3, 12);
  auto plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 2);
  CHECK(plan.candidates[0].dedup_key == "oseibo:yearly-2026:customer:C1");
  CHECK(plan.candidates[0].due_at == tokyo(2026, 12, 1));
  CHECK(plan.candidates[0].outcome == Outcome::send);
  CHECK(plan.candidates[0].occurrence == "yearly-2026");
  for (const auto& c : plan.candidates) input.ledger.keys.insert(c.dedup_key);
  input.now = tokyo(2026, 12, 15, 12);
  CHECK(campaign::plan(input).candidates.empty());  // once in the window
  input.now = tokyo(2026, 12, 21, 0);
  CHECK(campaign::plan(input).candidates.empty());  // closed
  input.now = tokyo(2027, 12, 1, 10);
  plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 2);
  CHECK(plan.candidates[1].dedup_key == "oseibo:yearly-2027:customer:C2");
}

TEST_CASE("planner: a yearly window closes: quiet hours or a cooldown past it skip", "[campaign]") {
  auto input = season_world();
  input.quiet_hours = core::parse_time_of_day_range("21:00-09:00");
  input.now = tokyo(2026, 12, 20, 22);
  auto plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 2);
  CHECK(plan.candidates[0].outcome == Outcome::skip);
  CHECK(plan.candidates[0].reason == Reason::expired);
  // Earlier that evening it goes; a cooldown that ends after the window skips it.
  input.now = tokyo(2026, 12, 20, 20);
  input.ledger.last_marketing["C2"] = tokyo(2026, 12, 18, 12);
  plan = campaign::plan(input);
  CHECK(plan.candidates[0].outcome == Outcome::send);
  CHECK(plan.candidates[1].reason == Reason::cooldown);
  CHECK(plan.candidates[1].outcome == Outcome::skip);
}

TEST_CASE("planner: send.skip holds a yearly window's mail to the next open day", "[campaign]") {
  auto input = season_world();
  input.customers.pop_back();
  input.marketing_days = calendar::ShopDays(true, {}, {});  // the national holidays
  // Window 01-01..01-10: 元日 is a holiday, the mail waits for 2 January.
  input.campaigns = {yearly_campaign(from_until(fixed(1, 1), fixed(1, 10)))};
  input.now = tokyo(2027, 1, 1, 10);
  const auto plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 1);
  CHECK(plan.candidates[0].outcome == Outcome::later);
  CHECK(plan.candidates[0].reason == Reason::skip_day);
  CHECK(plan.candidates[0].send_at == tokyo(2027, 1, 2));
}

TEST_CASE("planner: bought_around keeps the customers who ordered around the date last year",
          "[campaign]") {
  auto input = season_world();
  input.campaigns.front().bought_around = 30;
  std::vector<std::pair<core::Instant, core::Instant>> asked;
  // C1 ordered on 2025-12-28 (within 30 days of 2025-12-01), C2 on 2025-06-01.
  input.ordered_between = [&](const std::string& customer, core::Instant from,
                              core::Instant until) {
    asked.emplace_back(from, until);
    const core::Instant at = customer == "C1" ? tokyo(2025, 12, 28) : tokyo(2025, 6, 1);
    return at >= from && at < until;
  };
  input.now = tokyo(2026, 12, 2, 10);
  const auto plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 1);
  CHECK(plan.candidates[0].customer == "C1");
  REQUIRE(!asked.empty());
  CHECK(asked.front() == std::pair(tokyo(2025, 11, 1), tokyo(2026, 1, 1)));
  // Without the facts, nobody.
  input.ordered_between = nullptr;
  CHECK(campaign::plan(input).candidates.empty());
}

TEST_CASE("planner: a customer who joins the audience during the window gets it then",
          "[campaign]") {
  auto input = season_world();
  input.customers.pop_back();
  input.campaigns.front().segments = {"loyal"};
  // C1 turns loyal on 10 December: not a member before, due from then.
  const core::Instant joined = tokyo(2026, 12, 10, 15);
  input.segment_at = [&](const std::string&, core::Instant at) -> std::optional<std::string> {
    return at >= joined ? std::optional<std::string>("loyal") : std::string("new");
  };
  input.entered_at = [&](const std::string&, core::Instant) -> std::optional<core::Instant> {
    return joined;
  };
  input.now = tokyo(2026, 12, 5, 12);
  CHECK(campaign::plan(input).candidates.empty());
  input.now = tokyo(2026, 12, 11, 12);
  const auto plan = campaign::plan(input);
  REQUIRE(plan.candidates.size() == 1);
  CHECK(plan.candidates[0].due_at == joined);
  CHECK(plan.candidates[0].outcome == Outcome::send);
}
