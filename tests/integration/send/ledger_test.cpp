#include "tsuikyaku/store/ledger.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>

#include "send/ledger_fixture.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/store/ledger_status.hpp"
#include "tsuikyaku/store/suppressions.hpp"

using namespace tsuikyaku;
using namespace tsuikyaku::testing;
using std::chrono::minutes;

namespace {

std::vector<std::int64_t> ids_of(const std::vector<store::LedgerRow>& rows) {
  std::vector<std::int64_t> ids;
  for (const auto& row : rows) ids.push_back(row.id);
  return ids;
}

// A row as a run leaves it once the message is handed over.
void set_sending(LedgerFixture& ledger, std::int64_t id, std::int64_t run_id) {
  SQLite::Statement update(ledger.db().handle(),
                           "UPDATE messages SET state = 'sending', run_id = ?, message_id = ?, "
                           "handed_over_at = 1 WHERE id = ?");
  update.bind(1, run_id);
  update.bind(2, "m" + std::to_string(id) + "@kaede.example");
  update.bind(3, id);
  update.exec();
}

}  // namespace

TEST_CASE("ledger: the due rows are queued and due deferred ones, oldest first, limited",
          "[ledger]") {
  LedgerFixture ledger;
  const auto customer = ledger.customer("a@example.com");
  const auto late = ledger.queue(customer, "queued", k_now - minutes{5});
  const auto early = ledger.queue(customer, "queued", k_now - minutes{30});
  const auto retry = ledger.queue(customer, "deferred", k_now - minutes{10});
  ledger.queue(customer, "deferred", k_now + minutes{1});  // not due yet
  ledger.queue(customer, "unknown", k_now - minutes{60});  // never automatically
  ledger.queue(customer, "sent", k_now - minutes{60});

  CHECK(ids_of(store::claim_due(ledger.db(), {k_now, {}, {}})) ==
        std::vector<std::int64_t>{early, retry, late});
  CHECK(ids_of(store::claim_due(ledger.db(), {k_now, {}, 2})) ==
        std::vector<std::int64_t>{early, retry});
  CHECK(store::claim_due(ledger.db(), {k_now, {"winback"}, {}}).empty());
  const auto rows = store::claim_due(ledger.db(), {k_now, {"thank-you"}, 1});
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].campaign == "thank-you");
  CHECK(rows[0].customer_id == customer);
  CHECK(rows[0].order_id.has_value());
  CHECK(rows[0].state == store::MessageState::queued);
  CHECK(rows[0].attempts == 0);
  CHECK_FALSE(rows[0].first_attempt_at);
}

TEST_CASE("ledger: sending rows of a dead run become unknown, a live run's stay", "[ledger]") {
  LedgerFixture ledger;
  const auto customer = ledger.customer("a@example.com");
  const auto dead_run = store::start_send_run(ledger.db(), {dead_identity(), k_now, k_now, "smtp"});
  const auto live_run = ledger.start_run();
  const auto orphan = ledger.queue(customer);
  const auto alive = ledger.queue(customer);
  const auto waiting = ledger.queue(customer);
  set_sending(ledger, orphan, dead_run);
  set_sending(ledger, alive, live_run);

  CHECK(store::recover_interrupted(ledger.db(), k_now) == 1);
  CHECK(ledger.state(orphan) == "unknown");
  CHECK(ledger.column(orphan, "last_error").rfind("the send run (process ", 0) == 0);
  CHECK(ledger.state(alive) == "sending");
  CHECK(ledger.state(waiting) == "queued");
  CHECK(store::recover_interrupted(ledger.db(), k_now) == 0);
}

