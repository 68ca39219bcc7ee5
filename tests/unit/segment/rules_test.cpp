#include "tsuikyaku/segment/rules.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;
using segment::Rfm;
using segment::Rule;
using segment::RuleMatcher;

namespace {

Rfm customer(std::int64_t recency, std::int64_t orders, std::int64_t spent, int r, int f, int m) {
  return Rfm{recency, orders, spent, r, f, m};
}

Rule named(std::string name) {
  Rule rule;
  rule.name = std::move(name);
  return rule;
}

}  // namespace

TEST_CASE("segment: the default rules sort SPEC §5's customers", "[segment]") {
  const auto rules = segment::default_rules();
  const RuleMatcher matcher(rules);
  CHECK(matcher.match(customer(90, 5, 90000, 1, 5, 5)) == 0);  // dormant before loyal
  CHECK(matcher.match(customer(89, 3, 90000, 4, 4, 4)) == 1);  // loyal
  CHECK(matcher.match(customer(89, 3, 900, 4, 4, 3)) == 2);    // repeat: m too low
  CHECK(matcher.match(customer(10, 2, 900, 4, 4, 5)) == 2);    // repeat: too few orders
  CHECK(matcher.match(customer(0, 1, 900, 5, 1, 5)) == 3);     // new
}

TEST_CASE("segment: the first matching rule wins, in the order written", "[segment]") {
  Rule big = named("big");
  big.monetary.min = 10000;
  Rule frequent = named("frequent");
  frequent.frequency.min = 3;
  const Rfm both = customer(5, 4, 20000, 5, 5, 5);
  CHECK(RuleMatcher(std::vector{big, frequent}).match(both) == 0);
  CHECK(RuleMatcher(std::vector{frequent, big}).match(both) == 0);
  const std::vector reversed{frequent, big};
  CHECK(reversed[RuleMatcher(reversed).match(both)].name == "frequent");
}

TEST_CASE("segment: min and max are inclusive and every condition must hold", "[segment]") {
  Rule rule = named("window");
  rule.recency_days = {30, 60};
  rule.r.max = 2;
  const std::vector rules{rule};
  const RuleMatcher matcher(rules);
  CHECK(matcher.match(customer(30, 1, 0, 2, 1, 1)) == 0);
  CHECK(matcher.match(customer(60, 1, 0, 1, 1, 1)) == 0);
  CHECK(matcher.match(customer(29, 1, 0, 2, 1, 1)) == 1);
  CHECK(matcher.match(customer(61, 1, 0, 2, 1, 1)) == 1);
  CHECK(matcher.match(customer(45, 1, 0, 3, 1, 1)) == 1);  // r too high
}

TEST_CASE("segment: a customer no rule matches is other", "[segment]") {
  Rule rule = named("loyal");
  rule.frequency.min = 3;
  const std::vector rules{rule};
  CHECK(RuleMatcher(rules).match(customer(1, 1, 100, 5, 1, 1)) == rules.size());
  CHECK(RuleMatcher({}).match(customer(1, 1, 100, 5, 1, 1)) == 0);
  CHECK(std::string(segment::k_other_segment) == "other");
}

TEST_CASE("segment: rfm code lists match the three scores as one code", "[segment]") {
  Rule champions = named("champions");
  champions.rfm_codes = {555, 554, 544};
  Rule lost = named("lost");
  lost.rfm_codes = {111, 112};
  lost.frequency.max = 1;  // a code list combines with other conditions
  const std::vector rules{champions, lost};
  const RuleMatcher matcher(rules);
  CHECK(matcher.match(customer(1, 9, 0, 5, 5, 5)) == 0);
  CHECK(matcher.match(customer(1, 9, 0, 5, 4, 4)) == 0);
  CHECK(matcher.match(customer(1, 9, 0, 4, 5, 5)) == 2);
  CHECK(matcher.match(customer(400, 1, 0, 1, 1, 2)) == 1);
  CHECK(matcher.match(customer(400, 2, 0, 1, 1, 2)) == 2);  // code fits, frequency does not
  CHECK(customer(0, 0, 0, 3, 2, 1).code() == 321);
}

TEST_CASE("segment: a rule without conditions matches everyone", "[segment]") {
  const std::vector rules{named("everyone"), named("never")};
  CHECK(RuleMatcher(rules).match(customer(1000, 1, 0, 1, 1, 1)) == 0);
}

TEST_CASE("segment: a customer entered its segment the day time alone put it there", "[segment]") {
  const auto defaults = segment::default_rules();
  const RuleMatcher matcher(defaults);
  // Dormant from 90 days after the last order, however long ago that was.
  CHECK(matcher.entry_recency(customer(400, 1, 900, 1, 1, 1)) == 90);
  CHECK(matcher.entry_recency(customer(90, 5, 90000, 1, 5, 5)) == 90);
  // Loyal, repeat and new customers are so from their last order on.
  CHECK(matcher.entry_recency(customer(89, 3, 90000, 4, 4, 4)) == 0);
  CHECK(matcher.entry_recency(customer(10, 1, 900, 5, 1, 1)) == 0);

  // Recency bands in order: active up to 30 days, cooling up to 89, then lost. A cooling
  // customer entered on day 31; one in `other` (no rule matches) after the band it left.
  Rule active = named("active");
  active.recency_days.max = 30;
  Rule cooling = named("cooling");
  cooling.recency_days.max = 89;
  cooling.frequency.min = 2;
  const std::vector rules{active, cooling};
  const RuleMatcher bands(rules);
  CHECK(bands.entry_recency(customer(60, 2, 900, 3, 3, 3)) == 31);
  CHECK(bands.entry_recency(customer(100, 2, 900, 3, 3, 3)) == 90);
  // One order only: cooling never matched it, so it has been `other` since day 31.
  CHECK(bands.entry_recency(customer(60, 1, 900, 3, 3, 3)) == 31);
  CHECK(bands.entry_recency(customer(20, 1, 900, 3, 3, 3)) == 0);
}
