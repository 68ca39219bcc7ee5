#pragma once

#include "tsuikyaku/core/time.hpp"

// "Now" as a dependency (DESIGN.md habit 4), so that logic and tests run at a fixed time.

namespace tsuikyaku::core {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant at) : m_at(at) {}
  Instant now() const override { return m_at; }
  void set(Instant at) { m_at = at; }

 private:
  Instant m_at;
};

}  // namespace tsuikyaku::core
