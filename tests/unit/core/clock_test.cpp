#include "tsuikyaku/core/clock.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku::core;

TEST_CASE("clock: a fixed clock says what it is set to", "[core]") {
  FixedClock clock(from_unix(1'790'000'000));
  const Clock& any = clock;
  CHECK(any.now() == from_unix(1'790'000'000));
  clock.set(from_unix(1'790'000'060));
  CHECK(any.now() == from_unix(1'790'000'060));
}

TEST_CASE("clock: the system clock is the time now, in whole seconds", "[core]") {
  const auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const Instant now = SystemClock().now();
  CHECK(now >= before);
  CHECK(now - before < std::chrono::seconds{5});
}
