#pragma once

// The planner's working state and rules, shared by plan() and forecast(). Private to the
// campaign module.

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tsuikyaku/campaign/never_send.hpp"
#include "tsuikyaku/campaign/planner.hpp"

namespace tsuikyaku::campaign {

// The input's campaigns, customers and orders by name, key and id; built once per plan or
// forecast, since a shop may have hundreds of thousands of customers. The keys are the
// input's own strings: it outlives its plan.
struct Lookup {
  std::unordered_map<std::string_view, const Campaign*> campaigns;
  std::unordered_map<std::string_view, const CustomerFacts*> customers;
  std::unordered_map<std::string_view, const OrderFacts*> orders;

  explicit Lookup(const PlanInput& input) {
    customers.reserve(input.customers.size());
    for (const auto& c : input.campaigns) campaigns[c.name] = &c;
    for (const auto& c : input.customers) customers[c.key] = &c;
    for (const auto& o : input.orders) orders[o.id] = &o;
  }
};

// The ledger and the coupon pools as the planner changes them: a forecast sends day after
// day into a copy of them. The ledger's keys are not copied (a shop's schedules may hold
// hundreds of thousands): the keys decided by this plan are kept beside them.
struct PlannerState {
  explicit PlannerState(const PlanInput& input)
      : lookup(std::make_shared<const Lookup>(input)),
        known_keys(&input.ledger.keys),
        ledger{{}, input.ledger.last_marketing, input.ledger.last_of_campaign},
        left(input.coupons_left),
        totals(&input.coupons_total) {
    for (const auto& [name, start] : input.starts) planned_today[name] = start.planned_today;
  }

  bool has_key(const std::string& key) const {
    return known_keys->count(key) > 0 || ledger.keys.count(key) > 0;
  }

  // Pointers, not references, so that a trial state can be assigned back (evaluate_window).
  std::shared_ptr<const Lookup> lookup;
  const std::unordered_set<std::string>* known_keys;  // the input's
  Ledger ledger;                                      // its keys: those decided since
  std::map<std::string, std::int64_t> left;
  std::map<std::string, std::int64_t> assigned;
  const std::map<std::string, std::int64_t>* totals;  // the input's
  std::set<std::string> short_pools;                  // members were skipped for want of a code
  std::set<std::string> held;                         // first runs waiting for a start
  std::set<std::string> mailing;                      // campaigns that sent in this plan
  std::map<std::string, std::int64_t> planned_today;  // sends per campaign this local day

  std::vector<PoolUse> pool_use() const;
};

// Sorts candidates stably by less(i, j) on their positions, in place, moving each one
// along its cycle of the permutation: a plan may hold hundreds of thousands, and a
// candidate is large, so no second vector of them is made.
template <typename Less>
void sort_candidates(std::vector<Candidate>& candidates, Less less) {
  std::vector<std::size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), less);
  // Position i takes the candidate at order[i]; a finished position gets order[i] == i.
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (order[i] == i) continue;
    Candidate first = std::move(candidates[i]);
    std::size_t at = i;
    while (order[at] != i) {
      const std::size_t from = order[at];
      candidates[at] = std::move(candidates[from]);
      order[at] = at;
      at = from;
    }
    candidates[at] = std::move(first);
    order[at] = at;
  }
}

// input.purchases(customer), or null when the input has none.
const std::vector<Purchase>* purchases_of(const PlanInput& input, const std::string& customer);

// The candidates not in the ledger that have fallen due by as_of; an `every` audience is
// asked at window_start.
std::vector<Candidate> due_candidates(const PlanInput& input, const PlannerState& state,
                                      core::Instant window_start, core::Instant as_of);

// due_in_order() decided, holding back each first run that needs a start (PlanInput::starts) and
// would mail more than input.first_run_limit customers in the window: those campaigns'
// sends become later (Reason::not_started) and give up nothing to the others.
std::vector<Candidate> evaluate_window(const PlanInput& input, PlannerState& state,
                                       core::Instant window_start, core::Instant window_end);

// The candidates not in the ledger that have fallen due before window_end, by due_at and
// dedup key: the order they are decided in.
std::vector<Candidate> due_in_order(const PlanInput& input, const PlannerState& state,
                                    core::Instant window_start, core::Instant window_end);

// Decides each of candidates (due_in_order's): send when it may go out before window_end
// (not before window_start), later when it must wait past it, skip when it never goes.
// Sends update state (cooldown, the campaign's last message, coupons). With stop, asks it
// after each send and stops deciding, the rest undecided, when it says so. A candidate may
// be decided again, from the same state, with the same result.
void decide(const PlanInput& input, PlannerState& state, std::vector<Candidate>& candidates,
            core::Instant window_start, core::Instant window_end,
            const std::function<bool(const Candidate&)>& stop);

}  // namespace tsuikyaku::campaign
