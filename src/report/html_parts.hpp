#pragma once

#include <string>
#include <string_view>

#include "tsuikyaku/report/render.hpp"

// Pieces of the HTML report (private to the report module): labels in the UI language,
// escaping, and the inline SVG charts.

namespace tsuikyaku::report::detail {

// Every word the page prints that does not come from the data, in the UI language.
struct Labels {
  const char* lang;          // the page's lang attribute: the UI language's code
  const char* report_as_of;  // "Report as of {when} ({zone})"
  const char* customers;
  const char* orders;
  const char* revenue;
  const char* repeat_rate;
  const char* segments;
  const char* segment;
  const char* share;
  const char* total;
  const char* run;  // "run #{} as of {}, {} scoring"
  const char* no_run;
  const char* movement;
  const char* movement_since;  // "since {} (run #{} → #{})"
  const char* no_movement_runs;
  const char* single_run;
  const char* none_at_since;
  const char* from_to;
  const char* new_customer;
  const char* no_counted_order;
  const char* repeat_purchases;
  const char* repeat_summary;  // "{} of {} customers ({}) ordered twice or more"
  const char* first_order_month;
  const char* buyers;
  const char* again_within;  // "again within {} days"
  const char* too_young;
  const char* revenue_by_month;
  const char* first_orders;
  const char* repeat_orders;
  const char* retention;
  const char* retention_note;
  const char* cohort;
  const char* spend;
  const char* per_customer;
  const char* campaigns;
  const char* campaigns_note;  // "orders by recipients within {} days after a message"
  const char* campaign;
  const char* sent;
  const char* recipients;
  const char* ordered;
  const char* coupons;
  const char* coupons_cell;  // "{} of {} codes, {} orders, {}"
  const char* no_messages;
  const char* no_orders;
  const char* footer;
};

Labels labels();

// Horizontal bars of customers per segment.
std::string segment_chart(const SegmentSummary& summary, const Labels& words);
// Monthly revenue as bars stacked first orders (bottom) and repeat orders (top).
std::string revenue_chart(const OrderSummary& orders, const ShopView& shop, const Labels& words);
// The cohort retention table as a heat map: darker is a larger share.
std::string retention_chart(const OrderSummary& orders, const Labels& words);

}  // namespace tsuikyaku::report::detail