TEST_CASE(
    "ledger: a dead run's rows never handed over are due again, unless it ran before a "
    "reboot",
    "[ledger]") {
  LedgerFixture ledger;
  const auto customer = ledger.customer("a@example.com");
  const auto this_boot =
      store::start_send_run(ledger.db(), {dead_identity(), k_now, k_now, "smtp"});
  store::RunIdentity before_reboot = dead_identity();
  before_reboot.process_start = "00000000-0000-0000-0000-000000000000:4242";
  const auto earlier_boot =
      store::start_send_run(ledger.db(), {before_reboot, k_now, k_now, "smtp"});
  const auto handed = ledger.queue(customer);
  const auto queued = ledger.queue(customer, "queued");
  const auto retried = ledger.queue(customer, "deferred");
  ledger.set(retried, "attempts = 1, first_attempt_at = 100");
  const auto lost_mark = ledger.queue(customer);
  store::LedgerWriter writer(ledger.db());
  writer.mark_sending(
      std::vector<store::Attempt>{{handed, this_boot, "a@example.com", "h@x", "smtp"},
                                  {queued, this_boot, "a@example.com", "q@x", "smtp"},
                                  {retried, this_boot, "a@example.com", "r@x", "smtp"}},
      k_now);
  writer.mark_sending(
      std::vector<store::Attempt>{{lost_mark, earlier_boot, "a@example.com", "l@x", "smtp"}},
      k_now);
  writer.mark_handed_over(handed, k_now);
  CHECK(ledger.column(queued, "handed_over_at").empty());
  CHECK(ledger.column(handed, "first_attempt_at") == std::to_string(core::to_unix(k_now)));

  CHECK(store::recover_interrupted(ledger.db(), k_now) == 2);
  CHECK(ledger.state(handed) == "unknown");
  CHECK(ledger.state(queued) == "queued");
  CHECK(ledger.column(queued, "first_attempt_at").empty());
  CHECK(ledger.state(retried) == "deferred");
  CHECK(ledger.column(retried, "first_attempt_at") == "100");
  // After a reboot the handed-over mark may be what was lost: a person decides.
  CHECK(ledger.state(lost_mark) == "unknown");
  CHECK(ledger.column(lost_mark, "message_id") == "l@x");
}

TEST_CASE("ledger: a run gives back the rows it marked but never handed over", "[ledger]") {
  LedgerFixture ledger;
  const auto customer = ledger.customer("a@example.com");
  const auto run = ledger.start_run();
  const auto queued = ledger.queue(customer);
  const auto deferred = ledger.queue(customer, "deferred");
  store::LedgerWriter writer(ledger.db());
  writer.mark_sending(std::vector<store::Attempt>{{queued, run, "a@example.com", "q@x", "smtp"},
                                                  {deferred, run, "a@example.com", "d@x", "smtp"}},
                      k_now);
  CHECK(ledger.state(queued) == "sending");
  writer.unclaim(queued, store::MessageState::queued, k_now);
  writer.unclaim(deferred, store::MessageState::deferred, k_now);
  CHECK(ledger.state(queued) == "queued");
  CHECK(ledger.state(deferred) == "deferred");

  // A row handed over is not given back: that would be a second delivery.
  writer.mark_sending(std::vector<store::Attempt>{{queued, run, "a@example.com", "q@x", "smtp"}},
                      k_now);
  writer.mark_handed_over(queued, k_now);
  CHECK_THROWS_WITH(writer.unclaim(queued, store::MessageState::queued, k_now),
                    "ledger row " + std::to_string(queued) +
                        " could not become queued: it is not in the state this run left it in");
  CHECK_THROWS_WITH(writer.mark_handed_over(queued, k_now),
                    "ledger row " + std::to_string(queued) +
                        " could not become handed over: it is not in the state this run left "
                        "it in");
}

TEST_CASE("ledger: retry-unknown queues unknown rows again with their Message-ID", "[ledger]") {
  LedgerFixture ledger;
  const auto customer = ledger.customer("a@example.com");
  const auto run = ledger.start_run();
  const auto id = ledger.queue(customer);
  set_sending(ledger, id, run);
  delivery::Outcome lost;
  lost.status = delivery::Status::unknown;
  lost.error = "no reply";
  store::LedgerWriter(ledger.db()).mark_unknown(id, lost, k_now);
  const auto other = ledger.queue(customer, "unknown");
  SQLite::Statement rename(ledger.db().handle(),
                           "UPDATE messages SET campaign = 'winback' WHERE id = ?");
  rename.bind(1, other);
  rename.exec();

  CHECK(store::retry_unknown(ledger.db(), k_now + minutes{5}, {"thank-you"}) == 1);
  CHECK(ledger.state(id) == "queued");
  CHECK(ledger.state(other) == "unknown");
  const auto rows = store::claim_due(ledger.db(), {k_now + minutes{5}, {}, {}});
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].message_id == "m" + std::to_string(id) + "@kaede.example");
  CHECK(rows[0].attempts == 1);
  CHECK(app::message_token(rows[0], k_now) == "m" + std::to_string(id));
}

