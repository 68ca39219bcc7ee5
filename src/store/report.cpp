#include "tsuikyaku/store/report.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "counted_orders.hpp"
#include "tsuikyaku/core/strings.hpp"

// The report's SQL (SPEC §9). Every read aggregates or streams the rows once; the
// indexes it leans on are in database_schema.cpp: orders_customer for attribution,
// orders_discount_code for coupons, the customer_segments primary key for movement.

namespace tsuikyaku::store {
namespace {

// Orders that count for every figure (SPEC §5), as a condition on an orders row `o`.
const std::string k_counted = counted_order_condition("o");

// A statement whose text says {counted} where the condition goes.
SQLite::Statement prepare(Database& db, std::string_view sql) {
  return SQLite::Statement(db.handle(),
                           fmt::format(fmt::runtime(sql), fmt::arg("counted", k_counted)));
}

report::SegmentRun read_run(SQLite::Statement& query) {
  report::SegmentRun run;
  run.id = query.getColumn(0).getInt64();
  run.as_of = core::from_unix(query.getColumn(1).getInt64());
  run.scoring = query.getColumn(2).getString();
  const std::string rules = query.getColumn(3).getString();
  for (const std::string_view name : core::split(rules, ',')) {
    const std::string_view trimmed = core::trim(name);
    if (!trimmed.empty()) run.rules.emplace_back(trimmed);
  }
  return run;
}

std::optional<report::SegmentRun> find_run(Database& db, const char* sql, core::Instant at) {
  SQLite::Statement query(db.handle(), sql);
  query.bind(1, core::to_unix(at));
  if (!query.executeStep()) return std::nullopt;
  return read_run(query);
}

}  // namespace

ReportSnapshot::ReportSnapshot(Database& db) : m_db(db) {
  // Whole tables are read: through memory-mapped pages SQLite skips a copy per page, a
  // third of the time of a scan of a million orders.
  m_db.handle().exec("PRAGMA mmap_size = 1073741824");
  m_db.handle().exec("BEGIN");
}

ReportSnapshot::~ReportSnapshot() {
  try {
    m_db.handle().exec("ROLLBACK");
  } catch (const SQLite::Exception&) {
    // Nothing was written; the connection ends with the command.
  }
}

std::optional<report::SegmentRun> segment_run_at(Database& db, core::Instant at) {
  return find_run(db,
                  "SELECT id, as_of, scoring, rules FROM segment_runs WHERE as_of <= ?1 "
                  "ORDER BY as_of DESC, id DESC LIMIT 1",
                  at);
}

std::optional<report::SegmentRun> segment_run_before(Database& db, core::Instant before) {
  return find_run(db,
                  "SELECT id, as_of, scoring, rules FROM segment_runs WHERE as_of < ?1 "
                  "ORDER BY as_of DESC, id DESC LIMIT 1",
                  before);
}

std::vector<report::SegmentTally> segment_tallies(Database& db, std::int64_t run_id) {
  // Summed while reading the run once: faster than GROUP BY's sorter for a run of
  // hundreds of thousands of customers in a handful of segments.
  SQLite::Statement query(db.handle(),
                          "SELECT segment, frequency, monetary_minor FROM customer_segments "
                          "WHERE run_id = ?1");
  query.bind(1, run_id);
  std::vector<report::SegmentTally> tallies;
  while (query.executeStep()) {
    const std::string_view name = query.getColumn(0).getText();
    auto it = std::find_if(tallies.begin(), tallies.end(),
                           [&](const report::SegmentTally& tally) { return tally.name == name; });
    if (it == tallies.end()) it = tallies.insert(tallies.end(), {std::string(name), 0, 0, 0});
    ++it->customers;
    it->orders += query.getColumn(1).getInt64();
    it->revenue += query.getColumn(2).getInt64();
  }
  return tallies;
}

std::vector<report::OrderFact> counted_orders(Database& db, core::Instant as_of) {
  // `+o.ordered_at` keeps SQLite from walking the time index for a range that is
  // nearly the whole table: one scan of the table is faster than a lookup per row.
  SQLite::Statement query =
      prepare(db,
              "SELECT o.customer_id, o.ordered_at, o.total_minor FROM orders o "
              "WHERE +o.ordered_at <= ?1 AND {counted}");
  query.bind(1, core::to_unix(as_of));
  std::vector<report::OrderFact> orders;
  while (query.executeStep()) {
    orders.push_back({query.getColumn(0).getInt64(), core::from_unix(query.getColumn(1).getInt64()),
                      query.getColumn(2).getInt64()});
  }
  return orders;
}

namespace {

constexpr std::string_view k_sends_sql = R"sql(
  SELECT campaign, count(*), count(DISTINCT customer_id), count(coupon_code)
    FROM messages
   WHERE state = 'sent' AND sent_at <= ?1
   GROUP BY campaign)sql";

// Each (campaign, order) once, however many of the campaign's messages preceded it.
constexpr std::string_view k_attributed_sql = R"sql(
  SELECT campaign, count(DISTINCT customer_id), count(*), sum(total_minor)
    FROM (SELECT DISTINCT m.campaign, o.id, o.customer_id, o.total_minor
            FROM messages m
            JOIN orders o ON o.customer_id = m.customer_id
                         AND o.ordered_at > m.sent_at AND o.ordered_at <= m.sent_at + ?2
           WHERE m.state = 'sent' AND m.sent_at <= ?1 AND o.ordered_at <= ?1
             AND {counted})
   GROUP BY campaign)sql";

