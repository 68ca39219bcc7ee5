#include "tsuikyaku/core/result.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku::core;

namespace {

Result<int> half(int n) {
  if (n % 2 != 0) return Failure{std::to_string(n) + " is odd"};
  return n / 2;
}

Status even(int n) {
  if (n % 2 != 0) return Failure{"odd"};
  return {};
}

}  // namespace

TEST_CASE("result: a value or the reason there is none", "[core]") {
  const Result<int> four = half(8);
  REQUIRE(four.ok());
  CHECK(four.value() == 4);
  const Result<int> none = half(3);
  CHECK_FALSE(none);
  CHECK(none.reason() == "3 is odd");
  Result<std::string> text = std::string("kept");
  CHECK(text->size() == 4);
  CHECK(std::move(text).value() == "kept");
}

TEST_CASE("result: a status is ok or has a reason", "[core]") {
  CHECK(even(2).ok());
  CHECK(even(2).reason().empty());
  CHECK_FALSE(even(3));
  CHECK(even(3).reason() == "odd");
}