TEST_CASE("ledger: a transition from a state the row is not in is an internal error", "[ledger]") {
  LedgerFixture ledger;
  const auto id = ledger.queue(ledger.customer("a@example.com"));
  delivery::Outcome sent;
  sent.status = delivery::Status::sent;
  store::LedgerWriter writer(ledger.db());
  try {
    writer.mark_sent(id, sent, k_now);
    FAIL("no error");
  } catch (const core::Error& e) {
    CHECK(e.kind() == core::ErrorKind::internal);
    CHECK(std::string(e.what()) == "ledger row " + std::to_string(id) +
                                       " could not become sent: it is not in the state this run "
                                       "left it in");
  }
  CHECK(ledger.state(id) == "queued");
}

TEST_CASE("ledger: a send run is recorded with its identity and end", "[ledger]") {
  LedgerFixture ledger;
  const auto run = ledger.start_run("outbox");
  store::finish_send_run(ledger.db(), run, k_now + minutes{2});
  const auto last = store::last_send_run(ledger.db());
  REQUIRE(last);
  CHECK(last->id == run);
  CHECK(last->identity.pid == ::getpid());
  CHECK(last->identity.process_start == store::current_run_identity().process_start);
  CHECK(last->finished_at == k_now + minutes{2});
  CHECK(last->transport == "outbox");
}

TEST_CASE("suppressions: matched in any letter case, and a bounce is never weakened", "[ledger]") {
  LedgerFixture ledger;
  store::Database& db = ledger.db();
  using store::SuppressionReason;
  using store::SuppressResult;
  CHECK(store::suppress(db, {"Hanako@Example.JP", SuppressionReason::unsubscribed, "", "cli"},
                        k_now) == SuppressResult::added);
  CHECK(store::suppress(db, {"hanako@example.jp", SuppressionReason::unsubscribed, "", "cli"},
                        k_now) == SuppressResult::unchanged);
  CHECK(store::suppress(db, {"hanako@example.jp", SuppressionReason::bounced, "550", "send"},
                        k_now) == SuppressResult::updated);
  CHECK(store::suppress(db, {"hanako@example.jp", SuppressionReason::manual, "", "cli"}, k_now) ==
        SuppressResult::unchanged);
  const auto entry = store::find_suppression(db, "HANAKO@example.jp");
  REQUIRE(entry);
  CHECK(entry->address == "hanako@example.jp");
  CHECK(entry->reason == SuppressionReason::bounced);
  CHECK(entry->detail == "550");
  CHECK(store::unsuppress(db, "Hanako@example.jp"));
  CHECK_FALSE(store::unsuppress(db, "hanako@example.jp"));
  CHECK(store::list_suppressions(db).empty());
}

// Not a test: the figure for docs/benchmarks.md. Run with
//   build/tests/tsuikyaku_integration_tests "[.ledger-bench]"
TEST_CASE("ledger: 10,000 rows through sending and sent on a WAL database", "[.ledger-bench]") {
  LedgerFixture ledger;
  const auto customer = ledger.customer("a@example.com");
  constexpr int k_rows = 10'000;
  std::vector<std::int64_t> ids;
  for (int i = 0; i < k_rows; ++i) ids.push_back(ledger.queue(customer));
  const auto run = ledger.start_run();
  store::LedgerWriter writer(ledger.db());
  delivery::Outcome sent;
  sent.status = delivery::Status::sent;
  sent.reply = {250, "2.0.0", "Ok: queued as Q1"};
  sent.server_id = "Q1";
  constexpr std::size_t k_batch = 16;  // as app::deliver marks them
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t first = 0; first < ids.size(); first += k_batch) {
    std::vector<store::Attempt> batch;
    for (std::size_t i = first; i < std::min(ids.size(), first + k_batch); ++i) {
      batch.push_back({ids[i], run, "a@example.com", "m" + std::to_string(ids[i]) + "@x", "smtp"});
    }
    writer.mark_sending(batch, k_now);
    for (const auto& attempt : batch) {
      writer.mark_handed_over(attempt.id, k_now);
      writer.mark_sent(attempt.id, sent, k_now);
    }
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("%d rows, 2 commits each and a synced one per %zu: %.3f s, %.0f rows/s\n", k_rows,
              k_batch, elapsed.count(), k_rows / elapsed.count());
  CHECK(ledger.state(ids.back()) == "sent");
}
