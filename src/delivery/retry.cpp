#include "tsuikyaku/delivery/retry.hpp"

#include <algorithm>

namespace tsuikyaku::delivery {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

seconds backoff(int deferrals) {
  switch (deferrals) {
    case 0:
    case 1:
      return minutes{15};
    case 2:
      return hours{1};
    case 3:
      return hours{4};
    default:
      return hours{24};
  }
}

std::optional<core::Instant> next_attempt(core::Instant first_attempt, int deferrals,
                                          core::Instant now) {
  const core::Instant give_up = first_attempt + k_give_up_after;
  if (now >= give_up) return std::nullopt;
  return std::min(now + backoff(deferrals), give_up);
}

}  // namespace tsuikyaku::delivery
