#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include "planning/planning_fixture.hpp"

namespace tsuikyaku::testing {
namespace {

const core::TimeZone k_tokyo = *core::TimeZone::find("Asia/Tokyo");

void bind_text(SQLite::Statement& statement, int column, const std::string& text) {
  if (text.empty()) {
    statement.bind(column);
  } else {
    statement.bind(column, text);
  }
}

void bind_time(SQLite::Statement& statement, int column, const std::optional<core::Instant>& t) {
  if (t) {
    statement.bind(column, core::to_unix(*t));
  } else {
    statement.bind(column);
  }
}

}  // namespace

PlanningShop PlanningShop::shipped(const std::string& lang) {
  return PlanningShop(Shipped{}, lang);
}

PlanningShop::PlanningShop(Shipped, const std::string& lang) : m_dir(std::make_unique<TempDir>()) {
  const auto made = run_cli(path(), {"init", ".", "--lang", lang});
  REQUIRE(made.exit_code == 0);
  open_db();
}

PlanningShop::PlanningShop(const std::string& send_yaml) : m_dir(std::make_unique<TempDir>()) {
  write_file(path() / "tsuikyaku.yaml",
             "shop:\n  name: Kaede Tea\n  from: \"Kaede Tea <hello@kaede.example>\"\n"
             "  timezone: Asia/Tokyo\n  currency: JPY\n"
             "  address: \"1-2-3 Jingumae, Tokyo\"\n"
             "  unsubscribe: \"mailto:unsubscribe@kaede.example\"\n" +
                 send_yaml);
  std::filesystem::create_directories(path() / "campaigns");
  open_db();
}

void PlanningShop::open_db() {
  m_db = std::make_unique<store::Database>(store::Database::open(path() / "tsuikyaku.db"));
}

app::Workspace PlanningShop::workspace() const {
  app::WorkspaceLocation where;
  where.config_flag = path() / "tsuikyaku.yaml";
  return app::open_workspace(where);
}

void PlanningShop::campaign(const std::string& name, const std::string& yaml,
                            const std::string& body) {
  write_file(path() / "campaigns" / (name + ".yaml"),
             "name: " + name + "\nbody: templates/" + name + ".md\n" + yaml);
  write_file(path() / "templates" / (name + ".md"), body);
}

std::int64_t PlanningShop::customer(const std::string& key, const std::string& email,
                                    bool accepts_marketing, const std::string& name) {
  SQLite::Statement insert(db().handle(),
                           "INSERT INTO customers (customer_key, match_key, email, name, "
                           "accepts_marketing, profile_at, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, 0, 0, 0)");
  insert.bind(1, key);
  insert.bind(2, key);
  bind_text(insert, 3, email);
  bind_text(insert, 4, name);
  insert.bind(5, accepts_marketing ? 1 : 0);
  insert.exec();
  return db().handle().getLastInsertRowid();
}

std::int64_t PlanningShop::order(const OrderSpec& spec) {
  SQLite::Statement insert(db().handle(),
                           "INSERT INTO orders (order_key, customer_id, ordered_at, total_minor, "
                           "currency, status, shipped_at, delivered_at, cancelled_at, "
                           "tracking_number, carrier, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)");
  insert.bind(1, spec.key);
  insert.bind(2, spec.customer);
  insert.bind(3, core::to_unix(spec.ordered_at));
  insert.bind(4, spec.total);
  insert.bind(5, spec.currency);
  insert.bind(6, spec.status);
  bind_time(insert, 7, spec.shipped_at);
  bind_time(insert, 8, spec.delivered_at);
  bind_time(insert, 9, spec.cancelled_at);
  bind_text(insert, 10, spec.tracking_number);
  bind_text(insert, 11, spec.carrier);
  insert.exec();
  return db().handle().getLastInsertRowid();
}

void PlanningShop::suppress(const std::string& address, const std::string& reason) {
  SQLite::Statement insert(db().handle(),
                           "INSERT INTO suppressions (address, reason, source, created_at) "
                           "VALUES (?, ?, 'cli', 0)");
  insert.bind(1, address);
  insert.bind(2, reason);
  insert.exec();
}

void PlanningShop::exec(const std::string& sql) { db().handle().exec(sql); }

std::int64_t PlanningShop::scalar(const std::string& sql) {
  return db().handle().execAndGet(sql).getInt64();
}

std::vector<std::string> PlanningShop::rows(const std::string& sql) {
  SQLite::Statement query(db().handle(), sql);
  std::vector<std::string> out;
  while (query.executeStep()) {
    std::string row;
    for (int i = 0; i < query.getColumnCount(); ++i) {
      if (i > 0) row += '|';
      row += query.getColumn(i).isNull() ? "-" : query.getColumn(i).getString();
    }
    out.push_back(row);
  }
  return out;
}

core::Instant tokyo(int month, int day, int hour, int minute, int year) {
  return k_tokyo.to_instant(*core::make_local(year, month, day, hour, minute));
}

CliResult run_in(const PlanningShop& shop, std::vector<std::string> args, core::Instant now) {
  CliRun run;
  run.args = std::move(args);
  run.now = now;
  return run_cli(shop.path(), run);
}

}  // namespace tsuikyaku::testing
