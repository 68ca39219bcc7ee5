#include "tsuikyaku/delivery/token_bucket.hpp"

#include <algorithm>

namespace tsuikyaku::delivery {

TokenBucket::TokenBucket(core::Rate rate)
    : m_interval(std::chrono::duration_cast<Clock::duration>(rate.per) /
                 std::max<std::int64_t>(rate.count, 1)) {}

TokenBucket::Clock::time_point TokenBucket::reserve(Clock::time_point now) {
  const std::lock_guard lock(m_mutex);
  const Clock::time_point slot = std::max(now, m_next);
  m_next = slot + m_interval;
  return slot;
}

}  // namespace tsuikyaku::delivery
