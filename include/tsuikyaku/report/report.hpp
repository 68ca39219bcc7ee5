#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tsuikyaku/core/money.hpp"
#include "tsuikyaku/core/time.hpp"

// The figures of `tsuikyaku report` (SPEC §9) as plain structs, and the pure functions
// that compute them from what the store reads. Amounts are minor units of the shop
// currency; months are calendar months in the shop's time zone. Only counted orders go
// in: not cancelled, refunded or voided, placed at or before the as-of moment (SPEC §5).

namespace tsuikyaku::report {

// A calendar month in the shop's time zone.
struct Month {
  int year = 0;
  int month = 0;  // 1..12

  friend auto operator<=>(const Month&, const Month&) = default;
};

std::string format_month(Month month);  // "2026-01"
Month next_month(Month month);

// One counted order, as the store reads it.
struct OrderFact {
  std::int64_t customer_id = 0;
  core::Instant ordered_at;
  std::int64_t total_minor = 0;
};

// Revenue of one month, split by whether the order was the customer's first.
struct MonthRevenue {
  Month month;
  std::int64_t first_orders = 0;
  std::int64_t repeat_orders = 0;
  std::int64_t first_revenue = 0;
  std::int64_t repeat_revenue = 0;

  std::int64_t revenue() const { return first_revenue + repeat_revenue; }
};

// The windows of the repeat-purchase rate (days of elapsed time after the first order).
inline constexpr std::array<int, 3> k_repeat_windows{30, 60, 90};

// The customers whose first order fell in one month.
struct Cohort {
  Month month;
  std::int64_t customers = 0;
  std::int64_t orders = 0;   // all their orders up to the as-of moment
  std::int64_t revenue = 0;  // their total spend to date
  // ordered_again[i]: how many placed a second order at most k_repeat_windows[i] days
  // after their first; nullopt while the cohort is too young for the window, i.e. until
  // that many days have passed since the end of the month.
  std::array<std::optional<std::int64_t>, k_repeat_windows.size()> ordered_again;
  // active[k]: how many ordered in the month k months after this one; k = 0 is
  // `customers`, the last entry is the as-of month.
  std::vector<std::int64_t> active;

  std::int64_t average_spend() const;  // revenue / customers, rounded half to even
};

struct OrderSummary {
  std::int64_t customers = 0;         // with at least one counted order
  std::int64_t repeat_customers = 0;  // with two or more
  std::int64_t orders = 0;
  std::int64_t revenue = 0;
  std::vector<MonthRevenue> months;  // every month from the first order's to the as-of's
  std::vector<Cohort> cohorts;       // months with first-time buyers, oldest first
};

// Every order-based figure in one pass. `orders` come in any order; a customer's first
// order is the earliest (of two in the same second, the smaller). Orders after as_of
// are the caller's to leave out.
OrderSummary summarize_orders(std::vector<OrderFact> orders, const core::TimeZone& zone,
                              core::Instant as_of);

// A stored segment computation (SPEC §5).
struct SegmentRun {
  std::int64_t id = 0;
  core::Instant as_of;
  std::string scoring;             // percentile | quintile
  std::vector<std::string> rules;  // segment names in rule order
};

struct SegmentTally {
  std::string name;
  std::int64_t customers = 0;
  std::int64_t orders = 0;
  std::int64_t revenue = 0;  // the customers' spend up to the run's as-of
};

struct SegmentSummary {
  SegmentRun run;
  std::vector<SegmentTally> segments;  // rule order, then `other`, then any other name
  SegmentTally totals;                 // name empty
};

// Puts the tallies of a run in the order of its rules; a rule nobody matched is listed
// with zeros, so the shop sees the empty segment.
SegmentSummary summarize_segments(SegmentRun run, std::vector<SegmentTally> tallies);

// How many customers went from one segment to another between two runs. An empty name
// means "in no segment": `from` empty is a customer whose first order came after the
// earlier run, `to` empty one whose orders no longer count (refunded, cancelled).
struct Move {
  std::string from;
  std::string to;
  std::int64_t customers = 0;
};

struct Movement {
  SegmentRun from;
  SegmentRun to;
  std::vector<std::string> names;  // the matrix's axis: `to`'s rules, then the rest, then ""
  std::vector<Move> moves;         // non-zero cells, in axis order (from, then to)

  std::int64_t count(std::string_view from_name, std::string_view to_name) const;
  // The moves a shop watches (SPEC §9), or nullopt when the rules lack either name.
  std::optional<std::int64_t> named(std::string_view from_name, std::string_view to_name) const;
};

Movement summarize_movement(SegmentRun from, SegmentRun to, std::vector<Move> cells);

// Why there is no movement section.
enum class MovementGap {
  none,          // there is one
  no_runs,       // no stored segment run at or before the as-of moment
  single_run,    // the latest run has none before it
  none_at_since  // --since names a moment with no run at or before it
};

// One campaign's mail and what followed (SPEC §9): attribution from orders imported
// later, no tracking pixels.
struct CampaignTally {
  std::string name;
  std::int64_t messages_sent = 0;
  std::int64_t recipients = 0;         // distinct customers sent a message
  std::int64_t customers_ordered = 0;  // recipients with an order in the window after one
  std::int64_t orders = 0;             // those orders, each counted once per campaign
  std::int64_t revenue = 0;            // their totals
  std::int64_t coupons_sent = 0;       // messages that carried a code
  std::int64_t coupons_redeemed = 0;   // distinct handed-out codes used in an order
  std::int64_t coupon_orders = 0;      // orders whose discount code the campaign handed out
  std::int64_t coupon_revenue = 0;

  bool has_coupons() const { return coupons_sent > 0; }
};

// Days after a message in which a recipient's order counts for the campaign.
inline constexpr int k_attribution_days = 14;

struct Report {
  core::Instant as_of;
  std::optional<SegmentSummary> segments;
  std::optional<Movement> movement;
  MovementGap movement_gap = MovementGap::no_runs;
  std::optional<core::Instant> since;  // --since, when given
  OrderSummary orders;
  std::vector<CampaignTally> campaigns;
};

// part / whole as a fraction (0 when whole is 0); rates are not money, so double is fine.
double ratio(std::int64_t part, std::int64_t whole);

// total / count in minor units, rounded half to even; 0 when count is 0.
std::int64_t average_minor(std::int64_t total, std::int64_t count);

}  // namespace tsuikyaku::report
