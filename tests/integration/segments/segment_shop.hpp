#pragma once

// A workspace with customers and orders put straight into a real SQLite file through the
// store's schema, for the segment tests (the import command is not needed to test them).

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

#include "support.hpp"
#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/core/time.hpp"

namespace tsuikyaku::testing {

struct Contact {
  std::string email;
  std::string name;
  std::string postal_code;
  std::string address;
  std::string phone;
};

class SegmentShop {
 public:
  // tsuikyaku.yaml in a temporary folder with this zone and currency, plus extra YAML.
  explicit SegmentShop(const std::string& extra_config = "", const std::string& zone = "Asia/Tokyo",
                       const std::string& currency = "JPY")
      : m_db(store::Database::open(m_dir / "tsuikyaku.db")) {
    write_file(m_dir / "tsuikyaku.yaml",
               "shop:\n  name: Kaede Tea\n  from: hello@kaede.example\n"
               "  timezone: " +
                   zone + "\n  currency: " + currency + "\n" + extra_config);
  }

  const std::filesystem::path& path() const { return m_dir.path(); }
  store::Database& db() { return m_db; }

  app::Workspace workspace() const {
    app::WorkspaceLocation where;
    where.config_flag = m_dir / "tsuikyaku.yaml";
    return app::open_workspace(where);
  }

  // A customer; returns its id. Empty contact fields are stored as NULL.
  std::int64_t customer(const std::string& key, const Contact& contact = {}) {
    SQLite::Statement insert(m_db.handle(),
                             "INSERT INTO customers (customer_key, match_key, email, name, "
                             "postal_code, address, phone, profile_at, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0)");
    insert.bind(1, key);
    insert.bind(2, key);
    int column = 3;
    for (const std::string* field :
         {&contact.email, &contact.name, &contact.postal_code, &contact.address, &contact.phone}) {
      if (field->empty()) {
        insert.bind(column++);
      } else {
        insert.bind(column++, *field);
      }
    }
    insert.exec();
    return m_db.handle().getLastInsertRowid();
  }

  // An order placed at a UTC instant, total in minor units; returns its id.
  std::int64_t order(std::int64_t customer_id, core::Instant at, std::int64_t total,
                     const std::string& status = "paid") {
    SQLite::Statement insert(m_db.handle(),
                             "INSERT INTO orders (order_key, customer_id, ordered_at, total_minor, "
                             "currency, status, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, 'JPY', ?, 0, 0)");
    insert.bind(1, "o" + std::to_string(++m_orders));
    insert.bind(2, customer_id);
    insert.bind(3, core::to_unix(at));
    insert.bind(4, total);
    insert.bind(5, status);
    insert.exec();
    return m_db.handle().getLastInsertRowid();
  }

  // A line of an order: sku and name empty are stored as NULL, price as exported.
  void line(std::int64_t order_id, const std::string& sku, const std::string& name,
            std::int64_t quantity, const std::string& unit_price) {
    SQLite::Statement insert(m_db.handle(),
                             "INSERT INTO order_lines (order_id, line_no, sku, description, "
                             "quantity, unit_price) VALUES (?, (SELECT count(*) + 1 FROM "
                             "order_lines WHERE order_id = ?1), ?, ?, ?, ?)");
    insert.bind(1, order_id);
    if (!sku.empty()) insert.bind(2, sku);
    if (!name.empty()) insert.bind(3, name);
    insert.bind(4, quantity);
    insert.bind(5, unit_price);
    insert.exec();
  }

 private:
  TempDir m_dir;
  store::Database m_db;
  int m_orders = 0;
};

// A UTC instant from its fields.
inline core::Instant utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  return core::Instant{core::make_local(y, mo, d, h, mi, s)->time_since_epoch()};
}

}  // namespace tsuikyaku::testing
