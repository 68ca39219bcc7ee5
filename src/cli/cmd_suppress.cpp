#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "commands.hpp"
#include "csv_output.hpp"
#include "text_table.hpp"
#include "tsuikyaku/app/suppress.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/escape.hpp"
#include "tsuikyaku/core/paths.hpp"

// `tsuikyaku suppress add|remove|list|import` (SPEC §9).

namespace tsuikyaku::cli {
namespace {

using json = nlohmann::ordered_json;
using store::SuppressionReason;

struct SuppressOptions {
  std::vector<std::string> addresses;  // add, remove
  std::string reason = "manual";       // add, import
  std::string note;                    // add
  std::string format = "table";        // list
  std::string file;                    // import
  CLI::App* add = nullptr;
  CLI::App* remove = nullptr;
  CLI::App* list = nullptr;
  CLI::App* import = nullptr;
};

const std::vector<std::string> k_reasons(campaign::k_suppression_names.begin(),
                                         campaign::k_suppression_names.end());

SuppressionReason reason_of(const std::string& text) {
  return campaign::parse_suppression(text).value_or(SuppressionReason::manual);
}

core::ExitCode run_add(Context& ctx, const SuppressOptions& options) {
  app::Workspace workspace = ctx.open_workspace();
  for (const std::string& address : options.addresses) {
    const store::SuppressResult result = app::add_suppression(
        workspace, address, reason_of(options.reason), options.note, ctx.clock().now());
    if (ctx.global().quiet) continue;
    switch (result) {
      case store::SuppressResult::added:
        ctx.io().out << fmt::format("{}: suppressed ({})\n", address, options.reason);
        break;
      case store::SuppressResult::updated:
        ctx.io().out << fmt::format("{}: updated ({})\n", address, options.reason);
        break;
      case store::SuppressResult::unchanged:
        ctx.io().out << fmt::format("{}: already suppressed\n", address);
        break;
    }
  }
  return core::ExitCode::ok;
}

core::ExitCode run_remove(Context& ctx, const SuppressOptions& options) {
  app::Workspace workspace = ctx.open_workspace();
  for (const std::string& address : options.addresses) {
    const bool removed = app::remove_suppression(workspace, address);
    if (ctx.global().quiet) continue;
    ctx.io().out << address << (removed ? ": removed\n" : ": was not suppressed\n");
  }
  return core::ExitCode::ok;
}

core::ExitCode run_list(Context& ctx, const SuppressOptions& options) {
  app::Workspace workspace = ctx.open_workspace();
  const std::vector<store::Suppression> list = app::list_suppressions(workspace);
  const core::TimeZone& zone = workspace.config.shop.timezone;
  std::ostream& out = ctx.io().out;
  if (options.format == "json") {
    json document{{"suppressions", json::array()}};
    for (const store::Suppression& entry : list) {
      document["suppressions"].push_back(
          {{"address", entry.address},
           {"reason", campaign::to_string(entry.reason)},
           {"detail", entry.detail.empty() ? json(nullptr) : json(entry.detail)},
           {"source", entry.source},
           {"created_at", core::format_iso(entry.created_at, zone)}});
    }
    out << document.dump(2) << '\n';
  } else if (options.format == "csv") {
    std::string text(csv::k_bom);
    text += "address,reason,detail,source,created_at";
    text += csv::k_record_end;
    for (const store::Suppression& entry : list) {
      csv::append_text(text, entry.address);
      text += ',';
      csv::append_field(text, campaign::to_string(entry.reason));
      text += ',';
      csv::append_text(text, entry.detail);
      text += ',';
      csv::append_text(text, entry.source);
      text += ',';
      csv::append_field(text, core::format_iso(entry.created_at, zone));
      text += csv::k_record_end;
    }
    out << text;
  } else {
    TextTable table({{"address"}, {"reason"}, {"since"}, {"source"}, {"detail"}});
    for (const store::Suppression& entry : list) {
      table.add_row({entry.address, std::string(campaign::to_string(entry.reason)),
                     core::format_iso(entry.created_at, zone), entry.source, entry.detail});
    }
    if (!list.empty()) table.print(out);
    if (!ctx.global().quiet) out << fmt::format("{} suppressed\n", list.size());
  }
  return core::ExitCode::ok;
}

std::string read_input(Context& ctx, const std::string& file) {
  std::ostringstream text;
  if (file == "-") {
    text << ctx.io().in.rdbuf();
    return text.str();
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw core::Error(
        core::ErrorKind::no_input,
        fmt::format("cannot read {}: no such file or not readable", core::display_path(file)));
  }
  text << in.rdbuf();
  return text.str();
}

core::ExitCode run_import(Context& ctx, const SuppressOptions& options) {
  app::Workspace workspace = ctx.open_workspace();
  const std::string name = options.file == "-" ? "-" : core::display_path(options.file);
  const app::SuppressImportResult result = app::import_suppressions(
      workspace,
      {read_input(ctx, options.file), name, reason_of(options.reason), ctx.clock().now()});
  for (const app::SuppressReject& reject : result.rejects) {
    ctx.io().err << fmt::format("{}:{}: {}\n", name, reject.line, core::escaped(reject.reason));
  }
  if (!ctx.global().quiet || !result.rejects.empty()) {
    ctx.io().out << fmt::format(
        "{} addresses read: {} added, {} updated, {} unchanged, {} rejected\n", result.rows,
        result.added, result.updated, result.unchanged, result.rejects.size());
  }
  return result.rejects.empty() ? core::ExitCode::ok : core::ExitCode::data_error;
}

}  // namespace

Registered add_suppress(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<SuppressOptions>();
  CLI::App* sub = app.add_subcommand(
      "suppress", "The suppression list: addresses that get no marketing, or no mail at all");
  sub->require_subcommand(1);
  sub->footer(
      "Reasons: unsubscribed, complained and manual stop marketing mail (order mail such as "
      "the thank-you and shipping notice still goes out), inserts and postal mail included; "
      "bounced stops all e-mail; no_post stops postal mail only.");

  options->add = sub->add_subcommand("add", "Suppress addresses");
  options->add->add_option("address", options->addresses, "Mail addresses")->required();
  options->add
      ->add_option("--reason", options->reason,
                   "unsubscribed, bounced, complained, manual (default) or no_post")
      ->check(CLI::IsMember(k_reasons));
  options->add->add_option("--note", options->note, "A note kept with the entry");

  options->remove = sub->add_subcommand("remove", "Take addresses off the list");
  options->remove->add_option("address", options->addresses, "Mail addresses")->required();

  options->list = sub->add_subcommand("list", "Every suppressed address");
  options->list->add_option("--format", options->format, "table (default), csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));

  options->import = sub->add_subcommand(
      "import", "Suppress every address of a file: one a line, or a CSV with an email column");
  options->import->add_option("file", options->file, "The file, or - for standard input")
      ->required();
  options->import
      ->add_option("--reason", options->reason,
                   "For rows without a reason column: unsubscribed, bounced, "
                   "complained, manual (default) or no_post")
      ->check(CLI::IsMember(k_reasons));

  return {sub, [&ctx, options]() -> core::ExitCode {
            if (options->add->parsed()) return run_add(ctx, *options);
            if (options->remove->parsed()) return run_remove(ctx, *options);
            if (options->list->parsed()) return run_list(ctx, *options);
            return run_import(ctx, *options);
          }};
}

}  // namespace tsuikyaku::cli
