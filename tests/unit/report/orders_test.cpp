#include <catch2/catch.hpp>

#include "tsuikyaku/report/report.hpp"

using namespace tsuikyaku;
using report::Month;
using report::OrderFact;

namespace {

const core::TimeZone& tokyo() {
  static const core::TimeZone zone = *core::TimeZone::find("Asia/Tokyo");
  return zone;
}

core::Instant at(int month, int day, int hour = 10, int minute = 0) {
  return tokyo().to_instant(*core::make_local(2026, month, day, hour, minute));
}

// The counted orders of docs/report.md's example shop (customers 1 to 4 are A to D).
std::vector<OrderFact> example_orders() {
  return {
      {2, at(4, 15), 700},  {1, at(1, 10), 1000}, {1, at(3, 5), 3000},  {2, at(2, 1, 0, 30), 500},
      {3, at(2, 10), 4000}, {4, at(3, 20), 1500}, {1, at(1, 25), 2000},
  };
}

}  // namespace

TEST_CASE("report: customers with two or more orders are repeat customers", "[report]") {
  const auto summary = report::summarize_orders(example_orders(), tokyo(), at(6, 1, 0));
  CHECK(summary.customers == 4);
  CHECK(summary.repeat_customers == 2);
  CHECK(summary.orders == 7);
  CHECK(summary.revenue == 12700);
}

TEST_CASE("report: revenue by month splits first and repeat orders in the shop's zone",
          "[report]") {
  const auto summary = report::summarize_orders(example_orders(), tokyo(), at(6, 1, 0));
  REQUIRE(summary.months.size() == 6);  // January to the as-of's June, empty months too
  const auto& jan = summary.months[0];
  CHECK(jan.month == Month{2026, 1});
  CHECK((jan.first_orders == 1 && jan.first_revenue == 1000));
  CHECK((jan.repeat_orders == 1 && jan.repeat_revenue == 2000));
  const auto& feb = summary.months[1];  // B's 00:30 on Feb 1 is still January in UTC
  CHECK((feb.first_orders == 2 && feb.first_revenue == 4500 && feb.repeat_orders == 0));
  const auto& mar = summary.months[2];
  CHECK((mar.first_revenue == 1500 && mar.repeat_revenue == 3000));
  CHECK((summary.months[3].repeat_revenue == 700 && summary.months[3].first_orders == 0));
  CHECK(summary.months[4].revenue() == 0);
  CHECK(summary.months[5].month == Month{2026, 6});
}

TEST_CASE("report: cohorts count second orders within 30, 60 and 90 days", "[report]") {
  const auto summary = report::summarize_orders(example_orders(), tokyo(), at(6, 1, 0));
  REQUIRE(summary.cohorts.size() == 3);  // April to June have no first-time buyers
  const auto& jan = summary.cohorts[0];
  CHECK(jan.customers == 1);
  CHECK(jan.ordered_again == std::array<std::optional<std::int64_t>, 3>{1, 1, 1});
  const auto& feb = summary.cohorts[1];  // B again after 73 days
  CHECK(feb.customers == 2);
  CHECK(feb.ordered_again == std::array<std::optional<std::int64_t>, 3>{0, 0, 1});
}

TEST_CASE("report: a cohort too young for a window has no figure for it", "[report]") {
  // March ends on April 1; 90 days later is June 30, after the as-of.
  auto summary = report::summarize_orders(example_orders(), tokyo(), at(6, 1, 0));
  const auto& mar = summary.cohorts[2];
  CHECK(mar.month == Month{2026, 3});
  CHECK(mar.ordered_again[0] == std::optional<std::int64_t>(0));
  CHECK(mar.ordered_again[1] == std::optional<std::int64_t>(0));
  CHECK_FALSE(mar.ordered_again[2].has_value());
  // Exactly 90 days after the end of March it has one.
  summary =
      report::summarize_orders(example_orders(), tokyo(), at(4, 1, 0) + std::chrono::days{90});
  CHECK(summary.cohorts[2].ordered_again[2] == std::optional<std::int64_t>(0));
}

TEST_CASE("report: retention counts each customer once per month of ordering", "[report]") {
  const auto summary = report::summarize_orders(example_orders(), tokyo(), at(6, 1, 0));
  // A ordered twice in January and once in March.
  CHECK(summary.cohorts[0].active == std::vector<std::int64_t>{1, 0, 1, 0, 0, 0});
  CHECK(summary.cohorts[1].active == std::vector<std::int64_t>{2, 0, 1, 0, 0});
  CHECK(summary.cohorts[2].active == std::vector<std::int64_t>{1, 0, 0, 0});
}

TEST_CASE("report: spend per customer by cohort is lifetime revenue to date", "[report]") {
  const auto summary = report::summarize_orders(example_orders(), tokyo(), at(6, 1, 0));
  CHECK((summary.cohorts[0].revenue == 6000 && summary.cohorts[0].orders == 3));
  CHECK(summary.cohorts[0].average_spend() == 6000);
  CHECK((summary.cohorts[1].revenue == 5200 && summary.cohorts[1].average_spend() == 2600));
}

TEST_CASE("report: of two orders in the same second the smaller is the first", "[report]") {
  const auto summary =
      report::summarize_orders({{1, at(1, 10), 900}, {1, at(1, 10), 100}}, tokyo(), at(2, 1));
  CHECK(summary.months[0].first_revenue == 100);
  CHECK(summary.months[0].repeat_revenue == 900);
  CHECK(summary.cohorts[0].ordered_again[0] == std::nullopt);  // January ended on Feb 1
}

TEST_CASE("report: no orders give an empty summary", "[report]") {
  const auto summary = report::summarize_orders({}, tokyo(), at(6, 1));
  CHECK(summary.customers == 0);
  CHECK(summary.months.empty());
  CHECK(summary.cohorts.empty());
}

TEST_CASE("report: averages round half to even in minor units", "[report]") {
  CHECK(report::average_minor(5, 2) == 2);
  CHECK(report::average_minor(7, 2) == 4);
  CHECK(report::average_minor(11, 4) == 3);
  CHECK(report::average_minor(-5, 2) == -2);
  CHECK(report::average_minor(-7, 2) == -4);
  CHECK(report::average_minor(10, 0) == 0);
  CHECK(report::ratio(1, 4) == 0.25);
  CHECK(report::ratio(1, 0) == 0.0);
}

TEST_CASE("report: months are written year-dash-month", "[report]") {
  CHECK(report::format_month({2026, 1}) == "2026-01");
  CHECK(report::format_month({2025, 12}) == "2025-12");
  CHECK(report::next_month({2025, 12}) == Month{2026, 1});
}
