#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "tsuikyaku/calendar/shop_days.hpp"
#include "tsuikyaku/campaign/campaign.hpp"
#include "tsuikyaku/campaign/suppression.hpp"
#include "tsuikyaku/core/duration.hpp"
#include "tsuikyaku/core/time.hpp"

// What is due, to whom, and why not (SPEC §6, §8.1, §9), as pure logic over plain facts:
// the store reads them, the planner decides, the sender records and delivers.
//
// Dedup keys (the ledger's unique key, SPEC §8.1), deterministic from the facts:
//   triggered  NAME:order:ORDER_ID
//   `on`       NAME:on-2026-12-20:customer:KEY
//   `every`    NAME:every-2026-09-05:customer:KEY
//   `yearly`   NAME:yearly-2026:customer:KEY (the window of 2026: once a year)
// Campaign names and occurrences hold no ':', so a key reads back unambiguously.
//
// Occurrences of `every: P`: time is cut into periods of P counted from the Unix epoch,
// named by the UTC date they start on. A member of the audience is due when it entered
// the audience (input.entered_at), or once P has passed since this campaign's last message
// to them, whichever is later: so nobody gets it twice within P, a member who is skipped
// (no consent, no coupon) is recorded once per period, not once per run, and the due date
// means something (the period's start is only the key's name).

