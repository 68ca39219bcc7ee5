#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <optional>

#include "tsuikyaku/core/decimal.hpp"
#include "tsuikyaku/store/orders.hpp"

namespace tsuikyaku::store {
namespace {

using import::OrderRecord;

// Bulk loading: a bigger page cache than the default 2 MB keeps the indexes of a
// million-row import in memory (docs/benchmarks.md), within the memory budget.
constexpr int k_import_cache_kib = 32 * 1024;

void bind_text(SQLite::Statement& stmt, int index, std::string_view text) {
  if (text.empty()) {
    stmt.bind(index);
  } else {
    stmt.bindNoCopy(index, text.data(), static_cast<int>(text.size()));
  }
}

std::optional<std::int64_t> column_time(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

std::optional<std::int64_t> unix_of(const std::optional<core::Instant>& t) {
  if (!t) return std::nullopt;
  return core::to_unix(*t);
}

// The profile a customer row holds, and what an order makes of it.
struct Profile {
  std::string email, name, postal_code, address, phone;
  bool accepts_marketing = false;

  friend bool operator==(const Profile&, const Profile&) = default;
};

struct OrderRow {
  std::int64_t customer_id = 0, ordered_at = 0, total_minor = 0;
  std::string currency, status, tracking_number, carrier, discount_code;
  std::optional<std::int64_t> shipped_at, delivered_at, cancelled_at;

  friend bool operator==(const OrderRow&, const OrderRow&) = default;
};

template <typename T>
void keep_known(T& value, const T& known) {
  if (value == T{}) value = known;
}

}  // namespace

struct OrderImport::Impl {
  explicit Impl(Database& database)
      : db(database.handle()),
        transaction(db, SQLite::TransactionBehavior::IMMEDIATE),
        find_customer(db,
                      "SELECT id, profile_at, import_id, email, name, postal_code, address, phone, "
                      "accepts_marketing FROM customers WHERE match_key = ?"),
        insert_customer(db,
                        "INSERT INTO customers (customer_key, match_key, email, name, "
                        "accepts_marketing, postal_code, address, phone, profile_at, import_id, "
                        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        update_customer(db,
                        "UPDATE customers SET email = ?, name = ?, accepts_marketing = ?, "
                        "postal_code = ?, address = ?, phone = ?, profile_at = ?, import_id = ?, "
                        "updated_at = ? WHERE id = ?"),
        move_profile(db, "UPDATE customers SET profile_at = ? WHERE id = ?"),
        find_order(db,
                   "SELECT id, import_id, customer_id, ordered_at, total_minor, currency, status, "
                   "shipped_at, delivered_at, cancelled_at, tracking_number, carrier, "
                   "discount_code FROM orders WHERE order_key = ?"),
        insert_order(db,
                     "INSERT INTO orders (order_key, customer_id, ordered_at, total_minor, "
                     "currency, status, shipped_at, delivered_at, cancelled_at, tracking_number, "
                     "carrier, discount_code, import_id, created_at, updated_at) VALUES "
                     "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        update_order(db,
                     "UPDATE orders SET customer_id = ?, ordered_at = ?, total_minor = ?, "
                     "currency = ?, status = ?, shipped_at = ?, delivered_at = ?, "
                     "cancelled_at = ?, tracking_number = ?, carrier = ?, discount_code = ?, "
                     "import_id = ?, updated_at = ? WHERE id = ?"),
        delete_lines(db, "DELETE FROM order_lines WHERE order_id = ?"),
        insert_line(db,
                    "INSERT INTO order_lines (order_id, line_no, sku, description, quantity, "
                    "unit_price) VALUES (?, ?, ?, ?, ?, ?)") {}

  std::int64_t customer_for(const OrderRecord& order);
  void write_order(const OrderRecord& order, std::string_view currency, std::int64_t customer_id);
  void write_lines(std::int64_t order_id, const OrderRecord& order);

  SQLite::Database& db;
  SQLite::Transaction transaction;
  SQLite::Statement find_customer, insert_customer, update_customer, move_profile;
  SQLite::Statement find_order, insert_order, update_order, delete_lines, insert_line;
  std::optional<SQLite::Statement> insert_staged;
  std::int64_t import_id = 0;
  std::int64_t now = 0;
  ImportCounts counts;
};

std::int64_t OrderImport::Impl::customer_for(const OrderRecord& order) {
  const std::int64_t ordered_at = core::to_unix(*order.ordered_at);
  Profile next{order.email,   order.name,  order.postal_code,
               order.address, order.phone, order.accepts_marketing.value_or(false)};
  find_customer.reset();
  bind_text(find_customer, 1, order.match_key);
  if (!find_customer.executeStep()) {
    SQLite::Statement& s = insert_customer;
    s.reset();
    bind_text(s, 1, order.customer_key);
    bind_text(s, 2, order.match_key);
    bind_text(s, 3, next.email);
    bind_text(s, 4, next.name);
    s.bind(5, next.accepts_marketing ? 1 : 0);
    bind_text(s, 6, next.postal_code);
    bind_text(s, 7, next.address);
    bind_text(s, 8, next.phone);
    s.bind(9, ordered_at);
    s.bind(10, import_id);
    s.bind(11, now);
    s.bind(12, now);
    s.exec();
    ++counts.customers_new;
    return db.getLastInsertRowid();
  }
  const std::int64_t id = find_customer.getColumn(0).getInt64();
  const std::int64_t profile_at = find_customer.getColumn(1).getInt64();
  const std::int64_t last_import = find_customer.getColumn(2).getInt64();
  // An older order than the one the profile came from says nothing new (SPEC §3).
  if (ordered_at < profile_at) return id;
  const Profile known{
      find_customer.getColumn(3).getString(), find_customer.getColumn(4).getString(),
      find_customer.getColumn(5).getString(), find_customer.getColumn(6).getString(),
      find_customer.getColumn(7).getString(), find_customer.getColumn(8).getInt() != 0};
  keep_known(next.email, known.email);
  keep_known(next.name, known.name);
  keep_known(next.postal_code, known.postal_code);
  keep_known(next.address, known.address);
  keep_known(next.phone, known.phone);
  if (!order.accepts_marketing) next.accepts_marketing = known.accepts_marketing;
  if (next == known) {
    if (ordered_at != profile_at) {
      move_profile.reset();
      move_profile.bind(1, ordered_at);
      move_profile.bind(2, id);
      move_profile.exec();
    }
    return id;
  }
  SQLite::Statement& s = update_customer;
  s.reset();
  bind_text(s, 1, next.email);
  bind_text(s, 2, next.name);
  s.bind(3, next.accepts_marketing ? 1 : 0);
  bind_text(s, 4, next.postal_code);
  bind_text(s, 5, next.address);
  bind_text(s, 6, next.phone);
  s.bind(7, ordered_at);
  s.bind(8, import_id);
  s.bind(9, now);
  s.bind(10, id);
  s.exec();
  if (last_import != import_id) ++counts.customers_updated;
  return id;
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

void OrderImport::Impl::write_order(const OrderRecord& order, std::string_view currency,
                                    std::int64_t customer_id) {
  OrderRow next{customer_id,
                core::to_unix(*order.ordered_at),
                *order.total_minor,
                std::string(currency),
                order.status,
                order.tracking_number,
                order.carrier,
                order.discount_code,
                unix_of(order.shipped_at),
                unix_of(order.delivered_at),
                unix_of(order.cancelled_at)};
  find_order.reset();
  bind_text(find_order, 1, order.order_key);
  const bool exists = find_order.executeStep();
  SQLite::Statement& s = exists ? update_order : insert_order;
  std::int64_t order_id = 0;
  if (exists) {
    const auto& f = find_order;
    order_id = f.getColumn(0).getInt64();
    const std::int64_t last_import = f.getColumn(1).getInt64();
    const OrderRow known{
        f.getColumn(2).getInt64(),   f.getColumn(3).getInt64(),   f.getColumn(4).getInt64(),
        f.getColumn(5).getString(),  f.getColumn(6).getString(),  f.getColumn(10).getString(),
        f.getColumn(11).getString(), f.getColumn(12).getString(), column_time(f.getColumn(7)),
        column_time(f.getColumn(8)), column_time(f.getColumn(9))};
    for (auto member : {&OrderRow::status, &OrderRow::tracking_number, &OrderRow::carrier,
                        &OrderRow::discount_code}) {
      keep_known(next.*member, known.*member);
    }
    for (auto member : {&OrderRow::shipped_at, &OrderRow::delivered_at, &OrderRow::cancelled_at}) {
      keep_known(next.*member, known.*member);
    }
    if (next == known) return;
    s.reset();
    s.bind(14, order_id);
    if (last_import != import_id) ++counts.orders_updated;
  } else {
    s.reset();
    if (next.status.empty()) next.status = "paid";
    bind_text(s, 1, order.order_key);
    ++counts.orders_new;
  }
  const int base = exists ? 0 : 1;  // insert has order_key first
  s.bind(base + 1, next.customer_id);
  s.bind(base + 2, next.ordered_at);
  s.bind(base + 3, next.total_minor);
  bind_text(s, base + 4, next.currency);
  bind_text(s, base + 5, next.status);
  const auto bind_optional = [&](int index, const std::optional<std::int64_t>& value) {
    if (value) {
      s.bind(index, *value);
    } else {
      s.bind(index);
    }
  };
  bind_optional(base + 6, next.shipped_at);
  bind_optional(base + 7, next.delivered_at);
  bind_optional(base + 8, next.cancelled_at);
  bind_text(s, base + 9, next.tracking_number);
  bind_text(s, base + 10, next.carrier);
  bind_text(s, base + 11, next.discount_code);
  s.bind(base + 12, import_id);
  s.bind(base + 13, now);
  if (!exists) s.bind(15, now);
  s.exec();
  if (!exists) order_id = db.getLastInsertRowid();
  write_lines(order_id, order);
}

OrderImport::OrderImport(Database& db, const ImportSource& source, core::Instant now) {
  db.handle().exec(fmt::format("PRAGMA cache_size = -{}", k_import_cache_kib));
  m_impl = std::make_unique<Impl>(db);
  m_impl->now = core::to_unix(now);
  SQLite::Statement insert(db.handle(),
                           "INSERT INTO imports (source, preset, encoding, started_at) "
                           "VALUES (?, ?, ?, ?)");
  insert.bind(1, source.source);
  insert.bind(2, source.preset);
  insert.bind(3, source.encoding);
  insert.bind(4, m_impl->now);
  insert.exec();
  m_impl->import_id = db.handle().getLastInsertRowid();
}

OrderImport::~OrderImport() = default;

void OrderImport::upsert(const OrderRecord& order, std::string_view currency) {
  const std::int64_t customer_id = m_impl->customer_for(order);
  m_impl->write_order(order, currency, customer_id);
}

void OrderImport::stage(const StagedRow& row) {
  if (!m_impl->insert_staged) {
    m_impl->db.exec(
        "CREATE TEMP TABLE IF NOT EXISTS import_rows (order_key TEXT NOT NULL, line INTEGER "
        "NOT NULL, fields TEXT NOT NULL, raw BLOB NOT NULL, reason TEXT NOT NULL)");
    m_impl->db.exec("DELETE FROM temp.import_rows");
    m_impl->insert_staged.emplace(m_impl->db,
                                  "INSERT INTO temp.import_rows VALUES (?, ?, ?, ?, ?)");
  }
  SQLite::Statement& s = *m_impl->insert_staged;
  s.reset();
  s.bindNoCopy(1, row.order_key.data(), static_cast<int>(row.order_key.size()));
  s.bind(2, row.line);
  s.bindNoCopy(3, row.fields.data(), static_cast<int>(row.fields.size()));
  s.bindNoCopy(4, static_cast<const void*>(row.raw.data()), static_cast<int>(row.raw.size()));
  s.bindNoCopy(5, row.reason.data(), static_cast<int>(row.reason.size()));
  s.exec();
}

void OrderImport::for_each_staged(const std::function<void(const StagedRow&)>& visit) {
  if (!m_impl->insert_staged) return;
  SQLite::Statement rows(m_impl->db,
                         "SELECT r.order_key, r.line, r.fields, r.raw, r.reason "
                         "FROM temp.import_rows r JOIN (SELECT order_key, MIN(line) AS first "
                         "FROM temp.import_rows GROUP BY order_key) o USING (order_key) "
                         "ORDER BY o.first, r.line");
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

const ImportCounts& OrderImport::counts() const { return m_impl->counts; }

void OrderImport::commit(std::int64_t rows_read, std::int64_t rejected) {
  SQLite::Statement update(m_impl->db,
                           "UPDATE imports SET finished_at = ?, rows_read = ?, orders_new = ?, "
                           "orders_updated = ?, customers_new = ?, customers_updated = ?, "
                           "rejected = ? WHERE id = ?");
  const ImportCounts& c = m_impl->counts;
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
