#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tsuikyaku/campaign/campaign.hpp"
#include "tsuikyaku/core/time.hpp"

// How a schedule's occurrences are named and when each begins, and the dedup keys built
// from them (SPEC §8.1): one definition for the planner, the store reads that bound it
// and `preview`. The key formats are listed in campaign/planner.hpp.

namespace tsuikyaku::campaign {

// The occurrence a schedule is in at a moment: "on-2026-12-20" for `on` (beginning at
// that local midnight in zone), "every-2026-09-04" for `every: P` (periods of P counted
// from the Unix epoch, named by the UTC date they start on), "yearly-2026" for the
// window of 2026 of a `yearly` schedule (from the local midnight it opens to the one
// after it closes); outside a window, the next window.
struct Occurrence {
  std::string name;
  core::Instant start;
  core::Instant end = core::Instant::max();  // yearly: when its window closes
};
Occurrence occurrence_at(const Campaign& campaign, const core::TimeZone& zone, core::Instant at);

// The moment a schedule's audience is asked in a window from window_start whose decisions
// are made as of as_of: an `on` audience is who belonged on that day; an `every` or
// `yearly` audience is who belongs at the window's start or when the occurrence began,
// whichever is later (a customer who joins during the window gets it then). nullopt when
// the occurrence begins after as_of: it has nobody yet.
struct AudienceMoment {
  Occurrence occurrence;
  core::Instant asked;
};
std::optional<AudienceMoment> audience_moment(const Campaign& campaign, const core::TimeZone& zone,
                                              core::Instant window_start, core::Instant as_of);

// NAME:order:ORDER_ID, the key of a triggered message.
std::string order_dedup_key(const Campaign& campaign, std::string_view order_id);

// NAME:OCCURRENCE:customer:KEY, the key of a scheduled message.
std::string customer_dedup_key(const Campaign& campaign, const Occurrence& occurrence,
                               std::string_view customer_key);

// The dedup keys of a schedule's messages from this occurrence on, as the byte range
// [from, until): this occurrence's only for `on` and `yearly`; for `every`, the later ones' too
// (they sort after it, "every-2026-…" < "every."). Every key of this occurrence starts with from.
struct KeyRange {
  std::string from;
  std::string until;
};
KeyRange schedule_keys_from(const Campaign& campaign, const Occurrence& occurrence);

}  // namespace tsuikyaku::campaign
