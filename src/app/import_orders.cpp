#include "tsuikyaku/app/import_orders.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <optional>

#include "import_io.hpp"
#include "tsuikyaku/config/mapping.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/money.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/import/csv_reader.hpp"
#include "tsuikyaku/import/encoding.hpp"
#include "tsuikyaku/import/file_kind.hpp"
#include "tsuikyaku/import/line_items.hpp"
#include "tsuikyaku/import/row_parser.hpp"
#include "tsuikyaku/resources/resources.hpp"

namespace tsuikyaku::app {
namespace {

using ingest::CsvRecord;
using ingest::OrderRecord;
using ingest::RowReject;

constexpr std::int64_t k_progress_every = 8192;
// A low guess of an export row's size, for the store's bulk-load decision: the guess of
// rows is then high, and bulk loading is what a first import of a big file wants.
constexpr std::uint64_t k_bytes_per_row_at_least = 128;

std::vector<ingest::Mapping> builtin_presets() {
  std::vector<ingest::Mapping> presets;
  for (const auto& file : resources::files()) {
    const std::optional<std::string_view> name = ingest::preset_name_of(file.path);
    if (!name) continue;
    presets.push_back(
        config::parse_mapping(file.content, std::string(file.path), std::string(*name), true));
  }
  return presets;
}

// A header with the generic preset's other required columns but no order_id: a cart that
// writes only a timestamp per order.
bool no_order_number(const std::vector<std::string>& header) {
  const auto has = [&](std::string_view name) {
    return std::any_of(header.begin(), header.end(), [&](const std::string& h) {
      return core::iequals_ascii(core::trim(h), name);
    });
  };
  return !has("order_id") && has("ordered_at") && has("total") &&
         (has("email") || has("customer_id"));
}

ingest::Mapping choose_mapping(const ImportRequest& request, const std::vector<std::string>& header,
                               const std::string& source) {
  if (request.mapping) return config::load_mapping(*request.mapping);
  std::vector<ingest::Mapping> presets = builtin_presets();
  if (!request.preset.empty()) {
    for (auto& preset : presets) {
      if (core::iequals_ascii(preset.name, request.preset)) return std::move(preset);
    }
    throw core::Error(core::ErrorKind::usage,
                      fmt::format("--preset: unknown preset '{}' (expected one of: {})",
                                  request.preset, core::join(preset_names(), ", ")));
  }
  if (const ingest::Mapping* found = ingest::detect_preset(presets, header)) return *found;
  if (no_order_number(header)) {
    throw core::Error(core::ErrorKind::data,
                      fmt::format("{}:1: the export has no order number (no order_id column); a "
                                  "mapping file can make one from the columns that together name "
                                  "an order, like order_id: [ordered_at, email] (docs/import.md, "
                                  "\"Mapping files\")",
                                  source));
  }
  throw core::Error(core::ErrorKind::data,
                    fmt::format("{}:1: cannot tell the export's format from its header; expected "
                                "the columns of a preset ({}) or a --mapping FILE",
                                source, core::join(preset_names(), ", ")));
}

// One import: the reading loop and what it does with each row.
class Importer {
 public:
  Importer(const ImportRequest& request, Workspace& workspace, const core::Clock& clock,
           const ImportCallbacks& callbacks)
      : m_request(request),
        m_workspace(workspace),
        m_clock(clock),
        m_callbacks(callbacks),
        m_source(request.source, request.input),
        m_reader(m_source, m_source.name()) {}

  ImportResult run();

