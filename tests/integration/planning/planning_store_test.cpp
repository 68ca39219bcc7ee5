#include <catch2/catch.hpp>

#include "planning/planning_fixture.hpp"
#include "tsuikyaku/store/ledger_queue.hpp"
#include "tsuikyaku/store/planning.hpp"

// The store side of planning on a real SQLite file: bounded reads, idempotent writes.

using namespace tsuikyaku;
using Catch::Matchers::Equals;
using testing::tokyo;

namespace {

store::NewMessage message(std::string key, std::int64_t customer, std::string reason = "") {
  store::NewMessage m;
  m.dedup_key = std::move(key);
  m.campaign = m.dedup_key.substr(0, m.dedup_key.find(':'));
  m.kind = campaign::Kind::marketing;
  m.customer_id = customer;
  m.due_at = tokyo(11, 18, 9);
  m.send_at = tokyo(11, 18, 10);
  m.skip_reason = std::move(reason);
  return m;
}

std::vector<std::string> order_ids(const std::vector<store::PlanningOrder>& orders) {
  std::vector<std::string> out;
  for (const auto& order : orders) out.push_back(order.facts.id);
  return out;
}

}  // namespace

TEST_CASE("planning store: orders are read by the windows of their event times", "[planning]") {
  testing::PlanningShop shop;
  const auto c = shop.customer("C", "c@example.com");
  testing::OrderSpec shipped_early{"early", c, tokyo(10, 1, 10)};
  shipped_early.shipped_at = tokyo(11, 10, 10);
  shop.order(shipped_early);
  shop.order({"old", c, tokyo(10, 1, 10)});
  shop.order({"new", c, tokyo(11, 17, 10)});
  testing::OrderSpec both{"both", c, tokyo(11, 16, 10)};
  both.shipped_at = tokyo(11, 17, 10);
  shop.order(both);

  const std::vector<store::EventWindow> windows{
      {campaign::Event::ordered, tokyo(11, 15), tokyo(11, 18)},
      {campaign::Event::shipped, tokyo(11, 10), tokyo(11, 18)}};
  const auto orders = store::load_orders_in_windows(shop.db(), windows);
  CHECK_THAT(order_ids(orders), Equals(std::vector<std::string>{"early", "new", "both"}));
  CHECK(orders[0].facts.customer == "C");
  CHECK(orders[0].facts.shipped_at == tokyo(11, 10, 10));
  CHECK_FALSE(orders[0].facts.delivered_at.has_value());
  CHECK(store::load_orders_in_windows(shop.db(), {}).empty());
}

TEST_CASE("planning store: ledger keys by order and by a schedule's occurrences", "[planning]") {
  testing::PlanningShop shop;
  const auto c = shop.customer("C", "c@example.com");
  const auto order = shop.order({"1", c, tokyo(11, 17, 10)});
  auto with_order = message("thank-you:order:1", c);
  with_order.order_id = order;
  REQUIRE(store::insert_message(shop.db(), with_order, tokyo(11, 18, 10)));
  for (const char* key :
       {"winback:every-2026-03-08:customer:C", "winback:every-2026-09-04:customer:C",
        "winback-2:every-2026-09-04:customer:C", "winback:on-2026-12-20:customer:C"}) {
    REQUIRE(store::insert_message(shop.db(), message(key, c), tokyo(11, 18, 10)));
  }
  CHECK_THAT(store::dedup_keys_of_orders(shop.db(), std::vector<std::int64_t>{order}),
             Equals(std::vector<std::string>{"thank-you:order:1"}));
  const auto keys =
      store::dedup_keys_between(shop.db(), "winback:every-2026-09-04", "winback:every.");
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].key == "winback:every-2026-09-04:customer:C");
  CHECK(keys[0].customer_id == c);
}

TEST_CASE("planning store: a message goes into the ledger once", "[planning]") {
  testing::PlanningShop shop;
  const auto c = shop.customer("C", "c@example.com");
  const auto id = store::insert_message(shop.db(), message("review:order:1", c), tokyo(11, 18, 10));
  REQUIRE(id);
  CHECK_FALSE(
      store::insert_message(shop.db(), message("review:order:1", c, "expired"), tokyo(11, 18, 11)));
  CHECK_THAT(shop.rows("SELECT id, state, skip_reason FROM messages"),
             Equals(std::vector<std::string>{std::to_string(*id) + "|queued|-"}));
  CHECK(store::last_planned_at(shop.db(), tokyo(11, 19)) == tokyo(11, 18, 10));
  CHECK_FALSE(store::last_planned_at(shop.db(), tokyo(11, 18, 9)).has_value());
}

TEST_CASE(
    "planning store: cooldowns count what went out or is on its way, not skips or "
    "failures",
    "[planning]") {
  testing::PlanningShop shop;
  const auto c = shop.customer("C", "c@example.com");
  int n = 0;
  for (const char* state :
       {"queued", "sending", "sent", "deferred", "failed", "skipped", "unknown"}) {
    REQUIRE(store::insert_message(shop.db(), message("m" + std::to_string(++n) + ":x", c),
                                  tokyo(11, 18, 10)));
    shop.exec(std::string("UPDATE messages SET state = '") + state +
              "' WHERE id = " + std::to_string(n));
  }
  shop.exec("UPDATE messages SET sent_at = next_attempt_at - 86400 WHERE id = 3");
  std::vector<std::string> seen;
  for (const auto& m : store::load_recent_messages(shop.db(), tokyo(11, 18))) {
    seen.push_back(m.campaign);
  }
  CHECK_THAT(seen, Equals(std::vector<std::string>{"m1", "m2", "m4", "m7"}));
  CHECK(store::load_recent_messages(shop.db(), tokyo(11, 17)).size() ==
        5);  // m3, sent a day earlier
}

TEST_CASE("planning store: a coupon pool follows its file, and a given code stays given",
          "[planning]") {
  testing::PlanningShop shop;
  const auto c = shop.customer("C", "c@example.com");
  const std::string pool = "coupons/loyal.csv";
  store::sync_coupon_pool(shop.db(), pool, std::vector<std::string>{"X1", "X2", "X3"});
  store::sync_coupon_pool(shop.db(), pool, std::vector<std::string>{"X1", "X2", "X3"});
  CHECK(shop.scalar("SELECT count(*) FROM coupons") == 3);

  const auto id = store::insert_message(shop.db(), message("loyal:x", c), tokyo(11, 18, 10));
  REQUIRE(id);
  CHECK(store::assign_coupon(shop.db(), pool, *id, tokyo(11, 18, 10)) == "X1");
  CHECK_THAT(shop.rows("SELECT coupon_code FROM messages"), Equals(std::vector<std::string>{"X1"}));

  // X3 left the file while free: gone. X1 left it after it was given: it stays given.
  store::sync_coupon_pool(shop.db(), pool, std::vector<std::string>{"X2", "X4"});
  std::vector<std::string> codes;
  for (const auto& code : store::load_coupon_pool(shop.db(), pool)) {
    codes.push_back(code.code + (code.assigned ? "*" : ""));
  }
  CHECK_THAT(codes, Equals(std::vector<std::string>{"X1*", "X2", "X4"}));
  CHECK(store::load_coupon_pool(shop.db(), "coupons/other.csv").empty());
}
