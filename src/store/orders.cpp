#include "tsuikyaku/store/orders.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <optional>
#include <vector>

#include "customer_writer.hpp"
#include "fingerprint.hpp"
#include "seen_keys.hpp"
#include "statement_binding.hpp"
#include "statements.hpp"
#include "tsuikyaku/core/decimal.hpp"
#include "tsuikyaku/core/escape.hpp"

namespace tsuikyaku::store {
namespace {

using ingest::OrderRecord;

// SQLite's page cache during an import. Larger made neither the load nor the index builds
// faster and took the peak memory past 100 MB (docs/benchmarks.md).
constexpr int k_import_cache_kib = 8 * 1024;

// A bulk load drops the secondary indexes once this many orders (or as many as were stored,
// when more) are new in the import, and only when the file is expected to hold twice that:
// rebuilding them pays off only when the load is at least as large as what they index.
constexpr std::uint64_t k_bulk_after_new = 25'000;

std::optional<std::int64_t> unix_of(const std::optional<core::Instant>& t) {
  if (!t) return std::nullopt;
  return core::to_unix(*t);
}

struct OrderRow {
  std::int64_t customer_id = 0, ordered_at = 0, total_minor = 0;
  std::string currency, status, tracking_number, carrier, discount_code;
  std::optional<std::int64_t> shipped_at, delivered_at, cancelled_at;

  friend bool operator==(const OrderRow&, const OrderRow&) = default;
};

// An order as stored, with the keys of its customer.
struct StoredOrder {
  std::int64_t id = 0, import_id = 0;
  OrderRow row;
  std::string owner_match_key, owner_key;
};

}  // namespace

struct OrderImport::Impl {
  Impl(Database& database, std::int64_t at)
      : db(database.handle()),
        transaction(db, SQLite::TransactionBehavior::IMMEDIATE),
        now(at),
        customers(db, at),
        insert_order(db, sql::k_order_insert),
        find_fingerprint(db, sql::k_order_fingerprint),
        find_order(db, sql::k_order_find),
        update_fingerprint(db, sql::k_order_fingerprint_update),
        update_order(db, sql::k_order_update),
        delete_lines(db, sql::k_order_lines_delete),
        insert_line(db, sql::k_order_line_insert) {
    had_orders = db.execAndGet("SELECT EXISTS (SELECT 1 FROM orders)").getInt() != 0;
  }

  std::optional<StoredOrder> stored_order(const std::string& order_key);
  core::Status keeps_owner(const OrderRecord& order, const StoredOrder& stored);
  void write_order(const OrderRecord& order, std::string_view currency, std::int64_t customer_id,
                   std::int64_t fingerprint, std::optional<StoredOrder> stored);
  // Whether the order is stored, and with this row's fingerprint.
  enum class Known { absent, unchanged, changed };
  Known known(const std::string& order_key, std::int64_t fingerprint);
  bool merge_stored(const StoredOrder& stored, OrderRow& next);
  void write_lines(std::int64_t order_id, const OrderRecord& order);

  SQLite::Database& db;
  SQLite::Transaction transaction;
  std::int64_t now;
  CustomerWriter customers;

  // The order numbers this import has met: into an empty table, a row can only meet a
  // stored order whose number came earlier in the file, so the owner is searched for those
  // alone (a false positive costs one search).
  bool had_orders = false;
  SeenKeys met_orders;

  // Non-zero: the count of new orders at which the secondary indexes are dropped.
  std::uint64_t bulk_after_new = 0;

