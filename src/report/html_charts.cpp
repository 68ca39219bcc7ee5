#include <fmt/format.h>

#include <algorithm>

#include "format.hpp"
#include "html_parts.hpp"
#include "tsuikyaku/core/strings.hpp"

// The report's charts as inline SVG: drawn from the numbers alone, with a <title> on
// every mark so a hover shows the exact figure, and no script.

namespace tsuikyaku::report::detail {
namespace {

constexpr const char* k_palette[] = {"#2f6f9f", "#d98b2b", "#4c9a5f", "#b5534b",
                                     "#7a5ea8", "#3f8f8a", "#a3714f", "#6b7b8c"};
constexpr const char* k_first_color = "#2f6f9f";
constexpr const char* k_repeat_color = "#e0a030";

std::string open_svg(int width, int height, std::string_view label) {
  return fmt::format(
      "<svg class=\"chart\" role=\"img\" aria-label=\"{}\" width=\"{}\" height=\"{}\" "
      "viewBox=\"0 0 {} {}\">\n",
      core::html_escape(label), width, height, width, height);
}

// A cell colour from white (0) to the first-order blue (1).
std::string heat(double fraction) {
  const double t = std::clamp(fraction, 0.0, 1.0);
  const auto mix = [t](int from, int to) { return static_cast<int>(from + (to - from) * t + 0.5); };
  return fmt::format("#{:02x}{:02x}{:02x}", mix(255, 47), mix(255, 111), mix(255, 159));
}

}  // namespace

std::string segment_chart(const SegmentSummary& summary, const Labels& words) {
  constexpr int k_label = 170, k_bar = 420, k_row = 30, k_top = 6;
  const int height = k_top * 2 + k_row * static_cast<int>(summary.segments.size());
  std::string svg = open_svg(k_label + k_bar + 110, height, words.segments);
  std::int64_t top = 1;
  for (const SegmentTally& tally : summary.segments) top = std::max(top, tally.customers);
  int y = k_top;
  std::size_t color = 0;
  for (const SegmentTally& tally : summary.segments) {
    const double width = ratio(tally.customers, top) * k_bar;
    const std::string share = percent(ratio(tally.customers, summary.totals.customers));
    svg += fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n"
        "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\">"
        "<title>{}: {} ({})</title></rect>\n"
        "<text x=\"{:.1f}\" y=\"{}\">{} ({})</text>\n",
        k_label - 8, y + 19, core::html_escape(tally.name), k_label, y + 4, width, k_row - 8,
        k_palette[color++ % std::size(k_palette)], core::html_escape(tally.name),
        count(tally.customers), share, k_label + width + 6, y + 19, count(tally.customers), share);
    y += k_row;
  }
  return svg + "</svg>\n";
}

std::string revenue_chart(const OrderSummary& orders, const ShopView& shop, const Labels& words) {
  constexpr int k_left = 96, k_plot = 240, k_top = 16, k_bottom = 64, k_min_slot = 18;
  const int n = static_cast<int>(orders.months.size());
  const int slot = std::max(k_min_slot, 760 / std::max(n, 1));
  const int width = k_left + slot * n + 16;
  std::string svg = open_svg(width, k_top + k_plot + k_bottom, words.revenue_by_month);
  std::int64_t top = 1;
  for (const MonthRevenue& month : orders.months) top = std::max(top, month.revenue());
  const int base = k_top + k_plot;
  svg += fmt::format(
      "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#9aa5b1\"/>\n"
      "<text x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>\n"
      "<text x=\"{3}\" y=\"{1}\" text-anchor=\"end\">{6}</text>\n",
      k_left, base, width - 8, k_left - 6, k_top + 10, core::html_escape(money(shop, top)),
      core::html_escape(money(shop, 0)));
  // Label every month while they fit, else every third or twelfth.
  const int label_every = slot >= 40 ? 1 : (slot >= 14 ? 3 : 12);
  for (int i = 0; i < n; ++i) {
    const MonthRevenue& month = orders.months[static_cast<std::size_t>(i)];
    const double first = ratio(month.first_revenue, top) * k_plot;
    const double repeat = ratio(month.repeat_revenue, top) * k_plot;
    const int x = k_left + i * slot + 2;
    const std::string name = month_label(month.month);
    svg += fmt::format(
        "<rect x=\"{0}\" y=\"{1:.1f}\" width=\"{2}\" height=\"{3:.1f}\" fill=\"{4}\">"
        "<title>{5} {6}: {7}</title></rect>\n"
        "<rect x=\"{0}\" y=\"{8:.1f}\" width=\"{2}\" height=\"{9:.1f}\" fill=\"{10}\">"
        "<title>{5} {11}: {12}</title></rect>\n",
        x, base - first, slot - 4, first, k_first_color, name,
        core::html_escape(words.first_orders), core::html_escape(money(shop, month.first_revenue)),
        base - first - repeat, repeat, k_repeat_color, core::html_escape(words.repeat_orders),
        core::html_escape(money(shop, month.repeat_revenue)));
    if (i % label_every == 0) {
      svg += fmt::format(
          "<text x=\"{0}\" y=\"{1}\" transform=\"rotate(-45 {0} {1})\" "
          "text-anchor=\"end\">{2}</text>\n",
          x + slot / 2, base + 14, name);
    }
  }
  return svg + "</svg>\n";
}

std::string retention_chart(const OrderSummary& orders, const Labels& words) {
  constexpr int k_label = 120, k_cell_w = 46, k_cell_h = 24, k_top = 24;
  std::size_t columns = 0;
  for (const Cohort& cohort : orders.cohorts) columns = std::max(columns, cohort.active.size());
  const int width = k_label + k_cell_w * static_cast<int>(columns) + 8;
  const int height = k_top + k_cell_h * static_cast<int>(orders.cohorts.size()) + 8;
  std::string svg = open_svg(width, height, words.retention);
  // Month +0 is always 100%; the colours spread over the later months' range, so a
  // cohort that comes back twice as often looks twice as dark.
  double darkest = 0.0;
  for (const Cohort& cohort : orders.cohorts) {
    for (std::size_t k = 1; k < cohort.active.size(); ++k) {
      darkest = std::max(darkest, ratio(cohort.active[k], cohort.customers));
    }
  }
  for (std::size_t k = 0; k < columns; ++k) {
    svg += fmt::format("<text x=\"{}\" y=\"16\" text-anchor=\"middle\">+{}</text>\n",
                       k_label + k_cell_w * static_cast<int>(k) + k_cell_w / 2, k);
  }
  int y = k_top;
  for (const Cohort& cohort : orders.cohorts) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{} ({})</text>\n", k_label - 8,
                       y + 16, month_label(cohort.month), count(cohort.customers));
    for (std::size_t k = 0; k < cohort.active.size(); ++k) {
      const double share = ratio(cohort.active[k], cohort.customers);
      const double shade = k == 0 || darkest == 0.0 ? share : share / darkest;
      const int x = k_label + k_cell_w * static_cast<int>(k);
      svg += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#ffffff\">"
          "<title>{} +{}: {} ({})</title></rect>\n"
          "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{:.0f}%</text>\n",
          x, y, k_cell_w, k_cell_h, heat(shade), month_label(cohort.month), k,
          count(cohort.active[k]), percent(share), x + k_cell_w / 2, y + 16,
          shade > 0.5 ? "#ffffff" : "#1f2933", share * 100.0);
    }
    y += k_cell_h;
  }
  return svg + "</svg>\n";
}

}  // namespace tsuikyaku::report::detail
