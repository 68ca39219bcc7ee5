#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/report/report.hpp"
#include "tsuikyaku/store/database.hpp"

// The report's reads (SPEC §9). Each aggregates in SQL or streams the rows once, never a
// query per customer, so a million orders stay fast. A counted order
// is one whose status is not cancelled, refunded or voided (in any letter case), placed
// at or before the as-of moment (SPEC §5).

namespace tsuikyaku::store {

// The report's reads in one read transaction, so that every figure comes from the same
// snapshot while an import or a send writes (WAL); ended when it goes out of scope.
class ReportSnapshot {
 public:
  explicit ReportSnapshot(Database& db);
  ~ReportSnapshot();
  ReportSnapshot(const ReportSnapshot&) = delete;
  ReportSnapshot& operator=(const ReportSnapshot&) = delete;

 private:
  Database& m_db;
};

// The newest segment run whose as-of is at or before `at`; among runs of the same as-of,
// the last stored.
std::optional<report::SegmentRun> segment_run_at(Database& db, core::Instant at);

// The newest run whose as-of is strictly before `before`: the run a report compares the
// latest with by default.
std::optional<report::SegmentRun> segment_run_before(Database& db, core::Instant before);

// Customers, orders (sum of frequency) and revenue (sum of monetary) per segment of a run.
std::vector<report::SegmentTally> segment_tallies(Database& db, std::int64_t run_id);

// Every counted order: customer, time and total, in no particular order.
std::vector<report::OrderFact> counted_orders(Database& db, core::Instant as_of);

// Per campaign with a message sent at or before as_of: the messages, their recipients,
// the counted orders placed by a recipient within `window` after a message to them (each
// order once per campaign), and the orders that used a coupon code the campaign handed
// out, placed after the code was first sent. Sorted by campaign name.
std::vector<report::CampaignTally> campaign_tallies(Database& db, core::Instant as_of,
                                                    std::chrono::seconds window);

}  // namespace tsuikyaku::store