  SQLite::Statement insert_order, find_fingerprint, find_order, update_fingerprint, update_order,
      delete_lines, insert_line;
  std::optional<SQLite::Statement> insert_staged;
  std::vector<std::string> dropped_indexes;  // their CREATE statements, run again at commit
  std::int64_t import_id = 0;
  ImportCounts counts;
};

// The stored order's fingerprint is the row's: applying the row again would change nothing.
OrderImport::Impl::Known OrderImport::Impl::known(const std::string& order_key,
                                                  std::int64_t fingerprint) {
  SQLite::Statement& f = find_fingerprint;
  f.reset();
  bind_text(f, 1, order_key);
  Known known = Known::absent;
  if (f.executeStep()) {
    const SQLite::Column stored = f.getColumn(0);
    known =
        !stored.isNull() && stored.getInt64() == fingerprint ? Known::unchanged : Known::changed;
  }
  f.reset();
  return known;
}

std::optional<StoredOrder> OrderImport::Impl::stored_order(const std::string& order_key) {
  SQLite::Statement& f = find_order;
  f.reset();
  bind_text(f, 1, order_key);
  if (!f.executeStep()) {
    f.reset();
    return std::nullopt;
  }
  StoredOrder stored{
      f.getColumn(0).getInt64(),
      f.getColumn(1).getInt64(),
      {f.getColumn(2).getInt64(), f.getColumn(3).getInt64(), f.getColumn(4).getInt64(),
       f.getColumn(5).getString(), f.getColumn(6).getString(), f.getColumn(10).getString(),
       f.getColumn(11).getString(), f.getColumn(12).getString(), optional_int(f.getColumn(7)),
       optional_int(f.getColumn(8)), optional_int(f.getColumn(9))},
      f.getColumn(13).getString(),
      f.getColumn(14).getString()};
  f.reset();
  return stored;
}

// An order belongs to one customer for good: a row that gives a stored order to another
// customer (SPEC §3 identity) is a mistake in the export or a collision of two shops' order
// numbers, and either way the order stays whose it is.
core::Status OrderImport::Impl::keeps_owner(const OrderRecord& order, const StoredOrder& stored) {
  if (stored.owner_match_key == order.match_key) return {};
  // Two keys that read the same are told apart by their kinds (id:, email:).
  const bool same_text = stored.owner_key == order.customer_key;
  return core::Failure{fmt::format(
      "order {} belongs to customer {}, not to {} as this row says; an order never moves to "
      "another customer (correct the row's customer, or leave the order out)",
      core::escaped(order.order_key),
      core::escaped(same_text ? stored.owner_match_key : stored.owner_key),
      core::escaped(same_text ? order.match_key : order.customer_key))};
}

void OrderImport::Impl::write_lines(std::int64_t order_id, const OrderRecord& order) {
  if (order.lines.empty()) return;
  delete_lines.reset();
  delete_lines.bind(1, order_id);
  delete_lines.exec();
  int line_no = 0;
  for (const auto& line : order.lines) {
    insert_line.reset();
    insert_line.bind(1, order_id);
    insert_line.bind(2, ++line_no);
    bind_text(insert_line, 3, line.sku);
    bind_text(insert_line, 4, line.description);
    insert_line.bind(5, line.quantity);
    insert_line.bind(6, core::format_plain(line.unit_price.mantissa, line.unit_price.scale));
    insert_line.exec();
  }
}

// Merges next with the stored order; false when nothing changed.
bool OrderImport::Impl::merge_stored(const StoredOrder& stored, OrderRow& next) {
  const OrderRow& known = stored.row;
  // A value this export does not give never erases a known one (SPEC §3 upsert).
  for (auto member : {&OrderRow::status, &OrderRow::tracking_number, &OrderRow::carrier,
                      &OrderRow::discount_code}) {
    keep_known(next.*member, known.*member);
  }
  for (auto member : {&OrderRow::shipped_at, &OrderRow::delivered_at, &OrderRow::cancelled_at}) {
    keep_known(next.*member, known.*member);
  }
  if (next == known) return false;
  // An order new in this import, or updated by an earlier row of it, is counted once.
  if (stored.import_id != import_id) ++counts.orders_updated;
  return true;
}

void OrderImport::Impl::write_order(const OrderRecord& order, std::string_view currency,
                                    std::int64_t customer_id, std::int64_t fingerprint,
                                    std::optional<StoredOrder> stored) {
  OrderRow next{customer_id,
                core::to_unix(*order.ordered_at),
                *order.total_minor,
                std::string(currency),
                order.status.empty() ? std::string("paid") : order.status,
                order.tracking_number,
                order.carrier,
                order.discount_code,
                unix_of(order.shipped_at),
                unix_of(order.delivered_at),
                unix_of(order.cancelled_at)};
  const auto bind_row = [&](SQLite::Statement& s) {
    s.reset();
    s.bind(1, next.customer_id);
    s.bind(2, next.ordered_at);
    s.bind(3, next.total_minor);
    bind_text(s, 4, next.currency);
    bind_text(s, 5, next.status);
    bind_or_null(s, 6, next.shipped_at);
    bind_or_null(s, 7, next.delivered_at);
    bind_or_null(s, 8, next.cancelled_at);
    bind_text(s, 9, next.tracking_number);
    bind_text(s, 10, next.carrier);
    bind_text(s, 11, next.discount_code);
    s.bind(12, import_id);
    s.bind(13, now);
    s.bind(14, fingerprint);
  };
  if (!stored) {
    bind_row(insert_order);
    bind_text(insert_order, 15, order.order_key);
    insert_order.bind(16, now);
    if (insert_order.exec() == 1) {
      ++counts.orders_new;
      write_lines(db.getLastInsertRowid(), order);
      return;
    }
    stored = stored_order(order.order_key);  // not searched for, yet there: stays right
  }
  if (order.status.empty()) next.status.clear();
  if (!merge_stored(*stored, next)) {
    // The same values from another row (or a row of schema 7): its fingerprint is kept, so
    // that the next import of this row stops at the fingerprint.
    update_fingerprint.reset();
    update_fingerprint.bind(1, fingerprint);
    update_fingerprint.bind(2, stored->id);
    update_fingerprint.exec();
    return;
  }
  bind_row(update_order);
  update_order.bind(15, stored->id);
  update_order.exec();
  write_lines(stored->id, order);
}

OrderImport::OrderImport(Database& db, const ImportSource& source, core::Instant now,
                         std::uint64_t expected_rows) {
  SQLite::Database& handle = db.handle();
  handle.exec(fmt::format("PRAGMA cache_size = -{}", k_import_cache_kib));
  // Every reference an import writes is to a row it has just read or written; checking
  // them again costs a tenth of the import's time. Restored in the destructor.
  handle.exec("PRAGMA foreign_keys = OFF");
  m_impl = std::make_unique<Impl>(db, core::to_unix(now));
  if (expected_rows > 0) {
    const auto stored =
        static_cast<std::uint64_t>(handle.execAndGet("SELECT count(*) FROM orders").getInt64());
    const std::uint64_t after = std::max(stored, k_bulk_after_new);
    if (expected_rows >= 2 * after) m_impl->bulk_after_new = after;
  }
  SQLite::Statement insert(handle,
                           "INSERT INTO imports (source, preset, encoding, started_at) "
                           "VALUES (?, ?, ?, ?)");
  insert.bind(1, source.source);
  insert.bind(2, source.preset);
  insert.bind(3, source.encoding);
  insert.bind(4, m_impl->now);
  insert.exec();
  m_impl->import_id = handle.getLastInsertRowid();
}

// A large load is a bulk load: once it has brought as many new orders as were stored (and
// k_bulk_after_new at least), the secondary indexes of customers and orders are dropped
// inside the transaction and built again at commit, which sorts once instead of inserting
// a million times at random places (docs/benchmarks.md). Counting the new orders, not the
// file's size, keeps the daily full export, which brings few, from rebuilding them all.
// The statements come from the schema itself, so nothing here repeats it. Unique indexes
// stay: the upsert needs them.
void OrderImport::drop_indexes_for_bulk() {
  SQLite::Database& db = m_impl->db;
  SQLite::Statement indexes(db,
                            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND "
                            "tbl_name IN ('orders', 'customers') AND sql IS NOT NULL AND "
                            "sql NOT LIKE 'CREATE UNIQUE%'");
  std::vector<std::string> names;
  while (indexes.executeStep()) {
    names.push_back(indexes.getColumn(0).getString());
    m_impl->dropped_indexes.push_back(indexes.getColumn(1).getString());
  }
  for (const auto& name : names) db.exec(fmt::format("DROP INDEX \"{}\"", name));
}

OrderImport::~OrderImport() {
  if (!m_impl) return;
  SQLite::Database& db = m_impl->db;
  m_impl.reset();  // rolls back unless committed
  db.exec("PRAGMA foreign_keys = ON");
}

core::Status OrderImport::upsert(const OrderRecord& order, std::string_view currency) {
  Impl& impl = *m_impl;
  const std::int64_t fingerprint = order_fingerprint(order, currency);
  std::optional<StoredOrder> stored;
  if (impl.had_orders || impl.met_orders.seen(order.order_key)) {
    // An unchanged row (the daily full export) writes nothing: no order, no lines, no
    // customer, no index entry.
    const Impl::Known known = impl.known(order.order_key, fingerprint);
    if (known == Impl::Known::unchanged) return {};
    if (known == Impl::Known::changed) stored = impl.stored_order(order.order_key);
    if (stored) {
      if (core::Status owner = impl.keeps_owner(order, *stored); !owner) return owner;
    }
  }
  const std::int64_t customer_id = impl.customers.upsert(order);
  impl.write_order(order, currency, customer_id, fingerprint, std::move(stored));
  if (impl.bulk_after_new != 0 &&
      static_cast<std::uint64_t>(impl.counts.orders_new) >= impl.bulk_after_new) {
    impl.bulk_after_new = 0;
    drop_indexes_for_bulk();
  }
  return {};
}

void OrderImport::stage(const StagedRow& row) {
  if (!m_impl->insert_staged) {
    m_impl->db.exec(sql::k_import_rows_create);
    m_impl->db.exec("DELETE FROM temp.import_rows");
    m_impl->insert_staged.emplace(m_impl->db, sql::k_import_row_insert);
  }
  SQLite::Statement& s = *m_impl->insert_staged;
  s.reset();
  s.bind(1, std::string(row.order_key));
  s.bind(2, row.line);
  s.bind(3, std::string(row.fields));
  s.bind(4, static_cast<const void*>(row.raw.empty() ? "" : row.raw.data()),
         static_cast<int>(row.raw.size()));
  s.bind(5, std::string(row.reason));
  s.exec();
}

void OrderImport::for_each_staged(const std::function<void(const StagedRow&)>& visit) {
  if (!m_impl->insert_staged) return;
  SQLite::Statement rows(m_impl->db,
                         "SELECT order_key, line, fields, raw, reason, "
                         "min(line) OVER (PARTITION BY order_key) AS first "
                         "FROM temp.import_rows ORDER BY first, line");
  while (rows.executeStep()) {
    const auto text = [&](int i) {
      const SQLite::Column column = rows.getColumn(i);
      return std::string_view(static_cast<const char*>(column.getBlob()),
                              static_cast<std::size_t>(column.getBytes()));
    };
    visit(StagedRow{text(0), rows.getColumn(1).getInt64(), text(2), text(3), text(4)});
  }
  m_impl->db.exec("DELETE FROM temp.import_rows");
}

std::int64_t OrderImport::stored_total_magnitude() {
  try {
    SQLite::Statement query(m_impl->db, "SELECT coalesce(sum(abs(total_minor)), 0) FROM orders");
    query.executeStep();
    return query.getColumn(0).getInt64();
  } catch (const SQLite::Exception&) {  // "integer overflow": SQLite's sum() is checked
    return std::numeric_limits<std::int64_t>::max();
  }
}

ImportCounts OrderImport::counts() const {
  ImportCounts counts = m_impl->counts;
  counts.customers_new = m_impl->customers.new_count();
  counts.customers_updated = m_impl->customers.updated_count();
  return counts;
}

void OrderImport::commit(std::int64_t rows_read, std::int64_t rejected) {
  m_impl->customers.flush();
  for (const auto& sql : m_impl->dropped_indexes) m_impl->db.exec(sql);
  SQLite::Statement update(m_impl->db,
                           "UPDATE imports SET finished_at = ?, rows_read = ?, orders_new = ?, "
                           "orders_updated = ?, customers_new = ?, customers_updated = ?, "
                           "rejected = ? WHERE id = ?");
  const ImportCounts c = counts();
  update.bind(1, m_impl->now);
  update.bind(2, rows_read);
  update.bind(3, c.orders_new);
  update.bind(4, c.orders_updated);
  update.bind(5, c.customers_new);
  update.bind(6, c.customers_updated);
  update.bind(7, rejected);
  update.bind(8, m_impl->import_id);
  update.exec();
  m_impl->transaction.commit();
}

}  // namespace tsuikyaku::store
