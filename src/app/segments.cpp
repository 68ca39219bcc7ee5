#include "tsuikyaku/app/segments.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::app {
namespace {

struct Computed {
  core::Instant as_of;
  std::vector<segment::Activity> customers;  // by customer_key
  segment::Segmentation segmentation;        // same order
};

// With contacts, also each customer's contact fields (store::load_activity).
Computed compute(Workspace& workspace, core::Instant as_of,
                 store::ContactBook* contacts = nullptr) {
  Computed out{as_of, store::load_activity(workspace.db, as_of, contacts), {}};
  const config::Config& config = workspace.config;
  out.segmentation =
      segment::segment_customers(out.customers, as_of, config.scoring, config.segments);
  return out;
}

// One run per local day of the as-of (see the header): the run replaces the day's others.
std::int64_t store_run(Workspace& workspace, const Computed& computed, core::Instant now) {
  const core::TimeZone& zone = workspace.config.shop.timezone;
  const auto day = std::chrono::floor<std::chrono::days>(zone.to_local(computed.as_of));
  store::SegmentRun run;
  run.as_of = computed.as_of;
  run.computed_at = now;
  run.scoring = workspace.config.scoring;
  for (const segment::Rule& rule : workspace.config.segments) run.rules.push_back(rule.name);
  return store::save_segment_run(workspace.db, run, computed.customers, computed.segmentation,
                                 zone.to_instant(day), zone.to_instant(day + std::chrono::days{1}));
}

// The index of name among the segment names, or a usage error suggesting the nearest.
std::uint32_t segment_index(const std::vector<std::string>& names, const std::string& name) {
  const auto found = std::find(names.begin(), names.end(), name);
  if (found != names.end()) return static_cast<std::uint32_t>(found - names.begin());
  const std::string nearest = core::suggest(name, names);
  throw core::Error(
      core::ErrorKind::usage,
      nearest.empty()
          ? fmt::format("unknown segment '{}'; the segments are: {}", name, core::join(names, ", "))
          : fmt::format("unknown segment '{}'; did you mean '{}'?", name, nearest));
}

}  // namespace

core::Instant resolve_as_of(const config::Config& config,
                            const std::optional<core::ParsedDateTime>& as_of, core::Instant now) {
  return as_of ? core::resolve(*as_of, config.shop.timezone) : now;
}

SegmentsResult run_segments(Workspace& workspace, const SegmentsRequest& request) {
  const Computed computed =
      compute(workspace, resolve_as_of(workspace.config, request.as_of, request.now));
  SegmentsResult out;
  out.as_of = computed.as_of;
  out.scoring = workspace.config.scoring;
  out.summary = segment::summarize(computed.segmentation);
  if (request.store == StoreRun::yes) out.run_id = store_run(workspace, computed, request.now);
  return out;
}

SegmentListResult::SegmentListResult(core::Instant as_of, std::vector<segment::Activity> customers,
                                     segment::Segmentation segmentation,
                                     store::ContactBook contacts, std::vector<std::uint32_t> rows)
    : m_as_of(as_of),
      m_customers(std::move(customers)),
      m_segmentation(std::move(segmentation)),
      m_contacts(std::move(contacts)),
      m_rows(std::move(rows)) {}

ListedCustomer SegmentListResult::operator[](std::size_t row) const {
  const std::uint32_t i = m_rows[row];
  const segment::Activity& customer = m_customers[i];
  return {customer.customer_key, m_contacts[row], m_segmentation.names[m_segmentation.segment[i]],
          m_segmentation.rfm[i], customer.last_order_at};
}

SegmentListResult list_segment_customers(Workspace& workspace, const SegmentListRequest& request) {
  const std::vector<std::string> names = segment::segment_names(workspace.config.segments);
  std::optional<std::uint32_t> only;
  if (request.segment) only = segment_index(names, *request.segment);

  store::ContactBook contacts;
  Computed computed =
      compute(workspace, resolve_as_of(workspace.config, request.as_of, request.now), &contacts);
  const segment::Segmentation& seg = computed.segmentation;
  std::vector<std::uint32_t> rows;
  for (std::uint32_t i = 0; i < seg.segment.size(); ++i) {
    if (!only || seg.segment[i] == *only) rows.push_back(i);
  }
  // Customers come in key order; a stable sort by segment keeps it within each segment.
  std::stable_sort(rows.begin(), rows.end(), [&](std::uint32_t a, std::uint32_t b) {
    return seg.segment[a] < seg.segment[b];
  });
  contacts.select(rows);
  return {computed.as_of, std::move(computed.customers), std::move(computed.segmentation),
          std::move(contacts), std::move(rows)};
}

SegmentMembership segment_membership(Workspace& workspace, core::Instant as_of, core::Instant now,
                                     StoreRun store) {
  Computed computed = compute(workspace, as_of);
  const std::int64_t run_id = store == StoreRun::yes ? store_run(workspace, computed, now) : 0;
  // Reordered by customer id, the key of every lookup.
  std::vector<std::uint32_t> order(computed.customers.size());
  std::iota(order.begin(), order.end(), 0U);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return computed.customers[a].customer_id < computed.customers[b].customer_id;
  });
  std::vector<std::int64_t> ids;
  std::vector<core::Instant> last_orders;
  segment::Segmentation by_id;
  by_id.names = std::move(computed.segmentation.names);
  for (const std::uint32_t i : order) {
    ids.push_back(computed.customers[i].customer_id);
    last_orders.push_back(computed.customers[i].last_order_at);
    by_id.rfm.push_back(computed.segmentation.rfm[i]);
    by_id.segment.push_back(computed.segmentation.segment[i]);
  }
  return SegmentMembership(as_of, run_id, std::move(ids), std::move(by_id), std::move(last_orders));
}

std::vector<store::SegmentRun> segment_runs(Workspace& workspace) {
  return store::list_segment_runs(workspace.db);
}

std::optional<segment::Summary> stored_segment_summary(Workspace& workspace, std::int64_t run_id) {
  const auto stored = store::load_segment_run(workspace.db, run_id);
  if (!stored) return std::nullopt;
  return segment::summarize(stored->segmentation);
}

std::vector<store::SegmentMove> segment_movement(Workspace& workspace, std::int64_t from_run,
                                                 std::int64_t to_run) {
  return store::segment_moves(workspace.db, from_run, to_run);
}

}  // namespace tsuikyaku::app
