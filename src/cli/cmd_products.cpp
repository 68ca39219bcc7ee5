#include <nlohmann/json.hpp>
#include <ostream>

#include "as_of_flag.hpp"
#include "commands.hpp"
#include "csv_output.hpp"
#include "json_fields.hpp"
#include "text_table.hpp"
#include "tsuikyaku/app/products.hpp"
#include "tsuikyaku/core/decimal.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/money.hpp"

namespace tsuikyaku::cli {
namespace {

struct ProductsOptions {
  std::string as_of;
  bool json = false;
  std::string format = "table";
};

std::string plain(std::int64_t minor, const config::Config& config) {
  return core::format_plain(minor, config.shop.currency->exponent);
}

// "12", "12.5", or `none` when there are too few gaps.
std::string days_text(const segment::ProductStats& stats, const std::string& none) {
  return stats.median_reorder_days ? segment::format_reorder_days(*stats.median_reorder_days)
                                   : none;
}

json days_json(const segment::ProductStats& stats) {
  if (!stats.median_reorder_days) return nullptr;
  const segment::ReorderDays days = *stats.median_reorder_days;
  if (days.whole()) return days.halves / 2;
  return static_cast<double>(days.halves) / 2.0;
}

void print_table(std::ostream& out, const app::ProductsResult& result,
                 const config::Config& config) {
  using Align = TextTable::Align;
  TextTable table({{"sku"},
                   {"name"},
                   {"orders", Align::right},
                   {"customers", Align::right},
                   {"units", Align::right},
                   {"revenue", Align::right},
                   {"repeat", Align::right},
                   {"reorder days", Align::right}});
  for (const app::ProductRow& row : result.products) {
    const segment::ProductStats& s = row.stats;
    table.add_row({s.sku, s.name, std::to_string(s.orders), std::to_string(s.customers),
                   std::to_string(s.units),
                   core::format_money(core::Money(row.revenue_minor, *config.shop.currency),
                                      core::Language::en),
                   std::to_string(s.repeat_customers), days_text(s, "-")});
  }
  table.print(out);
}

void print_csv(std::ostream& out, const app::ProductsResult& result, const config::Config& config) {
  std::string buffer(csv::k_bom);
  buffer += "sku,name,orders,customers,units,revenue,repeat_customers,median_reorder_days";
  buffer += csv::k_record_end;
  for (const app::ProductRow& row : result.products) {
    const segment::ProductStats& s = row.stats;
    csv::append_text(buffer, s.sku);
    buffer += ',';
    csv::append_text(buffer, s.name);
    for (const std::string& field :
         {std::to_string(s.orders), std::to_string(s.customers), std::to_string(s.units),
          plain(row.revenue_minor, config), std::to_string(s.repeat_customers), days_text(s, "")}) {
      buffer += ',';
      csv::append_field(buffer, field);
    }
    buffer += csv::k_record_end;
  }
  out << buffer;
}

void print_json(std::ostream& out, const app::ProductsResult& result,
                const config::Config& config) {
  json products = json::array();
  for (const app::ProductRow& row : result.products) {
    const segment::ProductStats& s = row.stats;
    products.push_back({{"sku", s.sku},
                        {"name", text_or_null(s.name)},
                        {"orders", s.orders},
                        {"customers", s.customers},
                        {"units", s.units},
                        {"revenue", plain(row.revenue_minor, config)},
                        {"repeat_customers", s.repeat_customers},
                        {"median_reorder_days", days_json(s)}});
  }
  const json document = {{"as_of", core::format_iso(result.as_of, config.shop.timezone)},
                         {"products", std::move(products)}};
  out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

core::ExitCode run(Context& ctx, const ProductsOptions& options) {
  if (options.json && options.format != "table") {
    throw core::Error(core::ErrorKind::usage, "use --json or --format, not both");
  }
  const auto as_of = parse_as_of_flag(options.as_of);
  app::Workspace workspace = ctx.open_workspace();
  const app::ProductsResult result = app::run_products(workspace, {as_of, ctx.clock().now()});
  std::ostream& out = ctx.io().out;
  if (options.json) {
    print_json(out, result, workspace.config);
  } else if (options.format == "csv") {
    print_csv(out, result, workspace.config);
  } else {
    print_table(out, result, workspace.config);
  }
  return core::ExitCode::ok;
}

}  // namespace

Registered add_products(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ProductsOptions>();
  CLI::App* sub = app.add_subcommand(
      "products", "Per product bought: orders, customers, units, revenue and reorder interval");
  sub->add_option("--as-of", options->as_of, as_of_help());
  sub->add_flag("--json", options->json, json_help());
  sub->add_option("--format", options->format, "table (default) or csv")
      ->check(CLI::IsMember({"table", "csv"}));
  sub->footer("See docs/products.md for what a product is and how the interval is measured.");
  return {sub, [&ctx, options] { return run(ctx, *options); }};
}

}  // namespace tsuikyaku::cli