// Codes compare without regard to (ASCII) letter case, as shop platforms do. Each
// handed-out code finds its orders through the orders_discount_code index; `+` keeps the
// time conditions from choosing the time index instead.
constexpr std::string_view k_coupons_sql = R"sql(
  WITH codes AS (
    SELECT campaign, upper(coupon_code) AS code, min(sent_at) AS first_sent
      FROM messages
     WHERE state = 'sent' AND sent_at <= ?1 AND coupon_code IS NOT NULL
     GROUP BY campaign, upper(coupon_code))
  SELECT campaign, count(DISTINCT code), count(*), sum(total_minor)
    FROM (SELECT DISTINCT c.campaign, c.code, o.id, o.total_minor
            FROM codes c
            JOIN orders o ON upper(o.discount_code) = c.code AND +o.ordered_at >= c.first_sent
           WHERE o.discount_code IS NOT NULL AND +o.ordered_at <= ?1 AND {counted})
   GROUP BY campaign)sql";

}  // namespace

std::vector<report::CampaignTally> campaign_tallies(Database& db, core::Instant as_of,
                                                    std::chrono::seconds window) {
  std::map<std::string, report::CampaignTally> by_name;
  SQLite::Statement sends = prepare(db, k_sends_sql);
  sends.bind(1, core::to_unix(as_of));
  while (sends.executeStep()) {
    report::CampaignTally& tally = by_name[sends.getColumn(0).getString()];
    tally.name = sends.getColumn(0).getString();
    tally.messages_sent = sends.getColumn(1).getInt64();
    tally.recipients = sends.getColumn(2).getInt64();
    tally.coupons_sent = sends.getColumn(3).getInt64();
  }
  SQLite::Statement attributed = prepare(db, k_attributed_sql);
  attributed.bind(1, core::to_unix(as_of));
  attributed.bind(2, static_cast<std::int64_t>(window.count()));
  while (attributed.executeStep()) {
    report::CampaignTally& tally = by_name[attributed.getColumn(0).getString()];
    tally.customers_ordered = attributed.getColumn(1).getInt64();
    tally.orders = attributed.getColumn(2).getInt64();
    tally.revenue = attributed.getColumn(3).getInt64();
  }
  SQLite::Statement coupons = prepare(db, k_coupons_sql);
  coupons.bind(1, core::to_unix(as_of));
  while (coupons.executeStep()) {
    report::CampaignTally& tally = by_name[coupons.getColumn(0).getString()];
    tally.coupons_redeemed = coupons.getColumn(1).getInt64();
    tally.coupon_orders = coupons.getColumn(2).getInt64();
    tally.coupon_revenue = coupons.getColumn(3).getInt64();
  }
  std::vector<report::CampaignTally> tallies;
  for (auto& [name, tally] : by_name) tallies.push_back(std::move(tally));
  return tallies;
}

}  // namespace tsuikyaku::store
