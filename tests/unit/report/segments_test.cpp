#include <catch2/catch.hpp>

#include "tsuikyaku/report/report.hpp"

using namespace tsuikyaku;
using report::Move;
using report::SegmentRun;
using report::SegmentTally;

namespace {

SegmentRun run(std::int64_t id, std::vector<std::string> rules) {
  return {id, core::from_unix(id * 86400), "percentile", std::move(rules)};
}

const std::vector<std::string> k_rules{"dormant", "loyal", "repeat", "new"};

}  // namespace

TEST_CASE("report: segments are listed in rule order with empty rules as zeros", "[report]") {
  const auto summary = report::summarize_segments(
      run(3, k_rules), {{"new", 2, 2, 5500}, {"dormant", 1, 3, 6000}, {"repeat", 1, 2, 1200}});
  REQUIRE(summary.segments.size() == 4);
  CHECK(summary.segments[0].name == "dormant");
  CHECK(summary.segments[1].name == "loyal");
  CHECK(summary.segments[1].customers == 0);
  CHECK(summary.segments[3].name == "new");
  CHECK(summary.totals.customers == 4);
  CHECK(summary.totals.orders == 7);
  CHECK(summary.totals.revenue == 12700);
}

TEST_CASE("report: other and names no longer in the rules come after the rules", "[report]") {
  const auto summary = report::summarize_segments(
      run(1, {"vip", "new"}), {{"zeta", 1, 1, 1}, {"other", 2, 2, 2}, {"alpha", 3, 3, 3}});
  std::vector<std::string> names;
  for (const auto& tally : summary.segments) names.push_back(tally.name);
  CHECK(names == std::vector<std::string>{"vip", "new", "other", "alpha", "zeta"});
}

TEST_CASE("report: movement counts the watched moves and keeps the full matrix", "[report]") {
  const auto movement = report::summarize_movement(run(2, k_rules), run(3, k_rules),
                                                   {{"new", "new", 2},
                                                    {"loyal", "dormant", 1},
                                                    {"new", "repeat", 1},
                                                    {"", "new", 1},
                                                    {"repeat", "", 0}});
  CHECK(movement.named("new", "repeat") == std::optional<std::int64_t>(1));
  CHECK(movement.named("repeat", "loyal") == std::optional<std::int64_t>(0));
  CHECK(movement.named("loyal", "dormant") == std::optional<std::int64_t>(1));
  CHECK(movement.count("", "new") == 1);
  // Zero cells dropped, the rest in axis order: rules, then "" (no segment) last.
  REQUIRE(movement.moves.size() == 4);
  CHECK((movement.moves[0].from == "loyal" && movement.moves[0].to == "dormant"));
  CHECK((movement.moves[1].from == "new" && movement.moves[1].to == "repeat"));
  CHECK((movement.moves[2].from == "new" && movement.moves[2].to == "new"));
  CHECK((movement.moves[3].from.empty() && movement.moves[3].to == "new"));
  CHECK(movement.names == std::vector<std::string>{"dormant", "loyal", "repeat", "new", ""});
}

TEST_CASE("report: a watched move is absent when the rules lack its segments", "[report]") {
  const std::vector<std::string> rfm{"Champions", "Lost Customers"};
  const auto movement =
      report::summarize_movement(run(1, rfm), run(2, rfm), {{"Champions", "Lost Customers", 4}});
  CHECK_FALSE(movement.named("new", "repeat").has_value());
  CHECK(movement.count("Champions", "Lost Customers") == 4);
}
