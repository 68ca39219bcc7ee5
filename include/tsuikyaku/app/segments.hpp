#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/segment/segmentation.hpp"
#include "tsuikyaku/store/segments.hpp"

// The segment use cases (SPEC §5): `tsuikyaku segments`, `tsuikyaku segments list`, and
// what campaigns, `customers show` and the report ask of segmentation.
//
// When a run is stored: by `send`, which stores the segments its campaigns targeted
// (segment_membership with StoreRun::yes), and by `tsuikyaku segments --save`. Looking
// (`segments`, `segments list`, any --as-of) stores nothing, so trying rules or dates out
// never rewrites the history the report compares against, and looking stays fast. One run
// is kept per local calendar day of the as-of (shop.timezone): a new run replaces any run
// whose as-of falls on the same day, so a daily cron job keeps one snapshot a day.

namespace tsuikyaku::app {

// The moment a command works at (SPEC §4): --as-of read in the shop's time zone, else now.
core::Instant resolve_as_of(const config::Config& config,
                            const std::optional<core::ParsedDateTime>& as_of, core::Instant now);

enum class StoreRun { no, yes };

struct SegmentsRequest {
  std::optional<core::ParsedDateTime> as_of;  // --as-of; else now
  core::Instant now;                          // the clock
  StoreRun store = StoreRun::no;              // --save
};

struct SegmentsResult {
  core::Instant as_of;
  segment::Scoring scoring = segment::Scoring::percentile;
  segment::Summary summary;
  std::int64_t run_id = 0;  // the stored run; 0 when not stored
};

// `tsuikyaku segments`: scores every customer with a qualifying order, sorts them into
// the config's segments, adds up each segment, and stores the run when asked.
SegmentsResult run_segments(Workspace& workspace, const SegmentsRequest& request);

struct SegmentListRequest {
  std::optional<core::ParsedDateTime> as_of;  // --as-of; else now
  core::Instant now;
  std::optional<std::string> segment;  // only this segment; else every customer
};

// One row of a listing, viewing the SegmentListResult it came from.
struct ListedCustomer {
  std::string_view customer_key;
  store::ContactView contact;
  std::string_view segment;
  const segment::Rfm& rfm;
  core::Instant last_order_at;
};

// The customers of a listing, kept by column (what segmentation computed, and the
// contacts in one block of text) and handed out a row at a time: a few hundred thousand
// customers take a few tens of megabytes, not a record of strings each.
class SegmentListResult {
 public:
  SegmentListResult(core::Instant as_of, std::vector<segment::Activity> customers,
                    segment::Segmentation segmentation, store::ContactBook contacts,
                    std::vector<std::uint32_t> rows);

  core::Instant as_of() const { return m_as_of; }
  // Rows by segment in rule order, then customer_key.
  std::size_t size() const { return m_rows.size(); }
  ListedCustomer operator[](std::size_t row) const;

 private:
  core::Instant m_as_of;
  std::vector<segment::Activity> m_customers;  // by customer_key
  segment::Segmentation m_segmentation;        // same order
  store::ContactBook m_contacts;               // same order as m_rows
  std::vector<std::uint32_t> m_rows;           // into m_customers
};

// `tsuikyaku segments list [SEGMENT]`. An unknown segment name is a usage error that
// suggests the nearest name. Stores nothing.
SegmentListResult list_segment_customers(Workspace& workspace, const SegmentListRequest& request);

// Each customer's segment as of one moment, for campaign audiences and `customers show`.
class SegmentMembership {
 public:
  SegmentMembership() = default;
  // customer_ids ascending, one per entry of segmentation.
  SegmentMembership(core::Instant as_of, std::int64_t run_id,
                    std::vector<std::int64_t> customer_ids, segment::Segmentation segmentation,
                    std::vector<core::Instant> last_orders);

  core::Instant as_of() const { return m_as_of; }
  std::int64_t run_id() const { return m_run_id; }  // 0 when not stored
  // The segment names in rule order, then "other".
  const std::vector<std::string>& names() const { return m_segmentation.names; }

  // The customer's segment, or nullopt when it had no qualifying order by the as-of
  // (it is then in no segment, SPEC §5).
  std::optional<std::string_view> segment_of(std::int64_t customer_id) const;
  // Its metrics and scores, or nullptr likewise.
  const segment::Rfm* rfm_of(std::int64_t customer_id) const;
  // When it entered that segment (segment::RuleMatcher::entry_recency after its last
  // order), or nullopt likewise.
  std::optional<core::Instant> entered_at(std::int64_t customer_id,
                                          const segment::RuleMatcher& rules) const;
  // The customers in a segment, ids ascending.
  std::vector<std::int64_t> members(std::string_view segment) const;

 private:
  std::optional<std::size_t> find(std::int64_t customer_id) const;

  core::Instant m_as_of;
  std::int64_t m_run_id = 0;
  std::vector<std::int64_t> m_customer_ids;
  segment::Segmentation m_segmentation;
  std::vector<core::Instant> m_last_orders;  // same order
};

// Computes every customer's segment as of a moment (the config's rules and scoring), and
// stores it as a run computed at `now` when asked.
SegmentMembership segment_membership(Workspace& workspace, core::Instant as_of, core::Instant now,
                                     StoreRun store);

// Stored runs, oldest as-of first, for the report.
std::vector<store::SegmentRun> segment_runs(Workspace& workspace);

// A stored run added up per segment like `tsuikyaku segments`; nullopt for no such run.
std::optional<segment::Summary> stored_segment_summary(Workspace& workspace, std::int64_t run_id);

// Who moved from which segment to which between two stored runs.
std::vector<store::SegmentMove> segment_movement(Workspace& workspace, std::int64_t from_run,
                                                 std::int64_t to_run);

}  // namespace tsuikyaku::app
