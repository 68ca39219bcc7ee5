#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "commands.hpp"
#include "progress_bar.hpp"
#include "tsuikyaku/app/import_orders.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/escape.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::cli {
namespace {

constexpr std::size_t k_rejects_shown = 20;

struct ImportOptions {
  std::string file = "-";
  std::string preset;
  std::string mapping;
  std::string encoding = "auto";
  std::string rejects;
  bool strict = false;
  bool json = false;
};

// The rejects of --json wait in a temporary file, so memory does not grow with them.
class RejectSpool {
 public:
  RejectSpool() : m_file(std::tmpfile()) {
    if (m_file == nullptr)
      throw core::Error(core::ErrorKind::internal, "cannot make a temporary file");
  }
  ~RejectSpool() { std::fclose(m_file); }
  RejectSpool(const RejectSpool&) = delete;
  RejectSpool& operator=(const RejectSpool&) = delete;
  void add(const ingest::RowReject& reject) {
    const std::string entry = nlohmann::json{{"line", reject.line}, {"reason", reject.reason}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::fprintf(m_file, "%s%s", m_count++ == 0 ? "" : ",", entry.c_str());
  }
  void copy_to(std::ostream& out) {
    std::rewind(m_file);
    char buffer[8192];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, m_file)) > 0) {
      out.write(buffer, static_cast<std::streamsize>(n));
    }
  }

 private:
  std::FILE* m_file;
  std::int64_t m_count = 0;
};

void print_json(std::ostream& out, const app::ImportResult& r, RejectSpool& spool) {
  const nlohmann::json counts{{"rows_read", r.rows_read},
                              {"orders_new", r.counts.orders_new},
                              {"orders_updated", r.counts.orders_updated},
                              {"customers_new", r.counts.customers_new},
                              {"customers_updated", r.counts.customers_updated},
                              {"rejected", r.rejected},
                              {"committed", r.committed},
                              {"preset", r.preset},
                              {"encoding", r.encoding}};
  std::string text = counts.dump();
  text.pop_back();  // the closing brace: the rejects follow
  out << text << ",\"rejects\":[";
  spool.copy_to(out);
  out << "]}\n";
}

void print_summary(std::ostream& out, const ImportOptions& options, const app::ImportResult& r) {
  out << fmt::format("Imported {} ({}, {}): {} row{} read\n",
                     options.file == "-" ? "standard input" : options.file, r.preset, r.encoding,
                     core::format_count(r.rows_read), r.rows_read == 1 ? "" : "s");
  if (!r.committed) {
    out << fmt::format("  nothing imported (--strict): {} row{} rejected\n",
                       core::format_count(r.rejected), r.rejected == 1 ? " was" : "s were");
    return;
  }
  out << fmt::format("  orders:    {} new, {} updated\n", core::format_count(r.counts.orders_new),
                     core::format_count(r.counts.orders_updated));
  out << fmt::format("  customers: {} new, {} updated\n",
                     core::format_count(r.counts.customers_new),
                     core::format_count(r.counts.customers_updated));
  const bool written = r.rejected > 0 && !options.rejects.empty();
  out << fmt::format("  rejected:  {} row{}{}\n", core::format_count(r.rejected),
                     r.rejected == 1 ? "" : "s",
                     written ? fmt::format(" (written to {})", options.rejects) : "");
}

app::EncodingChoice encoding_choice(const std::string& name) {
  if (name == "utf-8") return app::EncodingChoice::utf8;
  if (name == "cp932") return app::EncodingChoice::cp932;
  return app::EncodingChoice::detect;
}

core::ExitCode run_import(Context& ctx, const ImportOptions& options) {
  app::ImportRequest request;
  request.source = options.file;
  request.input = &ctx.io().in;
  request.preset = options.preset;
  if (!options.mapping.empty()) request.mapping = options.mapping;
  if (!options.rejects.empty()) request.rejects = options.rejects;
  request.encoding = encoding_choice(options.encoding);
  request.strict = options.strict;

  std::ostream& err = ctx.io().err;
  const std::string name = options.file;
  std::optional<ProgressBar> bar;
  if (ctx.progress()) bar.emplace(err);
  std::optional<RejectSpool> spool;
  if (options.json) spool.emplace();
  std::size_t shown = 0;
  app::ImportCallbacks callbacks;
  callbacks.progress = [&](const app::ImportProgress& p) {
    if (bar) {
      bar->update(p.rows, "rows", static_cast<std::int64_t>(p.bytes),
                  static_cast<std::int64_t>(p.total_bytes));
    }
  };
  callbacks.rejected = [&](const ingest::RowReject& reject) {
    if (spool) return spool->add(reject);
    if (shown++ >= k_rejects_shown) return;
    if (bar) bar->clear();
    err << fmt::format("{}:{}: {}\n", name, reject.line, core::escaped(reject.reason));
  };
  app::Workspace workspace = ctx.open_workspace();
  const app::ImportResult result = app::import_orders(request, workspace, ctx.clock(), callbacks);
  if (bar) bar->clear();
  if (spool) {
    print_json(ctx.io().out, result, *spool);
  } else {
    if (shown > k_rejects_shown) {
      err << fmt::format(
          "... and {} more rejected rows{}\n",
          core::format_count(result.rejected - static_cast<std::int64_t>(k_rejects_shown)),
          options.rejects.empty() ? " (--rejects FILE writes them all)" : "");
    }
    print_summary(ctx.io().out, options, result);
  }
  return result.rejected > 0 ? core::ExitCode::data_error : core::ExitCode::ok;
}

}  // namespace

Registered add_import(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* sub = app.add_subcommand("import", "Import an order export (CSV) into the database");
  sub->add_option("file", options->file, "The export to read, or - for standard input (default)");
  // Checked by the import itself, in any letter case (--preset Shopify).
  auto* preset =
      sub->add_option("--preset", options->preset,
                      "The export's format, in any case: " + core::join(app::preset_names(), ", ") +
                          " (default: detected from its header)");
  sub->add_option("--mapping", options->mapping, "A mapping file for any other export")
      ->excludes(preset);
  sub->add_option("--encoding", options->encoding,
                  "auto (default: UTF-8 if valid, else CP932), utf-8 or cp932")
      ->check(CLI::IsMember({"auto", "utf-8", "cp932"}));
  sub->add_option("--rejects", options->rejects,
                  "Write the rejected rows here, with a reject_reason column");
  sub->add_flag("--strict", options->strict, "Import nothing if any row is rejected");
  sub->add_flag("--json", options->json, "Print the result as one JSON document");
  return {sub, [&ctx, options] { return run_import(ctx, *options); }};
}

}  // namespace tsuikyaku::cli