 private:
  void read_header();
  void read_rows();
  void row(const CsvRecord& record);
  void stage(const CsvRecord& record, const core::Status& parsed);
  void group_line_items();
  void finish_group();
  void reject(std::int64_t line, std::string reason, std::string_view raw, bool open_quote = false);
  void report_progress();
  core::Status within_ceiling(const OrderRecord& order);
  // For bytes that are not valid UTF-8: the hint that they are CP932, when they are.
  std::string utf8_hint(std::string_view raw) const {
    return m_decoder && m_result.encoding == "utf-8" ? ingest::cp932_hint(raw) : std::string();
  }
  // The reason of a row with bytes invalid in the file's encoding: the column, the bytes.
  std::string not_valid(const CsvRecord& record) {
    const auto [field, at] = m_decoder->first_invalid(record.fields);
    if (field >= record.fields.size()) {
      return fmt::format("bytes that are not valid {}{}", m_result.encoding, utf8_hint(record.raw));
    }
    const std::string column =
        field < m_header.size() ? m_header[field] : fmt::format("column {}", field + 1);
    return fmt::format("{}: bytes that are not valid {} ({}){}", column, m_result.encoding,
                       ingest::show_bad_bytes(record.fields[field], at), utf8_hint(record.raw));
  }

  const ImportRequest& m_request;
  Workspace& m_workspace;
  const core::Clock& m_clock;
  const ImportCallbacks& m_callbacks;
  ExportSource m_source;
  ingest::CsvReader m_reader;
  std::optional<ingest::Decoder> m_decoder;
  ingest::Mapping m_mapping;
  ingest::ColumnBinding m_binding;
  std::vector<bool> m_mapped_column;  // by header position
  std::vector<std::string> m_header;  // the header's names, UTF-8
  std::optional<ingest::RowParser> m_parser;
  std::optional<store::OrderImport> m_store;
  std::optional<RejectsFile> m_rejects;
  std::string m_currency;
  std::uint64_t m_magnitude = 0;  // the sum of the totals without their signs, so far
  ImportResult m_result;
  // Scratch space reused row after row.
  CsvRecord m_record;
  std::vector<std::string_view> m_fields;
  OrderRecord m_order;
  OrderRecord m_row;
  std::string m_staged;
  // The line-item order being assembled from its staged rows.
  struct GroupRow {
    std::int64_t line;
    std::string raw, reason;
  };
  std::vector<GroupRow> m_group;
  std::string m_group_key;
};

void Importer::read_header() {
  const std::string_view head = m_reader.peek(ingest::k_detect_bytes);
  if (auto problem = ingest::not_csv_problem(head, m_source.name())) {
    throw core::Error(core::ErrorKind::data, std::move(*problem));
  }
  if (m_request.encoding == EncodingChoice::cp932 && ingest::looks_like_utf8_text(head)) {
    throw core::Error(core::ErrorKind::data,
                      fmt::format("{}: --encoding cp932, but the file is UTF-8 text (read as "
                                  "CP932 its Japanese would turn into mojibake); run the import "
                                  "with --encoding utf-8, or without --encoding",
                                  m_source.name()));
  }
  ingest::Encoding encoding = m_request.encoding == EncodingChoice::cp932 ? ingest::Encoding::cp932
                                                                          : ingest::Encoding::utf8;
  if (m_request.encoding == EncodingChoice::detect) {
    core::Result<ingest::Encoding> detected = ingest::detect_encoding(head);
    if (!detected) {
      throw core::Error(core::ErrorKind::data,
                        fmt::format("{}: {}", m_source.name(), detected.reason()));
    }
    encoding = detected.value();
  }
  m_decoder.emplace(encoding);
  m_result.encoding = std::string(ingest::encoding_name(encoding));
  if (!m_reader.next(m_record)) {
    throw core::Error(core::ErrorKind::data,
                      fmt::format("{}: empty file; expected a header line", m_source.name()));
  }
  if (!m_decoder->decode_fields(m_record.fields, m_fields)) {
    throw core::Error(core::ErrorKind::data,
                      fmt::format("{}:1: the header has bytes that are not valid {}{}",
                                  m_source.name(), m_result.encoding, utf8_hint(m_record.raw)));
  }
  m_header.assign(m_fields.begin(), m_fields.end());
  const std::vector<std::string>& header = m_header;
  m_mapping = choose_mapping(m_request, header, m_source.name());
  m_result.preset = m_mapping.name;
  core::Result<ingest::ColumnBinding> binding = ingest::bind_columns(m_mapping, header);
  if (!binding) {
    throw core::Error(core::ErrorKind::data,
                      fmt::format("{}:{}: {}", m_source.name(), m_record.line, binding.reason()));
  }
  m_binding = std::move(binding).value();
  const config::ShopConfig& shop = m_workspace.config.shop;
  const core::Currency* currency =
      m_mapping.currency.empty() ? shop.currency : core::find_currency(m_mapping.currency);
  m_currency = std::string(currency->code);
  m_parser.emplace(m_mapping, m_binding, *currency, shop.timezone, m_clock.now());
  m_mapped_column.assign(m_binding.width, false);
  const auto mark = [&](int at) {
    if (at >= 0) m_mapped_column[static_cast<std::size_t>(at)] = true;
  };
  for (std::size_t i = 0; i < ingest::k_field_count; ++i) {
    mark(m_binding.index[i]);
    mark(m_binding.fallback[i]);
    for (const int more : m_binding.joined[i]) mark(more);
  }
  if (m_request.rejects) {
    m_rejects.emplace(*m_request.rejects, m_record, m_reader.had_bom(), encoding);
  }
}

void Importer::reject(std::int64_t line, std::string reason, std::string_view raw,
                      bool open_quote) {
  ++m_result.rejected;
  RowReject reject{line, std::move(reason), std::string(raw), open_quote};
  if (m_rejects) m_rejects->write(reject);
  if (m_callbacks.rejected) m_callbacks.rejected(reject);
}

// Checked arithmetic for every sum of money (docs/import.md, "Money"): the totals of all the
// orders, each without its sign, add up to at most INT64_MAX, so no sum of some of them (a
// customer's, a segment's, a month's, a cohort's) can overflow.
core::Status Importer::within_ceiling(const OrderRecord& order) {
  const std::int64_t total = *order.total_minor;
  const std::uint64_t size =
      total < 0 ? 0 - static_cast<std::uint64_t>(total) : static_cast<std::uint64_t>(total);
  constexpr auto k_ceiling = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (size > k_ceiling - m_magnitude) {
    const core::Currency& currency = m_parser->currency();
    return core::Failure{fmt::format(
        "the order's total {} {} would take the sum of all orders' totals past {} {}, the most "
        "tsuikyaku adds up (docs/import.md, \"Money\"); is the amount right?",
        core::format_major(core::Money(total, currency)), currency.code,
        core::format_major(core::Money(std::numeric_limits<std::int64_t>::max(), currency)),
        currency.code)};
  }
  m_magnitude += size;
  return {};
}

void Importer::report_progress() {
  if (m_callbacks.progress) {
    m_callbacks.progress({m_result.rows_read, m_reader.bytes_read(), m_source.size()});
  }
}

void Importer::row(const CsvRecord& record) {
  if (record.issue == ingest::RecordIssue::unclosed_quote) {
    return reject(record.line, "a quoted field is not closed before the end of the file",
                  record.raw, true);
  }
  if (!m_decoder->decode_fields(record.fields, m_fields)) {
    return reject(record.line, not_valid(record), record.raw);
  }
  m_order.clear();
  m_order.line = record.line;
  const core::Status parsed = m_parser->parse(m_fields, m_order);
  if (m_mapping.line_items()) return stage(record, parsed);
  const core::Status good = parsed ? m_parser->complete(m_order) : parsed;
  if (!good) return reject(record.line, good.reason(), record.raw);
  if (const core::Status room = within_ceiling(m_order); !room) {
    return reject(record.line, room.reason(), record.raw);
  }
  if (const core::Status stored = m_store->upsert(m_order, m_currency); !stored) {
    return reject(record.line, stored.reason(), record.raw);
  }
}

// A line item waits in the store until the whole file is read: an order's rows need not be
// adjacent (SPEC §3). A bad row waits too, so that the rest of its order goes with it.
void Importer::stage(const CsvRecord& record, const core::Status& parsed) {
  std::string_view key;
  if (m_fields.size() == m_binding.width) {
    key = core::trim(m_fields[static_cast<std::size_t>(m_binding.at(ingest::Field::order_id))]);
  }
  if (key.empty() || core::has_control_chars(key)) {
    const std::string missing =
        fmt::format("missing {}", m_binding.column(ingest::Field::order_id));
    return reject(record.line, parsed ? missing : parsed.reason(), record.raw);
  }
  if (!parsed) return m_store->stage({key, record.line, {}, record.raw, parsed.reason()});
  // Only the mapped values, so that the separator cannot occur inside one.
  m_staged.clear();
  for (std::size_t i = 0; i < m_fields.size(); ++i) {
    if (i > 0) m_staged += store::k_unit_separator;
    if (m_mapped_column[i]) m_staged += m_fields[i];
  }
  m_store->stage({key, record.line, m_staged, record.raw, {}});
}

void Importer::read_rows() {
  while (m_reader.next(m_record)) {
    ++m_result.rows_read;
    row(m_record);
    if (m_result.rows_read % k_progress_every == 0) report_progress();
  }
  report_progress();
}

// Settles the order whose rows are in m_group: imported whole, or rejected whole.
void Importer::finish_group() {
  if (m_group.empty()) return;
  std::string reason;
  for (const GroupRow& row : m_group) {
    if (!row.reason.empty()) {
      reason = fmt::format("line {} of the same order was rejected", row.line);
      break;
    }
  }
  if (reason.empty()) {
    core::Status good = ingest::total_from_lines(m_order, m_parser->currency());
    if (good) good = m_parser->complete(m_order);
    if (good) good = within_ceiling(m_order);
    if (!good) reason = good.reason();
  }
  if (reason.empty()) {
    if (const core::Status stored = m_store->upsert(m_order, m_currency); !stored) {
      reason = stored.reason();
    }
  }
  if (!reason.empty()) {
    for (GroupRow& row : m_group) {
      reject(row.line, row.reason.empty() ? reason : std::move(row.reason), row.raw);
    }
  }
  m_group.clear();
}

void Importer::group_line_items() {
  m_store->for_each_staged([&](const store::StagedRow& staged) {
    if (staged.order_key != m_group_key || m_group.empty()) {
      finish_group();
      m_group_key = staged.order_key;
      m_order.clear();
    }
    m_group.push_back({staged.line, std::string(staged.raw), std::string(staged.reason)});
    if (!staged.reason.empty()) return;
    const std::vector<std::string_view> fields =
        core::split(staged.fields, store::k_unit_separator);
    m_row.clear();
    m_row.line = staged.line;
    if (const core::Status parsed = m_parser->parse(fields, m_row); !parsed) {
      m_group.back().reason = parsed.reason();  // not expected: the row was good when staged
      return;
    }
    if (m_group.size() == 1) m_order.line = staged.line;
    ingest::merge_row(m_order, std::move(m_row));
  });
  finish_group();
}

ImportResult Importer::run() {
  read_header();
  m_store.emplace(m_workspace.db,
                  store::ImportSource{m_request.source, m_result.preset, m_result.encoding},
                  m_clock.now(), m_source.size() / k_bytes_per_row_at_least);
  m_magnitude = static_cast<std::uint64_t>(m_store->stored_total_magnitude());
  read_rows();
  if (m_mapping.line_items()) group_line_items();
  if (m_rejects) m_rejects->close();
  if (m_request.strict && m_result.rejected > 0) return m_result;  // rolled back
  m_store->commit(m_result.rows_read, m_result.rejected);
  m_result.counts = m_store->counts();
  m_result.committed = true;
  return m_result;
}

}  // namespace

std::vector<std::string> preset_names() {
  std::vector<std::string> names;
  for (const auto& file : resources::files()) {
    if (const std::optional<std::string_view> name = ingest::preset_name_of(file.path)) {
      names.emplace_back(*name);
    }
  }
  return names;
}

ImportResult import_orders(const ImportRequest& request, Workspace& workspace,
                           const core::Clock& clock, const ImportCallbacks& callbacks) {
  std::error_code ec;
  if (request.rejects && request.source != "-" &&
      std::filesystem::equivalent(*request.rejects, request.source, ec)) {
    throw core::Error(core::ErrorKind::usage,
                      fmt::format("--rejects {} is the export being read; name another file",
                                  request.rejects->string()));
  }
  Importer importer(request, workspace, clock, callbacks);
  return importer.run();
}

}  // namespace tsuikyaku::app
