#include "tsuikyaku/calendar/shop_days.hpp"

#include <catch2/catch.hpp>

#include "tsuikyaku/campaign/business_days.hpp"

using namespace tsuikyaku;
using calendar::DateSpan;
using calendar::ShopDays;
using std::chrono::year_month_day;

namespace {

year_month_day ymd(int y, unsigned m, unsigned d) {
  return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

// A Japanese shop closed on Sundays and over 年末年始 every year, keeping the holidays.
ShopDays japanese_shop() {
  std::array<bool, 7> weekdays{};
  weekdays[0] = true;  // sunday
  return ShopDays(true, {DateSpan{ymd(2000, 12, 29), ymd(2000, 1, 3), true, "12-29..01-03"}},
                  weekdays);
}

const core::TimeZone k_tokyo = *core::TimeZone::find("Asia/Tokyo");

core::Instant tokyo(int y, int m, int d, int hour, int minute = 0) {
  return k_tokyo.to_instant(*core::make_local(y, m, d, hour, minute));
}

}  // namespace

TEST_CASE("shop days: a yearly span wraps over the year's end; a dated one does not",
          "[calendar]") {
  const DateSpan yearly{ymd(2000, 12, 29), ymd(2000, 1, 3), true, "12-29..01-03"};
  CHECK(yearly.contains(ymd(2026, 12, 29)));
  CHECK(yearly.contains(ymd(2026, 12, 31)));
  CHECK(yearly.contains(ymd(2031, 1, 3)));
  CHECK_FALSE(yearly.contains(ymd(2026, 12, 28)));
  CHECK_FALSE(yearly.contains(ymd(2027, 1, 4)));
  const DateSpan obon{ymd(2026, 8, 13), ymd(2026, 8, 16), false, "2026-08-13..2026-08-16"};
  CHECK(obon.contains(ymd(2026, 8, 13)));
  CHECK(obon.contains(ymd(2026, 8, 16)));
  CHECK_FALSE(obon.contains(ymd(2027, 8, 14)));
  CHECK_FALSE(obon.contains(ymd(2026, 8, 17)));
}

TEST_CASE("shop days: open is neither a kept holiday nor closed, and says why", "[calendar]") {
  const ShopDays shop = japanese_shop();
  CHECK(shop.open(ymd(2026, 12, 28)));                     // Monday
  CHECK_FALSE(shop.open(ymd(2026, 12, 27)));               // Sunday
  CHECK(shop.closure(ymd(2026, 12, 27)) == "sunday");      //
  CHECK(shop.closure(ymd(2027, 1, 2)) == "12-29..01-03");  // Saturday in the span
  CHECK_FALSE(shop.open(ymd(2026, 4, 29)));                // 昭和の日
  CHECK(shop.holiday(ymd(2026, 4, 29)) == "昭和の日");
  CHECK_FALSE(shop.closure(ymd(2026, 4, 29)).has_value());
  const ShopDays london(false, {}, {});
  CHECK(london.open(ymd(2026, 4, 29)));
  CHECK_FALSE(london.holiday(ymd(2026, 4, 29)).has_value());
}

TEST_CASE("shop days: business days skip 年末年始, Sundays and the holidays", "[calendar]") {
  const ShopDays shop = japanese_shop();
  // Friday 25 December: Sat 26 (1), Sun closed, Mon 28 (2), 29–3 closed, Mon 4 (3).
  CHECK(shop.add_business_days(ymd(2026, 12, 25), 1) == ymd(2026, 12, 26));
  CHECK(shop.add_business_days(ymd(2026, 12, 25), 2) == ymd(2026, 12, 28));
  CHECK(shop.add_business_days(ymd(2026, 12, 25), 3) == ymd(2027, 1, 4));
  // 2027: 1 Jan is 元日 and in the span; 成人の日 is Monday 11 January.
  CHECK(shop.add_business_days(ymd(2027, 1, 9), 1) == ymd(2027, 1, 12));
  // Golden Week 2026: 29 April, 3–6 May (6 May the 振替休日 of 3 May, a Sunday).
  CHECK(shop.add_business_days(ymd(2026, 4, 28), 1) == ymd(2026, 4, 30));
  CHECK(shop.add_business_days(ymd(2026, 4, 28), 2) == ymd(2026, 5, 1));
  CHECK(shop.add_business_days(ymd(2026, 4, 28), 3) == ymd(2026, 5, 2));
  CHECK(shop.add_business_days(ymd(2026, 4, 28), 4) == ymd(2026, 5, 7));
  // From a closed day, counting starts the day after.
  CHECK(shop.add_business_days(ymd(2026, 5, 3), 1) == ymd(2026, 5, 7));
  CHECK(shop.next_open(ymd(2026, 5, 3)) == ymd(2026, 5, 7));
  CHECK(shop.next_open(ymd(2026, 5, 7)) == ymd(2026, 5, 7));
  // Read back: the earliest event date that can fall due on 4 January with 3bd.
  CHECK(shop.earliest_event_for(ymd(2027, 1, 4), 3) == ymd(2026, 12, 25));
  CHECK(shop.earliest_event_for(ymd(2026, 5, 7), 4) == ymd(2026, 4, 28));
}

TEST_CASE("business days: a delay in open days keeps the event's time of day", "[calendar]") {
  const ShopDays shop = japanese_shop();
  campaign::Trigger trigger;
  trigger.business_days = 3;
  CHECK(campaign::due_after(trigger, tokyo(2026, 12, 25, 16), shop, k_tokyo) ==
        tokyo(2027, 1, 4, 16));
  trigger.business_days = 0;
  trigger.delay = std::chrono::days{3};
  CHECK(campaign::due_after(trigger, tokyo(2026, 12, 25, 16), shop, k_tokyo) ==
        tokyo(2026, 12, 28, 16));
  // The events read for due moments from 4 January 00:00: from 25 December 00:00.
  trigger.business_days = 3;
  const auto [first, last] = campaign::events_due_between(trigger, tokyo(2027, 1, 4, 0),
                                                          tokyo(2027, 1, 4, 12), shop, k_tokyo);
  CHECK(first == tokyo(2026, 12, 25, 0));
  CHECK(last == tokyo(2027, 1, 1, 13));
}

TEST_CASE("send.skip: the next open moment, and where held mail began", "[calendar]") {
  const ShopDays shop = japanese_shop();
  CHECK(campaign::next_open_moment(tokyo(2027, 1, 1, 10), shop, k_tokyo) == tokyo(2027, 1, 4, 0));
  CHECK(campaign::next_open_moment(tokyo(2027, 1, 4, 10), shop, k_tokyo) == tokyo(2027, 1, 4, 10));
  // On the first open day after 年末年始, mail held since 29 December is still to plan.
  CHECK(campaign::held_since(tokyo(2027, 1, 4, 9), shop, k_tokyo) == tokyo(2026, 12, 29, 0));
  CHECK(campaign::held_since(tokyo(2027, 1, 1, 9), shop, k_tokyo) == tokyo(2026, 12, 29, 0));
  // Tuesday after an open Monday: nothing was held.
  CHECK(campaign::held_since(tokyo(2027, 1, 5, 9), shop, k_tokyo) == tokyo(2027, 1, 5, 9));
}
