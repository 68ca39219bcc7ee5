#pragma once

// A shop whose ledger rows are written straight into a real SQLite file, and a renderer
// for them built from render::render_message and the shipped English campaigns: the
// world of the delivery tests, without the planning that queues rows in the real command.

#include <SQLiteCpp/SQLiteCpp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <string>

#include "segments/segment_shop.hpp"
#include "shipped.hpp"
#include "tsuikyaku/app/deliver.hpp"
#include "tsuikyaku/store/ledger.hpp"

namespace tsuikyaku::testing {

// 2026-11-18 11:06:40 UTC, the "now" of the delivery tests (and of run_cli).
inline const core::Instant k_now = core::from_unix(1'795'000'000);

// The identity of a process that has ended: a child that exited at once.
inline store::RunIdentity dead_identity() {
  store::RunIdentity run = store::current_run_identity();
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  run.pid = child;
  return run;
}

class LedgerFixture {
 public:
  LedgerFixture() : m_shipped(shipped_workspace("en")) {}

  SegmentShop& shop() { return m_shop; }
  store::Database& db() { return m_shop.db(); }

  // A customer with this address and one paid order; returns the customer id.
  std::int64_t customer(const std::string& email) {
    const std::int64_t id = m_shop.customer(email, {email, "Emma", "", "", ""});
    m_orders[id] = m_shop.order(id, k_now - std::chrono::hours{1}, 2450);
    return id;
  }

  // A ledger row of the thank-you campaign for the customer's order; returns its id.
  std::int64_t queue(std::int64_t customer_id, const std::string& state = "queued",
                     core::Instant next_attempt_at = k_now - std::chrono::minutes{1}) {
    SQLite::Statement insert(db().handle(), R"sql(
INSERT INTO messages (dedup_key, campaign, kind, customer_id, order_id, state, due_at,
                      next_attempt_at, created_at, updated_at)
VALUES (?1, 'thank-you', 'transactional', ?2, ?3, ?4, ?5, ?6, ?5, ?5)
)sql");
    insert.bind(1, "thank-you:order:" + std::to_string(++m_rows));
    insert.bind(2, customer_id);
    insert.bind(3, m_orders.at(customer_id));
    insert.bind(4, state);
    insert.bind(5, core::to_unix(k_now - std::chrono::hours{1}));
    insert.bind(6, core::to_unix(next_attempt_at));
    insert.exec();
    return db().handle().getLastInsertRowid();
  }

  // One column of a ledger row, as text ("" for NULL).
  std::string column(std::int64_t id, const std::string& name) {
    SQLite::Statement query(db().handle(), "SELECT " + name + " FROM messages WHERE id = ?");
    query.bind(1, id);
    REQUIRE(query.executeStep());
    return query.getColumn(0).isNull() ? "" : query.getColumn(0).getString();
  }
  std::string state(std::int64_t id) { return column(id, "state"); }

  // Sets columns of a ledger row: set(id, "state = 'sent', sent_at = 1").
  void set(std::int64_t id, const std::string& assignments) {
    SQLite::Statement update(db().handle(), "UPDATE messages SET " + assignments + " WHERE id = ?");
    update.bind(1, id);
    REQUIRE(update.exec() == 1);
  }

  // Renders a row as the thank-you of the shipped English campaigns, to the customer's
  // stored address.
  // On a connection of its own, as in `send`: the render thread must not share the
  // ledger's connection (connections are opened in SQLite's multi-thread mode).
  app::RenderRow renderer() {
    auto own = std::make_shared<store::Database>(store::Database::open(db().path()));
    return [this, own](const store::LedgerRow& row) {
      const campaign::Campaign& thank_you = campaign(row.campaign);
      render::MessageRequest request = sample_request(m_shipped, thank_you, "Emma", 0);
      SQLite::Statement query(own->handle(), "SELECT email FROM customers WHERE id = ?");
      query.bind(1, row.customer_id);
      REQUIRE(query.executeStep());
      request.customer.email = query.getColumn(0).getString();
      request.message_token = app::message_token(row, request.date);
      return app::render_outgoing(request, row.id);
    };
  }

  app::DeliverRequest request(std::int64_t run_id, int connections = 1) const {
    app::DeliverRequest request;
    request.now = k_now;
    request.run_id = run_id;
    request.connections = connections;
    request.zone = m_shipped.config.shop.timezone;
    return request;
  }

  std::int64_t start_run(const std::string& transport = "smtp") {
    return store::start_send_run(db(), {store::current_run_identity(), k_now, k_now, transport});
  }

  const ShippedWorkspace& shipped() const { return m_shipped; }

 private:
  const campaign::Campaign& campaign(const std::string& name) const {
    const auto& all = m_shipped.campaigns;
    const auto found =
        std::find_if(all.begin(), all.end(), [&](const auto& c) { return c.name == name; });
    REQUIRE(found != all.end());
    return *found;
  }

  ShippedWorkspace m_shipped;
  SegmentShop m_shop;
  std::map<std::int64_t, std::int64_t> m_orders;  // customer id -> order id
  int m_rows = 0;
};

}  // namespace tsuikyaku::testing
