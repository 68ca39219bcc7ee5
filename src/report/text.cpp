#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "format.hpp"
#include "tsuikyaku/core/i18n.hpp"
#include "tsuikyaku/core/text_table.hpp"
#include "tsuikyaku/report/render.hpp"

// `tsuikyaku report` in a terminal (SPEC §9, §11): compact tables, and bars where a
// picture reads faster than numbers (segment sizes, revenue by month, spend by cohort).

namespace tsuikyaku::report {
namespace {

using core::TextTable;
using detail::count;
using detail::percent;
using Align = TextTable::Align;

using detail::money;

constexpr std::size_t k_bar_width = 24;
constexpr std::size_t k_text_moves = 12;

struct Style {
  bool color = false;
  std::string heading(std::string_view text) const {
    return color ? fmt::format("\x1b[1m{}\x1b[0m\n", text) : fmt::format("{}\n", text);
  }
  std::string paint(std::string_view text, int code) const {
    return color && !text.empty() ? fmt::format("\x1b[{}m{}\x1b[0m", code, text)
                                  : std::string(text);
  }
};

constexpr int k_cyan = 36;
constexpr int k_yellow = 33;

std::string segments_text(const Report& report, const ShopView& shop, const Style& style) {
  if (!report.segments) {
    return style.heading(core::tr("Segments")) + "  " +
           core::trf(
               "No segment run stored at or before {}; `tsuikyaku segments --save` (or "
               "a daily `tsuikyaku send`) stores one.",
               detail::local_minute(report.as_of, shop.zone)) +
           '\n';
  }
  const SegmentSummary& summary = *report.segments;
  std::string out = style.heading(
      core::trf("Segments  (run #{} as of {}, {} scoring)", summary.run.id,
                detail::local_minute(summary.run.as_of, shop.zone), summary.run.scoring));
  TextTable table(
      {Align::left, Align::right, Align::right, Align::right, Align::right, Align::left});
  table.add_row({core::tr("segment"), core::tr("customers"), core::tr("share"), core::tr("orders"),
                 core::tr("revenue")});
  for (const SegmentTally& tally : summary.segments) {
    // The bar stands beside the revenue, so it is the segment's share of the revenue.
    const double share = ratio(tally.customers, summary.totals.customers);
    const double revenue = ratio(tally.revenue, summary.totals.revenue);
    table.add_row({tally.name, count(tally.customers), percent(share), count(tally.orders),
                   money(shop, tally.revenue),
                   style.paint(detail::bar(revenue, k_bar_width), k_cyan)});
  }
  table.add_row({core::tr("total"), count(summary.totals.customers), "",
                 count(summary.totals.orders), money(shop, summary.totals.revenue)});
  return out + table.render(2);
}

std::string segment_label(const std::string& name, bool from) {
  if (!name.empty()) return name;
  return from ? core::tr("(new customer)") : core::tr("(no counted order)");
}

std::string moves_table(const Movement& movement) {
  std::vector<Move> moves;
  std::int64_t stayed = 0;
  for (const Move& move : movement.moves) {
    if (move.from == move.to) {
      stayed += move.customers;
    } else {
      moves.push_back(move);
    }
  }
  std::stable_sort(moves.begin(), moves.end(),
                   [](const Move& a, const Move& b) { return a.customers > b.customers; });
  TextTable table({Align::left, Align::left, Align::left, Align::right});
  for (std::size_t i = 0; i < moves.size() && i < k_text_moves; ++i) {
    table.add_row({segment_label(moves[i].from, true), "→", segment_label(moves[i].to, false),
                   count(moves[i].customers)});
  }
  std::string out = table.render(2);
  if (moves.size() > k_text_moves) {
    const std::size_t more = moves.size() - k_text_moves;
    out += "  " +
           core::trf_n("… and {} smaller move (--json or --html for all)",
                       "… and {} smaller moves (--json or --html for all)", more, more) +
           '\n';
  }
  return out + "  " + core::trf("{} stayed in their segment.", count(stayed)) + '\n';
}

std::string movement_text(const Report& report, const ShopView& shop, const Style& style) {
  switch (report.movement_gap) {
    case MovementGap::no_runs:
      return style.heading(core::tr("Movement")) + "  " +
             core::tr("No segment run stored yet, so nothing to compare.") + '\n';
    case MovementGap::single_run:
      return style.heading(core::tr("Movement")) + "  " +
             core::tr(
                 "Only one segment run so far; run `tsuikyaku segments --save` again later "
                 "to see who moved.") +
             '\n';
    case MovementGap::none_at_since:
      return style.heading(core::tr("Movement")) + "  " +
             core::trf("No segment run stored at or before --since {}.",
                       detail::local_minute(*report.since, shop.zone)) +
             '\n';
    case MovementGap::none:
      break;
  }
  const Movement& movement = *report.movement;
  std::string out = style.heading(core::trf("Movement since {}  (run #{} → #{})",
                                            detail::local_minute(movement.from.as_of, shop.zone),
                                            movement.from.id, movement.to.id));
  std::vector<std::string> named;
  for (const auto& [from, to] :
       {std::pair{"new", "repeat"}, std::pair{"repeat", "loyal"}, std::pair{"loyal", "dormant"}}) {
    if (const auto n = movement.named(from, to)) {
      named.push_back(fmt::format("{} → {}: {}", from, to, count(*n)));
    }
  }
  if (!named.empty()) out += "  " + fmt::format("{}", fmt::join(named, "   ")) + '\n';
  return out + moves_table(movement);
}

std::string again_cell(const Cohort& cohort, std::size_t window) {
  const auto& again = cohort.ordered_again[window];
  if (!again) return "—";
  return fmt::format("{} ({})", percent(ratio(*again, cohort.customers)), count(*again));
}

// Said under a table that shows only the newest rows, so no figure goes missing unseen:
// `message` says how many ("(the last {} months; …)").
std::string newest_only_note(std::size_t skipped, std::string message) {
  if (skipped == 0) return {};
  return "  " + message + '\n';
}

std::string last_cohorts() {
  return core::trf("(the last {} cohorts; --json or --html for all)", k_text_cohorts);
}

std::string repeat_text(const OrderSummary& orders, const Style& style) {
  std::string out = style.heading(core::tr("Repeat purchases"));
  out += "  " +
         core::trf_n("{} customer; {} of them ({}) ordered twice or more.",
                     "{} customers; {} of them ({}) ordered twice or more.",
                     static_cast<unsigned long>(orders.customers), count(orders.customers),
                     count(orders.repeat_customers),
                     percent(ratio(orders.repeat_customers, orders.customers))) +
         '\n';
  TextTable table({Align::left, Align::right, Align::right, Align::right, Align::right});
  std::vector<std::string> header{core::tr("first order"), core::tr("buyers")};
  for (const int days : k_repeat_windows) header.push_back(core::trf("again ≤{}d", days));
  table.add_row(header);
  const std::size_t skip = orders.cohorts.size() - std::min(orders.cohorts.size(), k_text_cohorts);
  for (std::size_t i = skip; i < orders.cohorts.size(); ++i) {
    const Cohort& cohort = orders.cohorts[i];
    std::vector<std::string> row{detail::month_label(cohort.month), count(cohort.customers)};
    for (std::size_t w = 0; w < k_repeat_windows.size(); ++w) row.push_back(again_cell(cohort, w));
    table.add_row(row);
  }
  return out + table.render(2) + "  " +
         core::tr("— : the window has not yet passed since the end of that month.") + '\n' +
         newest_only_note(skip, last_cohorts());
}

std::string revenue_text(const OrderSummary& orders, const ShopView& shop, const Style& style) {
  std::string out = style.heading(core::trf("Revenue by month  ({} first orders, {} repeat orders)",
                                            style.paint("█", k_cyan), style.paint("░", k_yellow)));
  std::int64_t top = 0;
  for (const MonthRevenue& month : orders.months) top = std::max(top, month.revenue());
  TextTable table({Align::left, Align::right, Align::right, Align::right, Align::left});
  table.add_row({core::tr("month"), core::tr("revenue"), core::tr("repeat"), core::tr("repeat %")});
  const std::size_t skip = orders.months.size() - std::min(orders.months.size(), k_text_months);
  for (std::size_t i = skip; i < orders.months.size(); ++i) {
    const MonthRevenue& month = orders.months[i];
    const auto cells = [&](std::int64_t amount) {
      return static_cast<std::size_t>(
          std::lround(ratio(amount, top) * static_cast<double>(k_bar_width)));
    };
    const std::size_t first = cells(month.first_revenue);
    const std::size_t total = std::max(cells(month.revenue()), first);
    std::string bar;
    for (std::size_t c = 0; c < first; ++c) bar += "█";
    std::string repeat_bar;
    for (std::size_t c = first; c < total; ++c) repeat_bar += "░";
    table.add_row({detail::month_label(month.month), money(shop, month.revenue()),
                   money(shop, month.repeat_revenue),
                   percent(ratio(month.repeat_revenue, month.revenue())),
                   style.paint(bar, k_cyan) + style.paint(repeat_bar, k_yellow)});
  }
  return out + table.render(2) +
         newest_only_note(
             skip, core::trf("(the last {} months; --json or --html for all)", k_text_months));
}

std::string retention_text(const OrderSummary& orders, const Style& style) {
  std::string out = style.heading(
      core::tr("Cohort retention  (share of each month's new customers who ordered n months "
               "later)"));
  const std::size_t skip = orders.cohorts.size() - std::min(orders.cohorts.size(), k_text_cohorts);
  std::size_t offsets = 0;
  for (std::size_t i = skip; i < orders.cohorts.size(); ++i) {
    offsets = std::max(offsets, std::min(orders.cohorts[i].active.size(), k_text_cohorts + 1));
  }
  std::vector<Align> aligns(offsets + 2, Align::right);
  aligns[0] = Align::left;
  TextTable table(aligns);
  std::vector<std::string> header{core::tr("cohort"), core::tr("size")};
  for (std::size_t k = 0; k < offsets; ++k) header.push_back(fmt::format("+{}", k));
  table.add_row(header);
  for (std::size_t i = skip; i < orders.cohorts.size(); ++i) {
    const Cohort& cohort = orders.cohorts[i];
    std::vector<std::string> row{detail::month_label(cohort.month), count(cohort.customers)};
    for (std::size_t k = 0; k < cohort.active.size() && k < offsets; ++k) {
      row.push_back(fmt::format("{:.0f}%", ratio(cohort.active[k], cohort.customers) * 100.0));
    }
    table.add_row(row);
  }
  return out + table.render(2) + newest_only_note(skip, last_cohorts());
}

std::string spend_text(const OrderSummary& orders, const ShopView& shop, const Style& style) {
  std::string out = style.heading(core::tr("Average spend per customer by cohort  (to date)"));
  const std::size_t skip = orders.cohorts.size() - std::min(orders.cohorts.size(), k_text_cohorts);
  std::int64_t top = 0;
  for (const Cohort& cohort : orders.cohorts) top = std::max(top, cohort.average_spend());
  TextTable table(
      {Align::left, Align::right, Align::right, Align::right, Align::right, Align::left});
  table.add_row({core::tr("cohort"), core::tr("customers"), core::tr("orders"), core::tr("revenue"),
                 core::tr("per customer")});
  for (std::size_t i = skip; i < orders.cohorts.size(); ++i) {
    const Cohort& cohort = orders.cohorts[i];
    table.add_row(
        {detail::month_label(cohort.month), count(cohort.customers), count(cohort.orders),
         money(shop, cohort.revenue), money(shop, cohort.average_spend()),
         style.paint(detail::bar(ratio(cohort.average_spend(), top), k_bar_width), k_cyan)});
  }
  return out + table.render(2) + newest_only_note(skip, last_cohorts());
}

std::string coupon_cell(const CampaignTally& campaign, const ShopView& shop) {
  if (!campaign.has_coupons()) return "—";
  return core::trf("{} of {} codes, {} orders, {}", count(campaign.coupons_redeemed),
                   count(campaign.coupons_sent), count(campaign.coupon_orders),
                   money(shop, campaign.coupon_revenue));
}

std::string campaigns_text(const Report& report, const ShopView& shop, const Style& style) {
  std::string out = style.heading(core::trf(
      "Campaigns  (orders by recipients within {} days after a message)", k_attribution_days));
  if (report.campaigns.empty()) return out + "  " + core::tr("No message sent yet.") + '\n';
  TextTable table({Align::left, Align::right, Align::right, Align::right, Align::right,
                   Align::right, Align::right, Align::left});
  table.add_row({core::tr("campaign"), core::tr("sent"), core::tr("recipients"),
                 core::tr("ordered"), core::tr("rate"), core::tr("orders"), core::tr("revenue"),
                 core::tr("coupons used")});
  for (const CampaignTally& campaign : report.campaigns) {
    table.add_row({campaign.name, count(campaign.messages_sent), count(campaign.recipients),
                   count(campaign.customers_ordered),
                   percent(ratio(campaign.customers_ordered, campaign.recipients)),
                   count(campaign.orders), money(shop, campaign.revenue),
                   coupon_cell(campaign, shop)});
  }
  return out + table.render(2);
}

}  // namespace

std::string render_text(const Report& report, const ShopView& shop, bool color) {
  const Style style{color};
  std::string out =
      style.heading(core::trf("{} — report as of {} ({})", shop.name,
                              detail::local_minute(report.as_of, shop.zone), shop.zone.name()));
  out += '\n' + segments_text(report, shop, style);
  out += '\n' + movement_text(report, shop, style);
  if (report.orders.customers == 0) {
    out += '\n' + style.heading(core::tr("Orders")) + "  " +
           core::tr("No counted order at or before the as-of moment.") + '\n';
  } else {
    out += '\n' + repeat_text(report.orders, style);
    out += '\n' + revenue_text(report.orders, shop, style);
    out += '\n' + retention_text(report.orders, style);
    out += '\n' + spend_text(report.orders, shop, style);
  }
  out += '\n' + campaigns_text(report, shop, style);
  return out;
}

}  // namespace tsuikyaku::report
