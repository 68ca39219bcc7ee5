#pragma once

#include <chrono>
#include <optional>

#include "tsuikyaku/core/time.hpp"

// When a deferred message is tried again (SPEC §8.2): 15 min, 1 h, 4 h, then daily after
// each deferral, and failed once 3 days have passed since its first attempt.

namespace tsuikyaku::delivery {

inline constexpr std::chrono::seconds k_give_up_after{3 * 24 * 3600};

// The wait after the n-th deferral of a message (n >= 1): 15 min, 1 h, 4 h, then 1 d.
std::chrono::seconds backoff(int deferrals);

// The next attempt of a message deferred at `now` for the `deferrals`-th time, whose
// first attempt was at `first_attempt`; nullopt when it has been tried for 3 days and
// must now be failed. The next attempt is never later than first_attempt + 3 days, so
// a message always gets a last try at that moment before it is given up.
std::optional<core::Instant> next_attempt(core::Instant first_attempt, int deferrals,
                                          core::Instant now);

}  // namespace tsuikyaku::delivery
