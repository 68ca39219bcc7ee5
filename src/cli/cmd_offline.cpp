#include <fmt/format.h>

#include <ostream>

#include "as_of_flag.hpp"
#include "commands.hpp"
#include "csv_output.hpp"
#include "text_table.hpp"
#include "tsuikyaku/app/offline.hpp"
#include "tsuikyaku/core/charset.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/escape.hpp"
#include "tsuikyaku/render/message.hpp"

// `tsuikyaku inserts` and `tsuikyaku post` (docs/offline.md): the packing list and the
// postal batch, as a table, CSV for mail-merge software, or HTML pages to print.

namespace tsuikyaku::cli {
namespace {

using app::OfflineItem;
using app::OfflineList;

struct OfflineOptions {
  std::string date;  // --date / --as-of
  std::string format;
  std::string encoding = "utf-8";
  std::string campaign;
  std::vector<std::string> done;  // inserts done ORDER…, post done BATCH
  CLI::App* done_command = nullptr;
};

bool japanese(const app::Workspace& ws) { return ws.config.shop.language == core::Language::ja; }

// The name to print, with 様 in a Japanese workspace (never お客様様).
std::string addressee(const app::Workspace& ws, const store::CustomerContact& contact) {
  const std::string& fallback = ws.config.shop.fallback_name;
  if (contact.name.empty()) return fallback;
  return japanese(ws) ? contact.name + " 様" : contact.name;
}

// Every field given, then the note, in one CSV; a BOM for Excel unless CP932 is asked for.
std::string encoded(const std::string& utf8, const std::string& encoding) {
  if (encoding != "cp932") return std::string(csv::k_bom) + utf8;
  std::string out;
  core::Converter("CP932", "UTF-8").convert(utf8, out, core::OnInvalid::question_mark_utf8);
  return out;
}

// Text for one CSV field: without the newlines that end the rendered Markdown.
std::string field_text(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

void csv_row(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    csv::append_text(out, fields[i]);
  }
  out += csv::k_record_end;
}

// The page around the cards: one card a printed page of the given size, print CSS only.
std::string page(const app::Workspace& ws, const std::string& title, std::string_view size,
                 const std::string& cards) {
  return fmt::format(R"(<!DOCTYPE html>
<html lang="{}">
<head>
<meta charset="utf-8">
<title>{}</title>
<style>
@page {{ size: {}; margin: 0; }}
* {{ box-sizing: border-box; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif;
  color: #111; font-size: 10pt; line-height: 1.5; }}
.card {{ width: var(--w); height: var(--h); padding: 8mm; overflow: hidden;
  break-after: page; page-break-after: always; }}
.card:last-child {{ break-after: auto; page-break-after: auto; }}
.meta {{ font-size: 8pt; color: #555; margin: 0 0 2mm; }}
.to {{ font-size: 13pt; font-weight: bold; margin: 0 0 3mm; }}
.items {{ margin: 0 0 3mm; padding-left: 5mm; }}
.note p {{ margin: 0 0 2mm; }}
.postal {{ font-size: 14pt; letter-spacing: 1mm; text-align: right; margin: 0 0 8mm; }}
.address {{ font-size: 12pt; margin: 0 0 10mm; }}
.name {{ font-size: 16pt; font-weight: bold; text-align: center; }}
.heading {{ font-size: 13pt; font-weight: bold; margin: 0 0 3mm; }}
.from {{ font-size: 8pt; color: #555; margin-top: 4mm; }}
@media screen {{ .card {{ border: 1px dashed #aaa; margin: 4mm; }} }}
</style>
</head>
<body style="--w: {}; --h: {};">
{}</body>
</html>
)",
                     japanese(ws) ? "ja" : "en", core::escaped(title), size,
                     size.substr(0, size.find(' ')), size.substr(size.find(' ') + 1), cards);
}

// The items grouped by order: one card each.
std::vector<std::vector<const OfflineItem*>> by_order(const OfflineList& list) {
  std::vector<std::vector<const OfflineItem*>> out;
  for (const OfflineItem& item : list.items) {
    if (out.empty() || out.back().front()->row.order_key != item.row.order_key) out.emplace_back();
    out.back().push_back(&item);
  }
  return out;
}

std::string packing_html(const app::Workspace& ws, const OfflineList& list) {
  const bool ja = japanese(ws);
  const core::TimeZone& zone = ws.config.shop.timezone;
  const core::Language language = ws.config.shop.language;
  std::string cards;
  for (const auto& order : by_order(list)) {
    const store::OfflineRow& row = order.front()->row;
    cards += "<section class=\"card\">\n";
    cards += fmt::format("<p class=\"meta\">{} {} · {}</p>\n", ja ? "ご注文番号" : "Order",
                         core::escaped(row.order_key),
                         render::format_long_date(row.ordered_at, zone, language));
    cards += fmt::format("<p class=\"to\">{}</p>\n", core::escaped(addressee(ws, row.contact)));
    cards += "<ul class=\"items\">\n";
    for (const OfflineItem* item : order) {
      cards += fmt::format("<li>{}</li>\n", core::escaped(item->item));
    }
    cards += "</ul>\n";
    for (const OfflineItem* item : order) {
      if (!item->html.empty()) cards += "<div class=\"note\">\n" + item->html + "</div>\n";
    }
    cards += "</section>\n";
  }
  const std::string title = fmt::format("{} {}", ja ? "同梱物リスト" : "Packing list",
                                        core::format_date(zone.to_local(list.as_of)));
  return page(ws, title, "105mm 148mm", cards);
}

std::string postcards_html(const app::Workspace& ws, const OfflineList& list) {
  const campaign::Shop& shop = ws.config.shop;
  std::string cards;
  for (const OfflineItem& item : list.items) {
    const store::CustomerContact& c = item.row.contact;
    cards += "<section class=\"card\">\n";
    cards += fmt::format("<p class=\"postal\">〒{}</p>\n", core::escaped(c.postal_code));
    cards +=
        fmt::format("<p class=\"address\">{}{}{}<br>{}</p>\n", core::escaped(c.region),
                    core::escaped(c.city), core::escaped(c.address), core::escaped(c.address2));
    cards += fmt::format("<p class=\"name\">{}</p>\n", core::escaped(addressee(ws, c)));
    cards += "</section>\n<section class=\"card\">\n";
    if (!item.heading.empty()) {
      cards += fmt::format("<p class=\"heading\">{}</p>\n", core::escaped(item.heading));
    }
    cards += "<div class=\"note\">\n" + item.html + "</div>\n";
    cards += fmt::format("<p class=\"from\">{}<br>{}</p>\n", core::escaped(shop.name),
                         core::escaped(shop.address));
    cards += "</section>\n";
  }
  return page(ws, list.batch, "100mm 148mm", cards);
}

core::ExitCode run_inserts(Context& ctx, const OfflineOptions& options) {
  app::Workspace ws = ctx.open_workspace();
  const core::Instant now = as_of_moment(ctx, ws.config, options.date);
  std::ostream& out = ctx.io().out;
  if (options.done_command->parsed()) {
    const auto recorded = app::record_packed(ws, options.done, now);
    bool unknown = false;
    for (std::size_t i = 0; i < recorded.size(); ++i) {
      const std::string& order = options.done[i];
      if (!recorded[i]) {
        ctx.io().err << fmt::format("tsuikyaku: error: order {} is not in the database\n", order);
        unknown = true;
      } else if (*recorded[i] == 0) {
        out << fmt::format("{}: nothing to record (already packed, or no insert for it)\n", order);
      } else {
        out << fmt::format("{}: {} insert{} recorded as packed\n", order, *recorded[i],
                           *recorded[i] == 1 ? "" : "s");
      }
    }
    return unknown ? core::ExitCode::data_error : core::ExitCode::ok;
  }
  const OfflineList list = app::packing_list(ws, now);
  const core::TimeZone& zone = ws.config.shop.timezone;
  if (options.format == "html") {
    out << packing_html(ws, list);
  } else if (options.format == "csv") {
    std::string text;
    csv_row(text, {"order", "ordered_at", "customer_key", "name", "campaign", "item", "note"});
    for (const OfflineItem& item : list.items) {
      const store::OfflineRow& row = item.row;
      csv_row(text, {row.order_key, core::format_iso(row.ordered_at, zone), row.customer_key,
                     row.contact.name, row.campaign, item.item, field_text(item.text)});
    }
    out << encoded(text, options.encoding);
  } else {
    TextTable table({{"order"}, {"ordered"}, {"customer"}, {"campaign"}, {"item"}});
    for (const OfflineItem& item : list.items) {
      const store::OfflineRow& row = item.row;
      table.add_row({row.order_key, core::format_date(zone.to_local(row.ordered_at)),
                     addressee(ws, row.contact), row.campaign, item.item});
    }
    if (list.items.empty()) {
      out << "No inserts to pack.\n";
    } else {
      table.print(out);
    }
  }
  return core::ExitCode::ok;
}

core::ExitCode run_post(Context& ctx, const OfflineOptions& options) {
  app::Workspace ws = ctx.open_workspace();
  const core::Instant now = as_of_moment(ctx, ws.config, options.date);
  std::ostream& out = ctx.io().out;
  if (options.done_command->parsed()) {
    const std::string& batch = options.done.front();
    const store::BatchDone done = app::record_posted(ws, batch, now);
    if (done.marked == 0) {
      out << fmt::format("{}: already recorded as posted ({} message{})\n", batch, done.before,
                         done.before == 1 ? "" : "s");
    } else {
      out << fmt::format("{}: {} message{} recorded as posted\n", batch, done.marked,
                         done.marked == 1 ? "" : "s");
    }
    return core::ExitCode::ok;
  }
  const std::optional<std::string> campaign =
      options.campaign.empty() ? std::nullopt : std::optional(options.campaign);
  const OfflineList list = app::postal_batch(ws, campaign, now);
  for (const auto& [reason, n] : list.skipped) {
    ctx.io().err << fmt::format("tsuikyaku: {} skipped: {}\n", n, reason);
  }
  if (options.format == "html") {
    out << postcards_html(ws, list);
  } else {
    std::string text;
    csv_row(text, {"batch", "campaign", "customer_key", "postal_code", "region", "city", "address",
                   "address2", "country", "name", "message"});
    for (const OfflineItem& item : list.items) {
      const store::CustomerContact& c = item.row.contact;
      const std::string message =
          field_text(item.heading.empty() ? item.text : item.heading + "\n\n" + item.text);
      csv_row(text, {list.batch, item.row.campaign, item.row.customer_key, c.postal_code, c.region,
                     c.city, c.address, c.address2, c.country, addressee(ws, c), message});
    }
    out << encoded(text, options.encoding);
  }
  ctx.io().err << fmt::format(
      "tsuikyaku: batch {}: {} postcard{}; when posted: tsuikyaku post "
      "done {}\n",
      list.batch, list.items.size(), list.items.size() == 1 ? "" : "s", list.batch);
  return core::ExitCode::ok;
}

}  // namespace

Registered add_inserts(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<OfflineOptions>();
  options->format = "table";
  CLI::App* sub = app.add_subcommand(
      "inserts", "The packing list: the inserts (cards, booklets) for the orders to pack");
  sub->add_option("--date", options->date, as_of_help())->type_name("D");
  sub->add_option("--format", options->format, "table (default), csv or html (a card an order)")
      ->check(CLI::IsMember({"table", "csv", "html"}));
  sub->add_option("--encoding", options->encoding, "For csv: utf-8 (default, with BOM) or cp932")
      ->check(CLI::IsMember({"utf-8", "cp932"}));
  options->done_command = sub->add_subcommand("done", "Record the inserts of orders as packed");
  options->done_command->add_option("order", options->done, "Order numbers")->required();
  sub->footer("docs/offline.md: an order shipped before `inserts done` is recorded as missed.");
  return {sub, [&ctx, options] { return run_inserts(ctx, *options); }};
}

Registered add_post(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<OfflineOptions>();
  options->format = "csv";
  CLI::App* sub =
      app.add_subcommand("post", "The postal batch due today: CSV for mail merge, or はがき HTML");
  sub->add_option("--campaign", options->campaign, "Only this postal campaign")->type_name("NAME");
  sub->add_option("--format", options->format, "csv (default) or html (はがき 100×148 mm)")
      ->check(CLI::IsMember({"csv", "html"}));
  sub->add_option("--encoding", options->encoding, "utf-8 (default, with BOM) or cp932")
      ->check(CLI::IsMember({"utf-8", "cp932"}));
  sub->add_option("--as-of", options->date, as_of_help());
  options->done_command = sub->add_subcommand("done", "Record a batch as posted");
  options->done_command->add_option("batch", options->done, "The batch, like post-2026-12-03")
      ->required()
      ->expected(1);
  sub->footer("docs/offline.md: running post again the same day gives the same batch.");
  return {sub, [&ctx, options] { return run_post(ctx, *options); }};
}

}  // namespace tsuikyaku::cli
