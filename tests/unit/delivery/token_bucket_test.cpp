#include "tsuikyaku/delivery/token_bucket.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

using namespace tsuikyaku;
using namespace tsuikyaku::delivery;
using std::chrono::milliseconds;

TEST_CASE("delivery: the token bucket spaces sends evenly at the rate", "[delivery]") {
  TokenBucket bucket(core::Rate{20, std::chrono::seconds{1}});
  CHECK(bucket.interval() == milliseconds{50});
  const TokenBucket::Clock::time_point start{std::chrono::hours{1}};
  CHECK(bucket.reserve(start) == start);
  CHECK(bucket.reserve(start) == start + milliseconds{50});
  CHECK(bucket.reserve(start + milliseconds{10}) == start + milliseconds{100});
  // An idle bucket does not save up a burst: after a pause the next send goes at once,
  // the one after it an interval later.
  CHECK(bucket.reserve(start + milliseconds{1000}) == start + milliseconds{1000});
  CHECK(bucket.reserve(start + milliseconds{1000}) == start + milliseconds{1050});
}

TEST_CASE("delivery: threads sharing a bucket each get a slot of their own", "[delivery]") {
  TokenBucket bucket(core::Rate{100, std::chrono::minutes{1}});
  const TokenBucket::Clock::time_point start{std::chrono::hours{1}};
  std::vector<std::vector<TokenBucket::Clock::time_point>> slots(4);
  std::vector<std::thread> threads;
  for (auto& mine : slots) {
    threads.emplace_back([&bucket, &mine, start] {
      for (int i = 0; i < 250; ++i) mine.push_back(bucket.reserve(start));
    });
  }
  for (auto& thread : threads) thread.join();
  std::vector<TokenBucket::Clock::time_point> all;
  for (const auto& mine : slots) all.insert(all.end(), mine.begin(), mine.end());
  std::sort(all.begin(), all.end());
  REQUIRE(all.size() == 1000);
  int misplaced = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i] != start + static_cast<int>(i) * milliseconds{600}) ++misplaced;
  }
  CHECK(misplaced == 0);
}
