#pragma once

// A small shop written straight into a real SQLite file with the real schema: the rows
// import, segments and send would write, so the report is tested without them.

#include <cstdint>
#include <string>
#include <string_view>

#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/store/database.hpp"

namespace tsuikyaku::testing {

class ReportShop {
 public:
  // zone reads the local times the other calls take ("2026-01-10 10:00").
  ReportShop(store::Database& db, core::TimeZone zone) : m_db(db), m_zone(zone) {}

  core::Instant at(std::string_view local) const;

  std::int64_t customer(std::string_view key);
  std::int64_t order(std::int64_t customer_id, std::string_view key, std::string_view local,
                     std::int64_t total_minor, std::string_view status = "paid",
                     std::string_view discount_code = "");
  std::int64_t segment_run(std::string_view local_as_of, std::string_view rules);
  void member(std::int64_t run_id, std::int64_t customer_id, std::string_view segment,
              std::int64_t frequency, std::int64_t monetary_minor);
  void message(std::string_view campaign, std::int64_t customer_id, std::string_view local_sent,
               std::string_view state = "sent", std::string_view coupon_code = "");

 private:
  store::Database& m_db;
  core::TimeZone m_zone;
  int m_messages = 0;
};

// The shop of docs/report.md's worked example, as of 2026-06-01 in Asia/Tokyo: four
// counted customers (A, B, C, D), one customer whose only order is after the as-of,
// cancelled and refunded orders, three segment runs and three campaigns.
void fill_example_shop(ReportShop& shop);

// A workspace folder with a tsuikyaku.yaml for that shop (JPY, Asia/Tokyo).
void write_example_config(const std::filesystem::path& dir, std::string_view shop_name);

}  // namespace tsuikyaku::testing
