#include <fmt/format.h>

#include <algorithm>

#include "format.hpp"
#include "html_parts.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/report/render.hpp"

// `tsuikyaku report --html FILE` (SPEC §9): one file that opens in any browser, offline
// and years later: inline CSS and SVG, no script, no external asset. Every text from
// the data goes through core::html_escape().

namespace tsuikyaku::report {
namespace {

using detail::count;
using detail::Labels;
using detail::percent;

constexpr std::string_view k_style = R"css(
body { font-family: system-ui, -apple-system, "Segoe UI", "Hiragino Sans",
  "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP", "Noto Sans JP", "Yu Gothic", Meiryo,
  sans-serif; color: #1f2933; background: #ffffff; max-width: 1100px; margin: 2rem auto;
  padding: 0 1rem; line-height: 1.5; }
:lang(ja) body { font-family: "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans CJK JP",
  "Noto Sans JP", "Yu Gothic", Meiryo, system-ui, sans-serif; }
h1 { margin-bottom: 0; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #e4e7eb; }
.note { color: #52606d; font-size: 0.9rem; }
.cards { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1.5rem 0; }
.card { border: 1px solid #d9e2ec; border-radius: 8px; padding: 0.75rem 1.25rem; }
.card b { display: block; font-size: 1.5rem; }
table { border-collapse: collapse; margin: 0.75rem 0; font-variant-numeric: tabular-nums; }
th, td { padding: 0.3rem 0.7rem; border-bottom: 1px solid #e4e7eb; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #f5f7fa; }
tr.total td { font-weight: bold; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 0.75rem 0; }
svg.chart text { font-size: 12px; fill: #1f2933; }
.legend span { display: inline-block; width: 0.9em; height: 0.9em; margin: 0 0.3em 0 1em;
  vertical-align: -0.1em; }
@media print { h2 { break-after: avoid; } svg.chart { break-inside: avoid; } }
)css";

std::string table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows, bool last_is_total = false) {
  std::string html = "<table>\n<tr>";
  for (const std::string& cell : header) html += "<th>" + core::html_escape(cell) + "</th>";
  html += "</tr>\n";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    html += last_is_total && r + 1 == rows.size() ? "<tr class=\"total\">" : "<tr>";
    for (const std::string& cell : rows[r]) html += "<td>" + core::html_escape(cell) + "</td>";
    html += "</tr>\n";
  }
  return html + "</table>\n";
}

// A note's text, escaped, with its `command` spans as <code> (the labels are written
// once for the terminal, where the backticks read as quotes).
std::string note(std::string_view text) {
  std::string out = "<p class=\"note\">";
  bool code = false;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t tick = std::min(text.find('`', start), text.size());
    out += core::html_escape(text.substr(start, tick - start));
    if (tick == text.size()) break;
    out += code ? "</code>" : "<code>";
    code = !code;
    start = tick + 1;
  }
  if (code) out += "</code>";
  return out + "</p>\n";
}

std::string section(std::string_view id, std::string_view heading, std::string_view body) {
  return fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n", id,
                     core::html_escape(heading), body);
}

std::string segments_html(const Report& report, const ShopView& shop, const Labels& words) {
  if (!report.segments) return section("segments", words.segments, note(words.no_run));
  const SegmentSummary& summary = *report.segments;
  std::vector<std::vector<std::string>> rows;
  for (const SegmentTally& tally : summary.segments) {
    rows.push_back({tally.name, count(tally.customers),
                    percent(ratio(tally.customers, summary.totals.customers)), count(tally.orders),
                    detail::money(shop, tally.revenue)});
  }
  rows.push_back({words.total, count(summary.totals.customers), "", count(summary.totals.orders),
                  detail::money(shop, summary.totals.revenue)});
  const std::string run =
      fmt::format(fmt::runtime(words.run), summary.run.id,
                  detail::local_minute(summary.run.as_of, shop.zone), summary.run.scoring);
  return section(
      "segments", words.segments,
      note(run) + detail::segment_chart(summary, words) +
          table({words.segment, words.customers, words.share, words.orders, words.revenue}, rows,
                true));
}

std::string matrix_html(const Movement& movement, const Labels& words) {
  // Only the names that someone moved from or to, so eleven RFM segments stay readable.
  std::vector<std::string> names;
  for (const std::string& name : movement.names) {
    for (const Move& move : movement.moves) {
      if (move.from == name || move.to == name) {
        names.push_back(name);
        break;
      }
    }
  }
  const auto label = [&](const std::string& name, bool from) -> std::string {
    if (!name.empty()) return name;
    return from ? words.new_customer : words.no_counted_order;
  };
  std::vector<std::string> header{words.from_to};
  for (const std::string& to : names) header.push_back(label(to, false));
  std::vector<std::vector<std::string>> rows;
  for (const std::string& from : names) {
    std::vector<std::string> row{label(from, true)};
    for (const std::string& to : names) {
      const std::int64_t n = movement.count(from, to);
      row.push_back(n == 0 ? "" : count(n));
    }
    rows.push_back(std::move(row));
  }
  return table(header, rows);
}

std::string movement_html(const Report& report, const ShopView& shop, const Labels& words) {
  std::string body;
  switch (report.movement_gap) {
    case MovementGap::no_runs:
      body = note(words.no_movement_runs);
      break;
    case MovementGap::single_run:
      body = note(words.single_run);
      break;
    case MovementGap::none_at_since:
      body = note(fmt::format(fmt::runtime(words.none_at_since),
                              detail::local_minute(*report.since, shop.zone)));
      break;
    case MovementGap::none: {
      const Movement& movement = *report.movement;
      body = note(fmt::format(fmt::runtime(words.movement_since),
                              detail::local_minute(movement.from.as_of, shop.zone),
                              movement.from.id, movement.to.id)) +
             matrix_html(movement, words);
    }
  }
  return section("movement", words.movement, body);
}

std::string repeat_html(const OrderSummary& orders, const Labels& words) {
  std::vector<std::string> header{words.first_order_month, words.buyers};
  for (const int days : k_repeat_windows) {
    header.push_back(fmt::format(fmt::runtime(words.again_within), days));
  }
  std::vector<std::vector<std::string>> rows;
  for (const Cohort& cohort : orders.cohorts) {
    std::vector<std::string> row{detail::month_label(cohort.month), count(cohort.customers)};
    for (const auto& again : cohort.ordered_again) {
      row.push_back(
          again ? fmt::format("{} ({})", percent(ratio(*again, cohort.customers)), count(*again))
                : "—");
    }
    rows.push_back(std::move(row));
  }
  const std::string summary = fmt::format(
      fmt::runtime(words.repeat_summary), count(orders.repeat_customers), count(orders.customers),
      percent(ratio(orders.repeat_customers, orders.customers)));
  return section("repeat", words.repeat_purchases,
                 note(summary) + table(header, rows) + note(words.too_young));
}

std::string orders_html(const OrderSummary& orders, const ShopView& shop, const Labels& words) {
  if (orders.customers == 0) return section("orders", words.orders, note(words.no_orders));
  const std::string legend = fmt::format(
      "<p class=\"legend\"><span style=\"background:#2f6f9f\"></span>{}"
      "<span style=\"background:#e0a030\"></span>{}</p>\n",
      core::html_escape(words.first_orders), core::html_escape(words.repeat_orders));
  std::vector<std::vector<std::string>> spend;
  for (const Cohort& cohort : orders.cohorts) {
    spend.push_back({detail::month_label(cohort.month), count(cohort.customers),
                     count(cohort.orders), detail::money(shop, cohort.revenue),
                     detail::money(shop, cohort.average_spend())});
  }
  return repeat_html(orders, words) +
         section("revenue", words.revenue_by_month,
                 legend + detail::revenue_chart(orders, shop, words)) +
         section("retention", words.retention,
                 note(words.retention_note) + detail::retention_chart(orders, words)) +
         section(
             "spend", words.spend,
             table({words.cohort, words.customers, words.orders, words.revenue, words.per_customer},
                   spend));
}

std::string campaigns_html(const Report& report, const ShopView& shop, const Labels& words) {
  std::string body = note(fmt::format(fmt::runtime(words.campaigns_note), k_attribution_days));
  if (report.campaigns.empty())
    return section("campaigns", words.campaigns, body + note(words.no_messages));
  std::vector<std::vector<std::string>> rows;
  for (const CampaignTally& c : report.campaigns) {
    const std::string coupons =
        c.has_coupons() ? fmt::format(fmt::runtime(words.coupons_cell), count(c.coupons_redeemed),
                                      count(c.coupons_sent), count(c.coupon_orders),
                                      detail::money(shop, c.coupon_revenue))
                        : "—";
    rows.push_back({c.name, count(c.messages_sent), count(c.recipients), count(c.customers_ordered),
                    percent(ratio(c.customers_ordered, c.recipients)), count(c.orders),
                    detail::money(shop, c.revenue), coupons});
  }
  return section("campaigns", words.campaigns,
                 body + table({words.campaign, words.sent, words.recipients, words.ordered, "%",
                               words.orders, words.revenue, words.coupons},
                              rows));
}

std::string cards_html(const OrderSummary& orders, const ShopView& shop, const Labels& words) {
  const auto card = [](std::string_view label, const std::string& value) {
    return fmt::format("<div class=\"card\">{}<b>{}</b></div>\n", core::html_escape(label),
                       core::html_escape(value));
  };
  return "<div class=\"cards\">\n" + card(words.customers, count(orders.customers)) +
         card(words.repeat_rate, percent(ratio(orders.repeat_customers, orders.customers))) +
         card(words.orders, count(orders.orders)) +
         card(words.revenue, detail::money(shop, orders.revenue)) + "</div>\n";
}

}  // namespace

std::string render_html(const Report& report, const ShopView& shop) {
  const Labels words = detail::labels();
  const std::string when = detail::local_minute(report.as_of, shop.zone);
  const std::string as_of = fmt::format(fmt::runtime(words.report_as_of), when, shop.zone.name());
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{} — {}</title>\n<style>{}</style>\n</head>\n<body>\n<header>\n"
      "<h1>{}</h1>\n<p class=\"note\">{}</p>\n</header>\n<main>\n",
      words.lang, core::html_escape(shop.name), core::html_escape(as_of), k_style,
      core::html_escape(shop.name), core::html_escape(as_of));
  html += cards_html(report.orders, shop, words);
  html += segments_html(report, shop, words);
  html += movement_html(report, shop, words);
  html += orders_html(report.orders, shop, words);
  html += campaigns_html(report, shop, words);
  html += fmt::format("</main>\n<footer>{}</footer>\n</body>\n</html>\n", note(words.footer));
  return html;
}

}  // namespace tsuikyaku::report
