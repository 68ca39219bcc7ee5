#include "report_json.hpp"

#include <cmath>

namespace tsuikyaku::cli {
namespace {

using Json = nlohmann::ordered_json;

// Rates to four decimals: enough for a percentage with two, short to read.
double rate(std::int64_t part, std::int64_t whole) {
  return std::round(report::ratio(part, whole) * 10000.0) / 10000.0;
}

Json nullable(const std::string& name) { return name.empty() ? Json(nullptr) : Json(name); }

struct Writer {
  const report::ShopView& shop;

  std::string amount(std::int64_t minor) const {
    return core::format_major(core::Money(minor, *shop.currency));
  }
  std::string time(core::Instant t) const { return core::format_iso(t, shop.zone); }

  Json run(const report::SegmentRun& run) const {
    return {{"id", run.id}, {"as_of", time(run.as_of)}, {"scoring", run.scoring}};
  }

  Json segments(const report::Report& report) const {
    if (!report.segments) return nullptr;
    Json list = Json::array();
    for (const report::SegmentTally& tally : report.segments->segments) {
      list.push_back({{"name", tally.name},
                      {"customers", tally.customers},
                      {"orders", tally.orders},
                      {"revenue", amount(tally.revenue)}});
    }
    const report::SegmentTally& totals = report.segments->totals;
    return {{"run", run(report.segments->run)},
            {"segments", list},
            {"totals",
             {{"customers", totals.customers},
              {"orders", totals.orders},
              {"revenue", amount(totals.revenue)}}}};
  }

  Json movement(const report::Report& report) const {
    static constexpr const char* k_status[] = {"compared", "no_runs", "single_run",
                                               "no_run_at_since"};
    Json out{{"status", k_status[static_cast<int>(report.movement_gap)]},
             {"since", report.since ? Json(time(*report.since)) : Json(nullptr)}};
    if (!report.movement) return out;
    const report::Movement& movement = *report.movement;
    const auto named = [&](const char* from, const char* to) {
      const auto n = movement.named(from, to);
      return n ? Json(*n) : Json(nullptr);
    };
    out["from_run"] = run(movement.from);
    out["to_run"] = run(movement.to);
    out["new_to_repeat"] = named("new", "repeat");
    out["repeat_to_loyal"] = named("repeat", "loyal");
    out["loyal_to_dormant"] = named("loyal", "dormant");
    Json moves = Json::array();
    for (const report::Move& move : movement.moves) {
      moves.push_back({{"from", nullable(move.from)},
                       {"to", nullable(move.to)},
                       {"customers", move.customers}});
    }
    out["moves"] = moves;
    return out;
  }

  Json months(const report::OrderSummary& orders) const {
    Json list = Json::array();
    for (const report::MonthRevenue& month : orders.months) {
      list.push_back({{"month", report::format_month(month.month)},
                      {"orders", month.first_orders + month.repeat_orders},
                      {"revenue", amount(month.revenue())},
                      {"first_orders", month.first_orders},
                      {"first_revenue", amount(month.first_revenue)},
                      {"repeat_orders", month.repeat_orders},
                      {"repeat_revenue", amount(month.repeat_revenue)}});
    }
    return list;
  }

  Json cohorts(const report::OrderSummary& orders) const {
    Json list = Json::array();
    for (const report::Cohort& cohort : orders.cohorts) {
      Json again = Json::array();
      for (std::size_t w = 0; w < report::k_repeat_windows.size(); ++w) {
        const auto& n = cohort.ordered_again[w];
        again.push_back({{"days", report::k_repeat_windows[w]},
                         {"customers", n ? Json(*n) : Json(nullptr)},
                         {"rate", n ? Json(rate(*n, cohort.customers)) : Json(nullptr)}});
      }
      list.push_back({{"month", report::format_month(cohort.month)},
                      {"customers", cohort.customers},
                      {"orders", cohort.orders},
                      {"revenue", amount(cohort.revenue)},
                      {"average_spend", amount(cohort.average_spend())},
                      {"ordered_again", again},
                      {"retention", cohort.active}});
    }
    return list;
  }

  Json campaigns(const report::Report& report) const {
    Json list = Json::array();
    for (const report::CampaignTally& c : report.campaigns) {
      Json coupons = nullptr;
      if (c.has_coupons()) {
        coupons = {{"sent", c.coupons_sent},
                   {"redeemed", c.coupons_redeemed},
                   {"orders", c.coupon_orders},
                   {"revenue", amount(c.coupon_revenue)}};
      }
      list.push_back({{"name", c.name},
                      {"messages_sent", c.messages_sent},
                      {"recipients", c.recipients},
                      {"customers_ordered", c.customers_ordered},
                      {"order_rate", rate(c.customers_ordered, c.recipients)},
                      {"orders", c.orders},
                      {"revenue", amount(c.revenue)},
                      {"coupons", coupons}});
    }
    return list;
  }
};

}  // namespace

Json report_json(const report::Report& report, const report::ShopView& shop) {
  const Writer w{shop};
  const report::OrderSummary& orders = report.orders;
  return {
      {"as_of", w.time(report.as_of)},
      {"shop",
       {{"name", shop.name}, {"currency", shop.currency->code}, {"timezone", shop.zone.name()}}},
      {"attribution_days", report::k_attribution_days},
      {"totals",
       {{"customers", orders.customers},
        {"orders", orders.orders},
        {"revenue", w.amount(orders.revenue)}}},
      {"segments", w.segments(report)},
      {"movement", w.movement(report)},
      {"repeat_purchase",
       {{"customers", orders.customers},
        {"repeat_customers", orders.repeat_customers},
        {"repeat_rate", rate(orders.repeat_customers, orders.customers)}}},
      {"revenue_by_month", w.months(orders)},
      {"cohorts", w.cohorts(orders)},
      {"campaigns", w.campaigns(report)}};
}

}  // namespace tsuikyaku::cli