namespace tsuikyaku::campaign {

struct OrderFacts {
  std::string id;
  std::string customer;  // the customer key
  std::string status;    // paid, pending, cancelled, refunded, voided, …
  core::Instant ordered_at;
  std::optional<core::Instant> shipped_at;
  std::optional<core::Instant> delivered_at;
  std::optional<core::Instant> cancelled_at;
};

struct CustomerFacts {
  std::string key;
  std::string email;  // may be empty or invalid: such a customer is skipped (no_address)
  bool accepts_marketing = false;
  bool postal_address = false;  // a postal code and a street line (postal campaigns)
};

// The customer's segment at a moment, computed by the segment module over the orders
// placed by then; nullopt when the customer had no order by then.
using SegmentAt =
    std::function<std::optional<std::string>(const std::string& customer, core::Instant at)>;
// When the customer entered the segment it is in at `at`; nullopt when unknown.
using EnteredAt =
    std::function<std::optional<core::Instant>(const std::string& customer, core::Instant at)>;
// Whether the customer placed an order that counts for segments in [from, until).
using OrderedBetween =
    std::function<bool(const std::string& customer, core::Instant from, core::Instant until)>;

// A product of one of the customer's counted orders, and when that order was placed.
struct Purchase {
  std::string product;  // segment::product_key
  core::Instant at;
};
// The customer's purchases, any order; null when none. Asked only for the campaigns with a
// product audience.
using PurchasesOf = std::function<const std::vector<Purchase>*(const std::string& customer)>;

// Whether a customer who bought these (null: nothing) is in the product audience at `at`:
// by then a product matching a `bought` glob, and none matching a `not_bought` glob.
bool in_product_audience(const ProductAudience& audience, const std::vector<Purchase>* bought,
                         core::Instant at);

// What the ledger already holds.
struct Ledger {
  // Every dedup key, in any state. Hashed: a schedule looks up one key per customer and day.
  std::unordered_set<std::string> keys;
  // The latest message (not skipped) of any marketing campaign, per customer key.
  std::map<std::string, core::Instant> last_marketing;
  // The latest message (not skipped) of a campaign to a customer: (campaign, customer key).
  std::map<std::pair<std::string, std::string>, core::Instant> last_of_campaign;
};

// Whether a marketing campaign may mail yet (docs/sending.md, "A campaign's first run"): a
// campaign that never mailed anyone waits for `campaigns start` when its first run would
// mail more than first_run_limit customers at once. Transactional mail is never held.
struct CampaignStart {
  bool started = false;                     // `campaigns start`, or it has mailed before
  std::optional<std::int64_t> daily_limit;  // `campaigns start --limit N`: N a local day
  std::int64_t planned_today = 0;           // its messages planned today before this plan
};

struct PlanInput {
  std::vector<Campaign> campaigns;  // disabled ones are ignored
  std::vector<OrderFacts> orders;
  std::vector<CustomerFacts> customers;
  SegmentAt segment_at;
  EnteredAt entered_at;            // may be empty: an `every` member is then due when it is asked
  PurchasesOf purchases;           // may be empty when no campaign has a product audience
  OrderedBetween ordered_between;  // for `bought_around`; empty: nobody bought around
  Ledger ledger;
  std::map<std::string, Suppression> suppressions;    // by core::address_match_key
  std::map<std::string, std::int64_t> coupons_left;   // free codes per pool, as campaigns name it
  std::map<std::string, std::int64_t> coupons_total;  // all codes per pool (absent: as left)
  std::optional<core::TimeOfDayRange> quiet_hours;
  std::chrono::seconds marketing_cooldown{7 * 24 * 3600};
  // `send.channel_cooldown`: the cooldown before a marketing touch of that channel, counted
  // from the last marketing touch of any channel; absent: marketing_cooldown.
  std::map<Channel, std::chrono::seconds> channel_cooldown;
  std::map<std::string, CampaignStart> starts;  // by campaign name; absent: never started
  std::int64_t first_run_limit = 20;            // send.first_run_limit
  core::TimeZone zone = core::TimeZone::utc();
  calendar::ShopDays days;  // the shop's open days: business-day delays count them
  // `send.skip`: marketing goes out on the open days of this calendar only (moved, its
  // expiry with it, to 00:00 of the next one); absent: every day.
  std::optional<calendar::ShopDays> marketing_days;
  core::Instant now;
};

enum class Outcome {
  send,   // goes out now (send_at)
  later,  // due, but waits until send_at (quiet hours, cooldown); planned again then
  skip,   // never goes out; recorded as skipped with the reason
};

enum class Reason {
  none,
  quiet_hours,        // later: due at night, goes out when quiet hours end
  cooldown,           // later (or skip when the wait outlasts `expires`): marketing_cooldown
  expired,            // would go out later than due + expires
  cancelled,          // the order was cancelled, refunded or voided
  audience,           // the customer's segment when due is not in the audience
  no_address,         // no valid mail address
  no_postal_address,  // postal: no postal code or no street line
  bounced,            // the address bounced: nothing is sent to it
  unsubscribed,       // suppressed (unsubscribed, complained, manual): no marketing
  no_post,            // postal: suppressed no_post (the customer asked for no postal mail)
  no_consent,         // marketing to a customer who does not accept marketing
  no_coupon,          // the coupon pool is empty
  not_started,        // later: a first run over send.first_run_limit waits for `campaigns start`
  daily_limit,        // later: `campaigns start --limit N` allows N a day; the rest wait
  skip_day,           // later: marketing due on a day of send.skip waits for the next open day
};

std::string_view to_string(Reason reason);

struct Candidate {
  std::string campaign;
  Kind kind = Kind::transactional;
  std::string dedup_key;
  std::string customer;        // key
  std::string order;           // triggered campaigns; empty for schedules
  std::string occurrence;      // schedules: "on-2026-12-20", "every-2026-09-05", "yearly-2026"
  std::optional<Event> event;  // triggered: the event it follows, at event_at
  core::Instant event_at;
  std::string segment;    // the customer's segment when evaluated, when the audience asks
  core::Instant due_at;   // event + delay, the `on` moment, the member's `every` moment
  core::Instant send_at;  // send: when it goes out; later: not before
  Outcome outcome = Outcome::send;
  Reason reason = Reason::none;
  std::string detail;  // the suppression reason, the pool name
};

struct PoolUse {
  std::string pool;
  std::int64_t left = 0;      // free codes after this plan
  std::int64_t total = 0;     // all codes of the pool, given or free
  std::int64_t assigned = 0;  // codes this plan hands out
  bool low = false;           // pool_running_low after this plan, or members skipped for none
};

// A pool runs low under 20 free codes or under 10% of its codes (issue 6): `send`,
// `campaigns` and `status` warn by this one rule.
inline constexpr std::int64_t k_low_pool_codes = 20;
inline constexpr std::int64_t k_low_pool_percent = 10;
constexpr bool pool_running_low(std::int64_t free, std::int64_t total) {
  return free < k_low_pool_codes || free * 100 < total * k_low_pool_percent;
}

struct Plan {
  std::vector<Candidate> candidates;  // by campaign (input order), then due_at, then key
  std::vector<PoolUse> pools;
};

// Everything that has fallen due by input.now and is not in the ledger yet.
Plan plan(const PlanInput& input);

// One local day of a forecast.
struct ForecastDay {
  core::LocalTime date;          // 00:00 of the day
  std::vector<Candidate> sends;  // what goes out that day, with why it qualifies
  std::vector<Candidate> skips;  // what is decided that day but not sent, with why
  // By campaign, how many wait for `campaigns start` (Reason::not_started): a count, since
  // a held first run may be most of a shop, day after day.
  std::map<std::string, std::int64_t> held;
};

// What will go out over the next `days` local days from input.now (`plan --days N`),
// assuming mail goes out as soon as it may and no new order, consent or suppression
// comes in. Segments are asked for at the moment each message is evaluated.
std::vector<ForecastDay> forecast(const PlanInput& input, int days);

// The last moment a message of the campaign due at `due` may go out: due + expires for a
// trigger or an `on` date; the last second of its window for `yearly`; never for
// `every`, whose occurrence is always current.
core::Instant last_moment(const Campaign& campaign, core::Instant due, const core::TimeZone& zone);

// The first moment at or after t outside quiet hours, in zone (SPEC §2: due mail waits
// until morning), across DST changes.
core::Instant next_allowed(core::Instant t, const std::optional<core::TimeOfDayRange>& quiet,
                           const core::TimeZone& zone);

}  // namespace tsuikyaku::campaign
