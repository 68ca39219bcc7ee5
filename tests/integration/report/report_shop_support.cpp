#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include "report_shop.hpp"
#include "support.hpp"

namespace tsuikyaku::testing {

core::Instant ReportShop::at(std::string_view local) const {
  const auto parsed = core::parse_datetime(local);
  REQUIRE(parsed);
  return core::resolve(*parsed, m_zone);
}

std::int64_t ReportShop::customer(std::string_view key) {
  SQLite::Statement insert(m_db.handle(),
                           "INSERT INTO customers (customer_key, match_key, email, name, "
                           "profile_at, created_at, updated_at) VALUES (?1, ?1, ?2, ?1, 0, 0, 0)");
  insert.bind(1, std::string(key));
  insert.bind(2, std::string(key) + "@example.com");
  insert.exec();
  return m_db.handle().getLastInsertRowid();
}

std::int64_t ReportShop::order(std::int64_t customer_id, std::string_view key,
                               std::string_view local, std::int64_t total_minor,
                               std::string_view status, std::string_view discount_code) {
  SQLite::Statement insert(m_db.handle(),
                           "INSERT INTO orders (order_key, customer_id, ordered_at, total_minor, "
                           "currency, status, discount_code, created_at, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, 'JPY', ?5, ?6, 0, 0)");
  insert.bind(1, std::string(key));
  insert.bind(2, customer_id);
  insert.bind(3, core::to_unix(at(local)));
  insert.bind(4, total_minor);
  insert.bind(5, std::string(status));
  if (!discount_code.empty()) insert.bind(6, std::string(discount_code));
  insert.exec();
  return m_db.handle().getLastInsertRowid();
}

std::int64_t ReportShop::segment_run(std::string_view local_as_of, std::string_view rules) {
  SQLite::Statement insert(m_db.handle(),
                           "INSERT INTO segment_runs (as_of, computed_at, scoring, rules) "
                           "VALUES (?1, ?1, 'percentile', ?2)");
  insert.bind(1, core::to_unix(at(local_as_of)));
  insert.bind(2, std::string(rules));
  insert.exec();
  return m_db.handle().getLastInsertRowid();
}

void ReportShop::member(std::int64_t run_id, std::int64_t customer_id, std::string_view segment,
                        std::int64_t frequency, std::int64_t monetary_minor) {
  SQLite::Statement insert(m_db.handle(),
                           "INSERT INTO customer_segments (run_id, customer_id, segment, "
                           "recency_days, frequency, monetary_minor, r, f, m) "
                           "VALUES (?1, ?2, ?3, 0, ?4, ?5, 3, 3, 3)");
  insert.bind(1, run_id);
  insert.bind(2, customer_id);
  insert.bind(3, std::string(segment));
  insert.bind(4, frequency);
  insert.bind(5, monetary_minor);
  insert.exec();
}

void ReportShop::message(std::string_view campaign, std::int64_t customer_id,
                         std::string_view local_sent, std::string_view state,
                         std::string_view coupon_code) {
  SQLite::Statement insert(m_db.handle(),
                           "INSERT INTO messages (dedup_key, campaign, kind, customer_id, state, "
                           "due_at, next_attempt_at, coupon_code, created_at, updated_at, "
                           "sent_at) VALUES (?1, ?2, 'marketing', ?3, ?4, ?5, ?5, ?6, ?5, ?5, ?7)");
  const std::int64_t when = core::to_unix(at(local_sent));
  insert.bind(1, "m" + std::to_string(++m_messages));
  insert.bind(2, std::string(campaign));
  insert.bind(3, customer_id);
  insert.bind(4, std::string(state));
  insert.bind(5, when);
  if (!coupon_code.empty()) insert.bind(6, std::string(coupon_code));
  if (state == "sent") insert.bind(7, when);
  insert.exec();
}

void fill_example_shop(ReportShop& shop) {
  const std::int64_t a = shop.customer("A");
  const std::int64_t b = shop.customer("B");
  const std::int64_t c = shop.customer("C");
  const std::int64_t d = shop.customer("D");
  const std::int64_t e = shop.customer("E");
  shop.order(a, "A1", "2026-01-10 10:00", 1000);
  shop.order(a, "A2", "2026-01-25 10:00", 2000);
  shop.order(a, "A3", "2026-03-05 10:00", 3000, "paid", "loyal-1");
  shop.order(b, "B1", "2026-02-01 00:30", 500);  // still January in UTC
  shop.order(b, "B2", "2026-04-15 10:00", 700);
  shop.order(c, "C1", "2026-02-10 10:00", 4000);
  shop.order(c, "C2", "2026-02-12 10:00", 999, "cancelled", "LOYAL-3");
  shop.order(c, "C3", "2026-02-13 10:00", 888, "Refunded");
  shop.order(c, "C4", "2026-02-14 10:00", 777, "voided");
  shop.order(d, "D1", "2026-03-20 10:00", 1500, "paid", "LOYAL-3");
  shop.order(e, "E1", "2026-12-01 10:00", 9000);  // after the as-of

  const std::int64_t run1 = shop.segment_run("2026-02-15", "dormant,loyal,repeat,new");
  shop.member(run1, a, "repeat", 2, 3000);
  shop.member(run1, b, "new", 1, 500);
  shop.member(run1, c, "new", 1, 4000);
  const std::int64_t run2 = shop.segment_run("2026-04-01", "dormant,loyal,repeat,new");
  shop.member(run2, a, "loyal", 3, 6000);
  shop.member(run2, b, "new", 1, 500);
  shop.member(run2, c, "new", 1, 4000);
  shop.member(run2, d, "new", 1, 1500);
  const std::int64_t run3 = shop.segment_run("2026-05-20", "dormant,loyal,repeat,new");
  shop.member(run3, a, "dormant", 3, 6000);
  shop.member(run3, b, "repeat", 2, 1200);
  shop.member(run3, c, "new", 1, 4000);
  shop.member(run3, d, "new", 1, 1500);

  shop.message("check-in", a, "2026-01-20 10:00");  // A2 five days later
  shop.message("check-in", b, "2026-02-05 10:00");  // B2 69 days later: too late
  shop.message("check-in", c, "2026-02-11 10:00", "failed");
  shop.message("check-in", d, "2026-03-21 10:00", "queued");
  shop.message("loyal-thanks", a, "2026-02-25 10:00", "sent", "LOYAL-1");
  shop.message("loyal-thanks", a, "2026-03-01 10:00", "sent", "LOYAL-2");  // A3 counted once
  shop.message("loyal-thanks", c, "2026-02-11 10:00", "sent", "LOYAL-3");  // C2 cancelled
  shop.message("winback", b, "2026-04-01 10:00");     // B2 exactly 14 days later: counts
  shop.message("winback", d, "2026-03-06 09:59:59");  // D1 14 days and 1 s later: not
  shop.message("winback", c, "2026-06-02 10:00");     // after the as-of
}

void write_example_config(const std::filesystem::path& dir, std::string_view shop_name) {
  write_file(dir / "tsuikyaku.yaml",
             std::string("shop:\n  name: \"") + std::string(shop_name) +
                 "\"\n  from: \"Shop <shop@example.com>\"\n  timezone: Asia/Tokyo\n"
                 "  currency: JPY\n");
}

}  // namespace tsuikyaku::testing
