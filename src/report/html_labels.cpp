#include "html_parts.hpp"
#include "tsuikyaku/core/i18n.hpp"

// The HTML report's words, from the message catalog in the UI language (docs/i18n.md); the
// data (shop name, segment and campaign names) is shown as stored.

namespace tsuikyaku::report::detail {

Labels labels() {
  Labels words;
  words.lang = core::ui_language().c_str();
  words.report_as_of = core::tr("Report as of {} ({})");
  words.customers = core::tr("Customers");
  words.orders = core::tr("Orders");
  words.revenue = core::tr("Revenue");
  words.repeat_rate = core::tr("Repeat rate");
  words.segments = core::tr("Segments");
  words.segment = core::tr("Segment");
  words.share = core::tr("Share");
  words.total = core::tr("Total");
  words.run = core::tr("Run #{} as of {}, {} scoring.");
  words.no_run = core::tr(
      "No segment run stored yet: `tsuikyaku segments --save` (or a daily `tsuikyaku send`) stores "
      "one.");
  words.movement = core::tr("Movement between segments");
  words.movement_since = core::tr("Since {} (run #{} → #{}).");
  words.no_movement_runs = core::tr("No segment run stored yet, so nothing to compare.");
  words.single_run = core::tr(
      "Only one segment run so far: run `tsuikyaku segments --save` again later to see who moved.");
  words.none_at_since = core::tr("No segment run stored at or before {}.");
  words.from_to = core::tr("from \\ to");
  words.new_customer = core::tr("(new customer)");
  words.no_counted_order = core::tr("(no counted order)");
  words.repeat_purchases = core::tr("Repeat purchases");
  words.repeat_summary = core::tr("{} of {} customers ({}) ordered twice or more.");
  words.first_order_month = core::tr("First order in");
  words.buyers = core::tr("Buyers");
  words.again_within = core::tr("Again within {} days");
  words.too_young = core::tr("— : the window has not yet passed since the end of that month.");
  words.revenue_by_month = core::tr("Revenue by month");
  words.first_orders = core::tr("First orders");
  words.repeat_orders = core::tr("Repeat orders");
  words.retention = core::tr("Cohort retention");
  words.retention_note =
      core::tr("Share of each month's new customers who ordered again n months later.");
  words.cohort = core::tr("Cohort");
  words.spend = core::tr("Average spend per customer by cohort (to date)");
  words.per_customer = core::tr("Per customer");
  words.campaigns = core::tr("Campaigns");
  words.campaigns_note =
      core::tr("Orders by recipients within {} days after a message; no tracking pixels.");
  words.campaign = core::tr("Campaign");
  words.sent = core::tr("Sent");
  words.recipients = core::tr("Recipients");
  words.ordered = core::tr("Ordered");
  words.coupons = core::tr("Coupons used");
  words.coupons_cell = core::tr("{} of {} codes, {} orders, {}");
  words.no_messages = core::tr("No message sent yet.");
  words.no_orders = core::tr("No counted order yet.");
  words.footer = core::tr("Made by tsuikyaku.");
  return words;
}

}  // namespace tsuikyaku::report::detail
