#pragma once

#include <chrono>
#include <mutex>

#include "tsuikyaku/core/duration.hpp"

// The send-rate ceiling of `smtp.rate` (SPEC §2), shared by all connections of a run.
// A bucket of one token that refills at the rate: sends are spaced evenly, one every
// period / count, so no window of any length sees more than its share plus one. The
// caller passes "now" and sleeps until the slot it gets, so the tests need no clock.

namespace tsuikyaku::delivery {

class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;

  explicit TokenBucket(core::Rate rate);

  // Takes the next free slot at or after `now` and returns its moment. Thread-safe:
  // every caller gets a slot of its own.
  Clock::time_point reserve(Clock::time_point now);

  Clock::duration interval() const { return m_interval; }

 private:
  Clock::duration m_interval;
  std::mutex m_mutex;
  Clock::time_point m_next{};
};

}  // namespace tsuikyaku::delivery
