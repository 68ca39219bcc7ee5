#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "tsuikyaku/core/result.hpp"
#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/import/order_record.hpp"
#include "tsuikyaku/store/database.hpp"

// Writing an import into the database (SPEC §3): customers and orders upserted under the
// identity rules, in one transaction, so a crash or Ctrl-C leaves the file as it was.

namespace tsuikyaku::store {

struct ImportSource {
  std::string source;    // the file as given, or "-"
  std::string preset;    // a preset name (presets/*.yaml), or mapping:FILE
  std::string encoding;  // utf-8 or cp932
};

struct ImportCounts {
  std::int64_t orders_new = 0;
  std::int64_t orders_updated = 0;  // existing orders whose fields changed
  std::int64_t customers_new = 0;
  std::int64_t customers_updated = 0;  // existing customers whose profile changed
};

// A row of a line-item export parked until the whole file is read.
struct StagedRow {
  std::string_view order_key;
  std::int64_t line = 0;
  std::string_view fields;  // the row's mapped values in UTF-8, joined by k_unit_separator
  std::string_view raw;     // the bytes as in the file
  std::string_view reason;  // empty for a good row
};
inline constexpr char k_unit_separator = '\x1f';

class OrderImport {
 public:
  // Begins the transaction (waiting for other writers up to the busy timeout) and records
  // the import. now stamps created_at/updated_at. expected_rows (0: unknown; an estimate
  // from the file's size) lets an import that brings many new orders load in bulk.
  OrderImport(Database& db, const ImportSource& source, core::Instant now,
              std::uint64_t expected_rows = 0);
  ~OrderImport();  // rolls back unless committed
  OrderImport(const OrderImport&) = delete;
  OrderImport& operator=(const OrderImport&) = delete;

  // Inserts or updates the order and its customer. Identity is order.match_key; the
  // customer's name, e-mail and consent come from its newest order (ties: the later row),
  // and a value the export does not give never erases a known one. A row that would give
  // a stored order to another customer writes nothing and fails with the reason.
  core::Status upsert(const ingest::OrderRecord& order, std::string_view currency);

  // Line-item exports: rows are parked in a temporary table, then read back grouped by
  // order (orders in the order of their first row, rows by line), so that memory does not
  // grow with the file even when an order's rows are far apart.
  void stage(const StagedRow& row);
  void for_each_staged(const std::function<void(const StagedRow&)>& visit);

  // The sum of every stored order's total without its sign, read in the import's
  // transaction: the room left under the ceiling of money sums (docs/import.md, "Money");
  // INT64_MAX when the stored totals already overflow it (a database of an older version).
  std::int64_t stored_total_magnitude();

  // The counts so far (final after commit).
  ImportCounts counts() const;

  // Records the totals on the import row and commits.
  void commit(std::int64_t rows_read, std::int64_t rejected);

 private:
  void drop_indexes_for_bulk();

  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace tsuikyaku::store
