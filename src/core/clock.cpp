#include "tsuikyaku/core/clock.hpp"

namespace tsuikyaku::core {

Instant SystemClock::now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace tsuikyaku::core
