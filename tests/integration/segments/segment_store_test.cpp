#include <catch2/catch.hpp>

#include "segment_shop.hpp"
#include "tsuikyaku/store/segments.hpp"

using namespace tsuikyaku;
using testing::utc;

namespace {

const core::Instant k_as_of = utc(2026, 11, 18);

}  // namespace

TEST_CASE("segments: only paid and pending orders placed by the as-of count", "[segments]") {
  testing::SegmentShop shop;
  const auto hanako = shop.customer("hanako");
  shop.order(hanako, utc(2026, 10, 1), 5000);
  shop.order(hanako, utc(2026, 10, 2), 3000, "pending");
  shop.order(hanako, utc(2026, 10, 3), 90000, "cancelled");
  shop.order(hanako, utc(2026, 10, 4), 90000, "Refunded");  // any letter case
  shop.order(hanako, utc(2026, 10, 5), 90000, "voided");
  shop.order(hanako, utc(2026, 10, 6), 90000, "canceled");
  shop.order(hanako, k_as_of, 1000);                             // at the as-of: counts
  shop.order(hanako, k_as_of + std::chrono::seconds{1}, 90000);  // after: does not

  const auto activity = store::load_activity(shop.db(), k_as_of);
  REQUIRE(activity.size() == 1);
  CHECK(activity[0].customer_id == hanako);
  CHECK(activity[0].customer_key == "hanako");
  CHECK(activity[0].frequency == 3);
  CHECK(activity[0].monetary == 9000);
  CHECK(activity[0].last_order_at == k_as_of);
}

TEST_CASE("segments: customers without a qualifying order are in no segment and not in N",
          "[segments]") {
  testing::SegmentShop shop;
  const auto a = shop.customer("a");
  const auto b = shop.customer("b");
  const auto cancelled = shop.customer("c");
  shop.customer("no-orders");
  const auto later = shop.customer("later");
  shop.order(a, utc(2026, 11, 1), 1000);
  shop.order(b, utc(2026, 11, 1), 2000);
  shop.order(cancelled, utc(2026, 11, 1), 9000, "cancelled");
  shop.order(later, utc(2026, 12, 1), 9000);

  const auto activity = store::load_activity(shop.db(), k_as_of);
  REQUIRE(activity.size() == 2);
  const auto seg = segment::segment_customers(activity, k_as_of, segment::Scoring::percentile,
                                              segment::default_rules());
  // N = 2 (not 5): b's monetary has L = 1, so m = min(5, 1 + floor(5 × 1 / 1)) = 5.
  CHECK(seg.rfm[0].m == 1);
  CHECK(seg.rfm[1].m == 5);
}

TEST_CASE("segments: activity comes in customer_key byte order", "[segments]") {
  testing::SegmentShop shop;
  for (const char* key : {"b@example.com", "A@example.com", "a@example.com", "12346", "abcdefgh2",
                          "abcdefgh10", "山田"}) {
    shop.order(shop.customer(key), utc(2026, 11, 1), 1000);
  }
  std::vector<std::string> keys;
  for (const auto& customer : store::load_activity(shop.db(), k_as_of)) {
    keys.push_back(customer.customer_key);
  }
  CHECK(keys == std::vector<std::string>{"12346", "A@example.com", "a@example.com", "abcdefgh10",
                                         "abcdefgh2", "b@example.com", "山田"});
}

TEST_CASE("segments: contacts come with each customer, in key order, empty when unknown",
          "[segments]") {
  testing::SegmentShop shop;
  // Created in the reverse of key order, so that row order and key order differ.
  const auto z = shop.customer("z", {"z@example.com", "", "", "", ""});
  const auto idle = shop.customer("m", {"m@example.com", "Idle", "", "", ""});
  const auto a = shop.customer(
      "a", {"a@example.com", "山田 花子", "150-0001", "東京都渋谷区", "03-1234-5678"});
  shop.order(z, utc(2026, 11, 1), 1000);
  shop.order(a, utc(2026, 11, 2), 1000);
  shop.order(idle, utc(2026, 11, 3), 1000, "cancelled");
  store::ContactBook contacts;
  const auto activity = store::load_activity(shop.db(), k_as_of, &contacts);
  REQUIRE(activity.size() == 2);
  REQUIRE(contacts.size() == 2);
  CHECK(activity[0].customer_key == "a");
  CHECK(contacts[0].email == "a@example.com");
  CHECK(contacts[0].name == "山田 花子");
  CHECK(contacts[0].postal_code == "150-0001");
  CHECK(contacts[0].address == "東京都渋谷区");
  CHECK(contacts[0].phone == "03-1234-5678");
  CHECK(activity[1].customer_key == "z");
  CHECK(contacts[1].email == "z@example.com");
  CHECK(contacts[1].name.empty());
  CHECK(contacts[1].phone.empty());

  const std::vector<std::uint32_t> reversed{1, 0};
  contacts.select(reversed);
  CHECK(contacts[0].email == "z@example.com");
  CHECK(contacts[1].address == "東京都渋谷区");
}

