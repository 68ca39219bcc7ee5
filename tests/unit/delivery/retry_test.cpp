#include "tsuikyaku/delivery/retry.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;
using namespace tsuikyaku::delivery;
using std::chrono::hours;
using std::chrono::minutes;

TEST_CASE("delivery: backoff is 15 min, 1 h, 4 h, then daily", "[delivery]") {
  CHECK(backoff(1) == minutes{15});
  CHECK(backoff(2) == hours{1});
  CHECK(backoff(3) == hours{4});
  CHECK(backoff(4) == hours{24});
  CHECK(backoff(30) == hours{24});
}

TEST_CASE("delivery: the next attempt follows the backoff from the deferral", "[delivery]") {
  const core::Instant first = core::from_unix(1'795'000'000);
  CHECK(next_attempt(first, 1, first) == first + minutes{15});
  CHECK(next_attempt(first, 2, first + minutes{20}) == first + minutes{80});
  CHECK(next_attempt(first, 4, first + hours{30}) == first + hours{54});
}

TEST_CASE("delivery: a message gets a last try at 3 days and then fails", "[delivery]") {
  const core::Instant first = core::from_unix(1'795'000'000);
  CHECK(next_attempt(first, 5, first + hours{60}) == first + hours{72});
  CHECK_FALSE(next_attempt(first, 6, first + hours{72}).has_value());
  CHECK_FALSE(next_attempt(first, 6, first + hours{100}).has_value());
}
