#include "tsuikyaku/segment/activity.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;

TEST_CASE("activity: cancelled, refunded and voided orders do not count", "[segment]") {
  for (const char* status : {"cancelled", "Canceled", "REFUNDED", "voided"}) {
    CHECK_FALSE(segment::is_counted_status(status));
  }
  for (const char* status : {"paid", "pending", "", "fulfilled", "cancelled "}) {
    CHECK(segment::is_counted_status(status));
  }
}

TEST_CASE("activity: a tally of counted orders in any order", "[segment]") {
  segment::ActivityTally tally;
  CHECK(tally.empty());
  tally.add(2000, 1500);
  tally.add(1000, 500);
  tally.add(1500, 0);
  REQUIRE_FALSE(tally.empty());
  const segment::Activity activity = tally.activity(7, "C-7");
  CHECK(activity.customer_id == 7);
  CHECK(activity.customer_key == "C-7");
  CHECK(activity.frequency == 3);
  CHECK(activity.monetary == 2000);
  CHECK(activity.last_order_at == core::from_unix(2000));
}