TEST_CASE("segments: a stored run reads back with its as-of, rules and members", "[segments]") {
  testing::SegmentShop shop;
  const auto a = shop.customer("a");
  const auto b = shop.customer("b");
  shop.order(a, utc(2026, 1, 1), 1000);
  shop.order(b, utc(2026, 11, 1), 2000);
  shop.order(b, utc(2026, 11, 2), 2000);
  const auto rules = segment::default_rules();
  const auto activity = store::load_activity(shop.db(), k_as_of);
  const auto seg = segment::segment_customers(activity, k_as_of, segment::Scoring::quintile, rules);
  store::SegmentRun run;
  run.as_of = k_as_of;
  run.computed_at = k_as_of + std::chrono::hours{1};
  run.scoring = segment::Scoring::quintile;
  run.rules = {"dormant", "loyal", "repeat", "new"};
  const auto id = store::save_segment_run(shop.db(), run, activity, seg, k_as_of,
                                          k_as_of + std::chrono::hours{24});

  const auto runs = store::list_segment_runs(shop.db());
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].id == id);
  CHECK(runs[0].as_of == k_as_of);
  CHECK(runs[0].computed_at == k_as_of + std::chrono::hours{1});
  CHECK(runs[0].scoring == segment::Scoring::quintile);
  CHECK(runs[0].rules == run.rules);

  const auto stored = store::load_segment_run(shop.db(), id);
  REQUIRE(stored);
  CHECK(stored->customer_ids == std::vector<std::int64_t>{a, b});
  const auto& names = stored->segmentation.names;
  CHECK(names[stored->segmentation.segment[0]] == "dormant");
  CHECK(names[stored->segmentation.segment[1]] == "repeat");
  CHECK(stored->segmentation.rfm[1].frequency == 2);
  CHECK(stored->segmentation.rfm[1].monetary == 4000);
  CHECK(stored->segmentation.rfm[1].recency_days == 16);
  CHECK(stored->segmentation.rfm[1].code() == seg.rfm[1].code());
  CHECK_FALSE(store::load_segment_run(shop.db(), id + 1));
}

TEST_CASE("segments: a run replaces the runs in its window and moves are counted", "[segments]") {
  testing::SegmentShop shop;
  const auto a = shop.customer("a");
  const auto b = shop.customer("b");
  const auto c = shop.customer("c");
  shop.order(a, utc(2026, 8, 15), 1000);  // 78 days before Nov 1, 95 before Nov 18
  shop.order(b, utc(2026, 11, 10), 1000);
  const auto rules = segment::default_rules();
  const auto save = [&](core::Instant as_of) {
    const auto activity = store::load_activity(shop.db(), as_of);
    const auto seg =
        segment::segment_customers(activity, as_of, segment::Scoring::percentile, rules);
    store::SegmentRun run;
    run.as_of = as_of;
    run.computed_at = as_of;
    run.rules = {"dormant", "loyal", "repeat", "new"};
    return store::save_segment_run(shop.db(), run, activity, seg, as_of - std::chrono::hours{1},
                                   as_of + std::chrono::hours{1});
  };
  const auto first = save(utc(2026, 11, 1));
  save(utc(2026, 11, 18));  // replaced by the next one
  shop.order(b, utc(2026, 11, 18), 1000);
  shop.order(c, utc(2026, 11, 18), 1000);
  const auto last = save(utc(2026, 11, 18));
  const auto runs = store::list_segment_runs(shop.db());
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].id == first);
  CHECK(runs[1].id == last);

  // a: new -> dormant; b: none -> repeat (its first order was after Nov 1); c: none -> new.
  const auto moves = store::segment_moves(shop.db(), first, last);
  REQUIRE(moves.size() == 3);
  CHECK_FALSE(moves[0].from.has_value());
  CHECK(moves[0].to == "new");
  CHECK(moves[0].customers == 1);
  CHECK_FALSE(moves[1].from.has_value());
  CHECK(moves[1].to == "repeat");
  CHECK(moves[2].from == "new");
  CHECK(moves[2].to == "dormant");
  SQLite::Statement rows(shop.db().handle(), "SELECT count(*) FROM customer_segments");
  REQUIRE(rows.executeStep());
  CHECK(rows.getColumn(0).getInt() == 4);  // 1 + 3: the replaced run's rows went with it
}
