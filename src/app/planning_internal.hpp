#pragma once

// The parts of planning shared by plan_due, queue_due, the forecast and preview. Private
// to the app module; the contracts are in tsuikyaku/app/planning.hpp.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tsuikyaku/app/planning.hpp"
#include "tsuikyaku/app/segments.hpp"
#include "tsuikyaku/calendar/shop_days.hpp"
#include "tsuikyaku/store/planning.hpp"

namespace tsuikyaku::app {

// Segment membership at many moments from one read of the orders, per local day (see
// planning.hpp): each moment costs a pass over orders in memory and a scoring, not a scan
// of the table.
class SegmentTimeline {
 public:
  SegmentTimeline(Workspace& ws, core::Instant now);

  // Answers moments that round to now from this membership (the run queue_due stores).
  void set_now(const SegmentMembership* membership) { m_now_exact = membership; }

  // The customer's segment as of at, per the rounding above; nullopt when it had no
  // counted order by then.
  std::optional<std::string> segment_at(std::int64_t customer_id, core::Instant at);
  // When it entered that segment (segment::RuleMatcher::entry_recency), per the rounding
  // above; nullopt when it is in none.
  std::optional<core::Instant> entered_at(std::int64_t customer_id, core::Instant at);
  // Whether it placed a counted order in [from, until): `bought_around`.
  bool ordered_between(std::int64_t customer_id, core::Instant from, core::Instant until);

 private:
  static constexpr std::uint32_t k_none = 0xFFFFFFFF;

  // Per customer slot: a name index, and the days after its last order by then that it
  // entered that segment (capped at 65,535: 179 years).
  struct Moment {
    std::vector<std::uint32_t> segment;
    std::vector<std::uint16_t> entry_days;
  };

  // Sets m_last for a question about `at`.
  void ask(core::Instant at);

  // The moment a question about `at` is answered at: the next local midnight, or now.
  core::Instant moment_of(core::Instant at) const;

  // The customers with counted orders placed by `until`, and where each is in m_orders.
  struct Counted {
    std::vector<segment::Activity> activity;
    std::vector<std::uint32_t> slots;
  };
  Counted count_orders(std::int64_t until) const;
  const store::CountedOrders& orders();  // m_orders, read on first need
  const Moment& segments_at(core::Instant moment);

  Workspace& m_ws;
  core::Instant m_now;
  const SegmentMembership* m_now_exact = nullptr;
  std::optional<store::CountedOrders> m_orders;  // read on first need
  std::int64_t m_newest_order = 0;               // Unix seconds
  std::optional<Counted> m_all_counted;          // every order counted, once asked twice
  bool m_counted_all_once = false;               // … asked once
  std::vector<std::string> m_names;              // the rules' names, then "other"
  segment::RuleMatcher m_matcher;                // the config's rules
  std::map<core::Instant, Moment> m_moments;     // answered moments
  std::optional<core::Instant> m_last_at;        // the last question's time …
  std::optional<core::Instant> m_last_moment;    // … the moment it was answered at …
  const Moment* m_last = nullptr;                // … and its answers (null: exact)
};

// The days of send.skip (config::marketing_days; nullopt: every day), read once by the
// command and handed down to what plans and checks with them.
using MarketingDays = std::optional<calendar::ShopDays>;

// The planner's input read from the store for campaigns over [now, horizon]. Neither
// copied nor moved: the input's segment_at refers to it.
class PlanningWorld {
 public:
  PlanningWorld(Workspace& ws, const std::vector<campaign::Campaign>& campaigns, core::Instant now,
                core::Instant horizon, SegmentTimeline& timeline,
                const MarketingDays& marketing_days);
  PlanningWorld(const PlanningWorld&) = delete;
  PlanningWorld& operator=(const PlanningWorld&) = delete;

  // The store's id of a customer of the input, by its key.
  std::int64_t customer_id(const std::string& key) const;

  campaign::PlanInput input;
  core::Instant since;  // the look-back: the previous planning run (planning.hpp)
  std::unordered_map<std::string, std::int64_t> order_ids;  // by the shop's order number

 private:
  // The ledger rows of the schedules' occurrences this plan reaches, and the customers
  // (ascending) with a row for each schedule.
  struct ScheduleKeys {
    std::vector<store::LedgerKey> rows;
    std::vector<std::int64_t> settled;
  };
  static ScheduleKeys schedule_keys(Workspace& ws, const std::vector<campaign::Campaign>& campaigns,
                                    core::Instant now, core::Instant horizon);
  void read_ledger(Workspace& ws, const std::vector<store::PlanningOrder>& orders);
  void read_purchases(Workspace& ws);
  void read_pools(Workspace& ws);
  void read_starts(Workspace& ws);
  std::optional<std::int64_t> id_of(const std::string& key);
  // The key of the input's customer with this store id, or null when it is not one.
  const std::string* key_of(std::int64_t id) const;

  std::vector<std::int64_t> m_ids;  // of input.customers, in order (ascending)
  // Into input.customers, by their keys (which stay where they are).
  std::unordered_map<std::string_view, std::size_t> m_index;
  std::size_t m_next = 0;  // the input.customers entry likely asked about next
  // What each customer of the input bought, by key: read when a campaign has a product audience.
  std::unordered_map<std::string, std::vector<campaign::Purchase>> m_purchases;
};

// Removes the skip decisions whose last moment to go out (days of send.skip included) came
// before the world's `since`: history, not news (planning.hpp).
void drop_history(std::vector<campaign::Candidate>& candidates,
                  const std::vector<campaign::Campaign>& campaigns, const PlanningWorld& world);

// The enabled campaigns, or the one --campaign names (a usage error when it is unknown or
// disabled: planning it would silently do nothing).
std::vector<campaign::Campaign> planned(std::vector<campaign::Campaign> all,
                                        const std::optional<std::string>& only);
std::vector<campaign::Campaign> planned(Workspace& ws, const std::optional<std::string>& only);

// queue_due (planning.hpp) of the campaigns of one channel only, or of all when nullopt:
// `inserts` and `post` plan their own channel (docs/offline.md). The second with the days
// of send.skip the caller read (`send`, which checks with them too).
QueueResult queue_due_of(Workspace& ws, const PlanRequest& request,
                         std::optional<campaign::Channel> channel);
QueueResult queue_due_of(Workspace& ws, const PlanRequest& request,
                         std::optional<campaign::Channel> channel,
                         const MarketingDays& marketing_days);

// plan_due (planning.hpp) with the days of send.skip the caller read.
campaign::Plan plan_due_with(Workspace& ws, const PlanRequest& request,
                             const MarketingDays& marketing_days);

// The campaign called name among campaigns, enabled or not; a usage error naming it, with
// the nearest name suggested, when there is none.
const campaign::Campaign& find_campaign(const std::vector<campaign::Campaign>& campaigns,
                                        const std::string& name);

// A pool's free codes: the codes of its file not given to a message yet, in the order
// store::assign_coupon hands them out (the coupons table's order, then the file's).
std::vector<std::string> free_coupon_codes(Workspace& ws, const std::string& pool);

}  // namespace tsuikyaku::app
