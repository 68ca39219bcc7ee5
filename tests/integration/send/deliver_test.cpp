#include "tsuikyaku/app/deliver.hpp"

#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "send/ledger_fixture.hpp"
#include "smtp_server.hpp"
#include "tsuikyaku/mail/outbox_transport.hpp"
#include "tsuikyaku/mail/smtp_transport.hpp"
#include "tsuikyaku/store/suppressions.hpp"

using namespace tsuikyaku;
using namespace tsuikyaku::testing;
using std::chrono::minutes;

namespace {

mail::SmtpTransport transport_for(const SmtpTestServer& server,
                                  const std::string& password = "Kaede-Secret-4711") {
  mail::SmtpSettings settings;
  settings.server = server.smtp_config();
  settings.password = password;
  settings.server.reply_timeout = std::chrono::seconds{5};
  return mail::SmtpTransport(settings);
}

SmtpServerOptions answering(std::map<std::string, std::string> rules,
                            const std::string& otherwise = "accept") {
  SmtpServerOptions options;
  options.rules = std::move(rules);
  options.default_behaviour = otherwise;
  return options;
}

app::DeliverResult deliver_due(LedgerFixture& ledger, mail::Transport& transport,
                               int connections = 1, core::Instant now = k_now) {
  const auto rows = store::claim_due(ledger.db(), {now, {}, std::nullopt});
  app::DeliverRequest request = ledger.request(ledger.start_run(), connections);
  request.now = now;
  return app::deliver(ledger.db(), transport, rows, request, ledger.renderer());
}

std::string header(const std::string& data, const std::string& name) {
  const auto at = data.find("\r\n" + name + ": ");
  if (at == std::string::npos) return "";
  const auto start = at + name.size() + 4;
  return data.substr(start, data.find("\r\n", start) - start);
}

const app::CampaignDelivery& only_campaign(const app::DeliverResult& result) {
  REQUIRE(result.campaigns.size() == 1);
  return result.campaigns.front();
}

}  // namespace

TEST_CASE("deliver: every due message arrives once over SMTP and is recorded sent", "[send]") {
  const SmtpTestServer server;
  LedgerFixture ledger;
  std::vector<std::int64_t> ids;
  for (int i = 1; i <= 6; ++i) {
    ids.push_back(ledger.queue(ledger.customer("c" + std::to_string(i) + "@example.com")));
  }
  auto transport = transport_for(server);
  const app::DeliverResult result = deliver_due(ledger, transport, 2);

  CHECK(result.tally.sent == 6);
  CHECK(delivery::exit_code(result.tally) == core::ExitCode::ok);
  CHECK_FALSE(result.stopped);
  CHECK(only_campaign(result).name == "thank-you");
  CHECK(only_campaign(result).sent == 6);
  const auto received = server.messages();
  REQUIRE(received.size() == 6);
  std::set<std::string> message_ids;
  for (const auto& message : received) {
    message_ids.insert(header(message.data, "Message-ID"));
    CHECK(header(message.data, "X-Tsuikyaku-Campaign") == "thank-you");
  }
  CHECK(message_ids.size() == 6);
  for (const std::int64_t id : ids) {
    CHECK(ledger.state(id) == "sent");
    CHECK(ledger.column(id, "attempts") == "1");
    CHECK(ledger.column(id, "transport") == "smtp");
    CHECK(ledger.column(id, "smtp_code") == "250");
    CHECK(ledger.column(id, "sent_at") == std::to_string(core::to_unix(k_now)));
    CHECK(ledger.column(id, "server_id").rfind("Q0000", 0) == 0);
    CHECK(message_ids.count("<" + ledger.column(id, "message_id") + ">") == 1);
  }
  CHECK(ledger.column(ids[0], "recipient") == "c1@example.com");
}

namespace {

// The outbox, checking as each message is handed over that its row is already `sending`
// on disk, with its Message-ID, as another process would read it.
class CheckingTransport final : public mail::Transport {
 public:
  CheckingTransport(const std::filesystem::path& db, const std::filesystem::path& outbox)
      : m_db(store::Database::open(db)), m_outbox(outbox) {}

  std::string_view name() const override { return "outbox"; }
  std::unique_ptr<mail::Connection> open_connection() override {
    struct Checking final : mail::Connection {
      CheckingTransport& owner;
      std::unique_ptr<mail::Connection> inner;
      Checking(CheckingTransport& o, std::unique_ptr<mail::Connection> i)
          : owner(o), inner(std::move(i)) {}
      delivery::Outcome transfer(const mail::OutgoingMessage& message,
                                 const mail::HandOver& hand_over) override {
        SQLite::Statement query(owner.m_db.handle(),
                                "SELECT state, message_id FROM messages WHERE id = ?");
        query.bind(1, message.ledger_id);
        REQUIRE(query.executeStep());
        owner.seen.push_back(query.getColumn(0).getString() + " " + query.getColumn(1).getString());
        return inner->deliver(message, hand_over);
      }
    };
    return std::make_unique<Checking>(*this, m_outbox.open_connection());
  }

  std::vector<std::string> seen;

 private:
  store::Database m_db;
  mail::OutboxTransport m_outbox;
};

}  // namespace

TEST_CASE("deliver: a row is sending on disk before its message is handed over", "[send]") {
  LedgerFixture ledger;
  const std::int64_t id = ledger.queue(ledger.customer("emma@example.co.uk"));
  CheckingTransport transport(ledger.shop().path() / "tsuikyaku.db",
                              ledger.shop().path() / "outbox");
  const app::DeliverResult result = deliver_due(ledger, transport);
  CHECK(result.tally.sent == 1);
  REQUIRE(transport.seen.size() == 1);
  CHECK(transport.seen[0] == "sending " + ledger.column(id, "message_id"));
  CHECK(ledger.state(id) == "sent");
}

TEST_CASE("deliver: the outbox writes one file per message, recorded sent by file name", "[send]") {
  LedgerFixture ledger;
  const std::int64_t a = ledger.queue(ledger.customer("a@example.com"));
  const std::int64_t b = ledger.queue(ledger.customer("b@example.com"));
  mail::OutboxTransport outbox(ledger.shop().path() / "outbox");
  const auto rows = store::claim_due(ledger.db(), {k_now, {}, {}});
  std::vector<std::size_t> progress;
  const app::DeliverResult result =
      app::deliver(ledger.db(), outbox, rows, ledger.request(ledger.start_run("outbox")),
                   ledger.renderer(), [&](const app::DeliveryProgress& p) {
                     CHECK(p.total == 2);
                     progress.push_back(p.done);
                   });
  CHECK(result.tally.sent == 2);
  CHECK(progress == std::vector<std::size_t>{1, 2});
  for (const std::int64_t id : {a, b}) {
    CHECK(ledger.state(id) == "sent");
    CHECK(ledger.column(id, "transport") == "outbox");
    const std::string file = ledger.column(id, "server_id");
    CHECK(std::filesystem::exists(ledger.shop().path() / "outbox/new" / file));
  }
}

TEST_CASE("deliver: a 4xx defers with the backoff and the retry after it sends", "[send]") {
  LedgerFixture ledger;
  const std::int64_t id = ledger.queue(ledger.customer("busy@example.com"));
  {
    const SmtpTestServer server(answering({{"busy@example.com", "rcpt:451 4.7.1 Try later"}}));
    auto transport = transport_for(server);
    const app::DeliverResult result = deliver_due(ledger, transport);
    CHECK(result.tally.deferred == 1);
    CHECK(delivery::exit_code(result.tally) == core::ExitCode::temp_fail);
    CHECK(only_campaign(result).deferred == 1);
  }
  CHECK(ledger.state(id) == "deferred");
  CHECK(ledger.column(id, "attempts") == "1");
  CHECK(ledger.column(id, "last_error") == "451 4.7.1 Try later");
  CHECK(ledger.column(id, "enhanced_code") == "4.7.1");
  CHECK(ledger.column(id, "first_attempt_at") == std::to_string(core::to_unix(k_now)));
  CHECK(ledger.column(id, "next_attempt_at") == std::to_string(core::to_unix(k_now + minutes{15})));
  const std::string message_id = ledger.column(id, "message_id");

  CHECK(store::claim_due(ledger.db(), {k_now + minutes{14}, {}, {}}).empty());
  const SmtpTestServer server;
  auto transport = transport_for(server);
  const app::DeliverResult retry = deliver_due(ledger, transport, 1, k_now + minutes{15});
  CHECK(retry.tally.sent == 1);
  CHECK(ledger.state(id) == "sent");
  CHECK(ledger.column(id, "attempts") == "2");
  CHECK(ledger.column(id, "last_error").empty());
  // A retry is the same message: it keeps its Message-ID.
  CHECK(ledger.column(id, "message_id") == message_id);
  REQUIRE(server.messages().size() == 1);
  CHECK(header(server.messages()[0].data, "Message-ID") == "<" + message_id + ">");
}

TEST_CASE("deliver: a deferral at night is retried when quiet hours end", "[send]") {
  LedgerFixture ledger;
  const std::int64_t id = ledger.queue(ledger.customer("busy@example.com"));
  const SmtpTestServer server(answering({{"busy@example.com", "rcpt:451 4.7.1 Try later"}}));
  auto transport = transport_for(server);
  const core::Instant late = utc(2026, 11, 18, 22, 0);  // London is on UTC in November
  const auto rows = store::claim_due(ledger.db(), {late, {}, {}});
  app::DeliverRequest request = ledger.request(ledger.start_run());
  request.now = late;
  request.quiet_hours = core::parse_time_of_day_range("21:00-09:00");
  app::deliver(ledger.db(), transport, rows, request, ledger.renderer());
  // 22:15 falls in quiet hours: the retry waits for 09:00.
  CHECK(ledger.column(id, "next_attempt_at") ==
        std::to_string(core::to_unix(utc(2026, 11, 19, 9))));
}

TEST_CASE("deliver: a message still deferred 3 days after its first attempt fails", "[send]") {
  LedgerFixture ledger;
  const std::int64_t id = ledger.queue(ledger.customer("busy@example.com"), "deferred");
  const auto first = k_now - std::chrono::hours{72};
  SQLite::Statement update(ledger.db().handle(),
                           "UPDATE messages SET attempts = 5, first_attempt_at = ? WHERE id = ?");
  update.bind(1, core::to_unix(first));
  update.bind(2, id);
  update.exec();
  const SmtpTestServer server(answering({{"busy@example.com", "rcpt:451 4.7.1 Try later"}}));
  auto transport = transport_for(server);
  const app::DeliverResult result = deliver_due(ledger, transport);
  CHECK(result.tally.failed == 1);
  CHECK(result.tally.deferred == 0);
  CHECK(delivery::exit_code(result.tally) == core::ExitCode::failure);
  CHECK(ledger.state(id) == "failed");
  CHECK(ledger.column(id, "attempts") == "6");
  CHECK(ledger.column(id, "last_error") == "deferred for 3 days, given up: 451 4.7.1 Try later");
}

TEST_CASE("deliver: 550 5.1.1 fails the message and suppresses the address as bounced", "[send]") {
  LedgerFixture ledger;
  const std::int64_t dead = ledger.queue(ledger.customer("Gone@Example.com"));
  const std::int64_t policy = ledger.queue(ledger.customer("blocked@example.com"));
  const SmtpTestServer server(answering({{"gone@example.com", "rcpt:550 5.1.1 No such user"},
                                         {"blocked@example.com", "rcpt:550 5.7.1 Spam"}}));
  auto transport = transport_for(server);
  const app::DeliverResult result = deliver_due(ledger, transport);
  CHECK(result.tally.bounced == 1);
  CHECK(result.tally.failed == 1);
  CHECK(only_campaign(result).failed == 2);
  CHECK(only_campaign(result).bounced == 1);
  CHECK(ledger.state(dead) == "failed");
  CHECK(ledger.column(dead, "last_error") == "550 5.1.1 No such user");
  CHECK(ledger.state(policy) == "failed");
  const auto bounce = store::find_suppression(ledger.db(), "gone@example.com");
  REQUIRE(bounce);
  CHECK(bounce->address == "gone@example.com");
  CHECK(bounce->reason == store::SuppressionReason::bounced);
  CHECK(bounce->detail == "550 5.1.1 No such user");
  CHECK(bounce->source == "send");
  // 5.7.x is about the message or the account, not the address (SPEC §8.2).
  CHECK_FALSE(store::find_suppression(ledger.db(), "blocked@example.com"));
}

TEST_CASE("deliver: no reply after the data makes the message unknown, never resent", "[send]") {
  LedgerFixture ledger;
  const std::int64_t id = ledger.queue(ledger.customer("lost@example.com"));
  const SmtpTestServer server(answering({{"lost@example.com", "drop"}}));
  auto transport = transport_for(server);
  const app::DeliverResult result = deliver_due(ledger, transport);
  INFO(ledger.column(id, "last_error"));
  CHECK(result.tally.unknown == 1);
  CHECK(delivery::exit_code(result.tally) == core::ExitCode::failure);
  CHECK(ledger.state(id) == "unknown");
  CHECK(ledger.column(id, "attempts") == "1");
  CHECK(store::claim_due(ledger.db(), {k_now + std::chrono::hours{48}, {}, {}}).empty());
  CHECK(server.messages().size() == 1);
}

TEST_CASE("deliver: a refused login leaves every message queued and uncounted", "[send]") {
  LedgerFixture ledger;
  std::vector<std::int64_t> ids;
  for (int i = 1; i <= 3; ++i) {
    ids.push_back(ledger.queue(ledger.customer("c" + std::to_string(i) + "@example.com")));
  }
  const SmtpTestServer server;
  auto transport = transport_for(server, "wrong-password-123");
  const app::DeliverResult result = deliver_due(ledger, transport, 2);
  CHECK(result.tally.login_refused);
  CHECK(delivery::exit_code(result.tally) == core::ExitCode::config);
  REQUIRE(result.stopped);
  CHECK(result.stopped->find("refused the login") != std::string::npos);
  CHECK(result.stopped->find("wrong-password-123") == std::string::npos);
  CHECK(only_campaign(result).queued == 3);
  CHECK(only_campaign(result).sent == 0);
  CHECK(server.messages().empty());
  for (const std::int64_t id : ids) {
    CHECK(ledger.state(id) == "queued");
    CHECK(ledger.column(id, "attempts") == "0");
    CHECK(ledger.column(id, "first_attempt_at").empty());
    CHECK(ledger.column(id, "last_error").find("wrong-password-123") == std::string::npos);
  }
  CHECK(store::claim_due(ledger.db(), {k_now, {}, {}}).size() == 3);
}

TEST_CASE("deliver: an unreachable server leaves everything queued, exit 69", "[send]") {
  LedgerFixture ledger;
  const std::int64_t a = ledger.queue(ledger.customer("a@example.com"));
  const std::int64_t b = ledger.queue(ledger.customer("b@example.com"), "deferred");
  mail::SmtpSettings settings;
  settings.server.url = "smtp://127.0.0.1:" + std::to_string(closed_port());
  settings.server.host = "127.0.0.1";
  settings.server.port = std::stoi(settings.server.url.substr(17));
  settings.server.tls = config::TlsMode::none;
  mail::SmtpTransport transport(settings);
  const app::DeliverResult result = deliver_due(ledger, transport);
  CHECK(result.tally.unreachable);
  CHECK(delivery::exit_code(result.tally) == core::ExitCode::unavailable);
  CHECK(ledger.state(a) == "queued");
  CHECK(ledger.state(b) == "deferred");  // put back where it was, still due
  CHECK(ledger.column(a, "attempts") == "0");
  CHECK(only_campaign(result).queued == 2);
}

TEST_CASE("deliver: ten equal failures in a row stop the run and the rest stays queued", "[send]") {
  LedgerFixture ledger;
  std::vector<std::int64_t> ids;
  for (int i = 1; i <= 13; ++i) {
    ids.push_back(ledger.queue(ledger.customer("c" + std::to_string(i) + "@example.com")));
  }
  const SmtpTestServer server(answering({}, "rcpt:452 4.3.1 Mailbox store full"));
  auto transport = transport_for(server);
  const app::DeliverResult result = deliver_due(ledger, transport);
  CHECK(result.stopped ==
        "10 deliveries in a row ended deferred the same way (452 4.3.1 Mailbox store full); "
        "the rest stays queued");
  CHECK(only_campaign(result).deferred == 10);
  CHECK(only_campaign(result).queued == 3);
  for (std::size_t i = 10; i < ids.size(); ++i) CHECK(ledger.state(ids[i]) == "queued");
}

TEST_CASE("deliver: a rehearsal sends everything to the redirect address, records nothing",
          "[send]") {
  LedgerFixture ledger;
  const std::int64_t a = ledger.queue(ledger.customer("a@example.com"));
  const std::int64_t b = ledger.queue(ledger.customer("b@example.com"), "deferred");
  const SmtpTestServer server;
  auto transport = transport_for(server);
  const auto rows = store::claim_due(ledger.db(), {k_now, {}, {}});
  app::DeliverRequest request = ledger.request(ledger.start_run());
  request.redirect_to = "owner@kaede.example";
  const app::DeliverResult result =
      app::deliver(ledger.db(), transport, rows, request, ledger.renderer());
  CHECK(result.rehearsal);
  CHECK(result.tally.sent == 2);
  const auto received = server.messages();
  REQUIRE(received.size() == 2);
  for (const auto& message : received) {
    CHECK(message.rcpt_tos == std::vector<std::string>{"owner@kaede.example"});
  }
  CHECK(ledger.state(a) == "queued");
  CHECK(ledger.state(b) == "deferred");
  for (const std::int64_t id : {a, b}) {
    CHECK(ledger.column(id, "attempts") == "0");
    CHECK(ledger.column(id, "message_id").empty());
    CHECK(ledger.column(id, "run_id").empty());
  }
}

TEST_CASE("deliver: a row whose address went bad fails alone and the others go out", "[send]") {
  LedgerFixture ledger;
  const std::int64_t bad = ledger.queue(ledger.customer("not an address"));
  const std::int64_t good = ledger.queue(ledger.customer("good@example.com"));
  mail::OutboxTransport outbox(ledger.shop().path() / "outbox");
  const app::DeliverResult result = deliver_due(ledger, outbox);
  CHECK(result.tally.failed == 1);
  CHECK(result.tally.sent == 1);
  CHECK(ledger.state(bad) == "failed");
  CHECK(ledger.column(bad, "attempts") == "0");
  CHECK_FALSE(ledger.column(bad, "last_error").empty());
  CHECK(ledger.state(good) == "sent");
}

TEST_CASE("deliver: with nothing due no connection is opened", "[send]") {
  LedgerFixture ledger;
  mail::SmtpSettings settings;
  settings.server.url = "smtp://127.0.0.1:" + std::to_string(closed_port());
  mail::SmtpTransport transport(settings);
  const app::DeliverResult result = deliver_due(ledger, transport);
  CHECK_FALSE(result.tally.unreachable);
  CHECK(delivery::exit_code(result.tally) == core::ExitCode::ok);
  CHECK(result.campaigns.empty());
}

TEST_CASE("deliver: a template that cannot be rendered stops the run, the rest stays queued",
          "[send]") {
  LedgerFixture ledger;
  const std::int64_t first = ledger.queue(ledger.customer("a@example.com"));
  const std::int64_t second = ledger.queue(ledger.customer("b@example.com"));
  mail::OutboxTransport outbox(ledger.shop().path() / "outbox");
  const auto rows = store::claim_due(ledger.db(), {k_now, {}, {}});
  const app::RenderRow good = ledger.renderer();
  const app::RenderRow render = [&](const store::LedgerRow& row) {
    if (row.id == second) throw core::Error(core::ErrorKind::config, "templates/x.md: broken");
    return good(row);
  };
  CHECK_THROWS_WITH(
      app::deliver(ledger.db(), outbox, rows, ledger.request(ledger.start_run()), render),
      "templates/x.md: broken");
  CHECK(ledger.state(first) == "sent");
  CHECK(ledger.state(second) == "queued");
}

// User and system CPU time of this process so far, every thread.
double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Not a test: the delivery loop's throughput, for docs/benchmarks.md. Start a sink
// (/usr/sbin/smtp-sink -u nobody 127.0.0.1:PORT 1024) and run
//   SINK_PORT=PORT build/tests/tsuikyaku_integration_tests "[.deliver-bench]"
TEST_CASE("deliver: 10,000 rows through render, ledger and SMTP to a sink", "[.deliver-bench]") {
  const char* port = std::getenv("SINK_PORT");
  REQUIRE(port != nullptr);
  LedgerFixture ledger;
  constexpr int k_rows = 10'000;
  {
    SQLite::Transaction transaction(ledger.db().handle());
    for (int i = 0; i < k_rows; ++i) {
      ledger.queue(ledger.customer("c" + std::to_string(i) + "@example.com"));
    }
    transaction.commit();
  }
  {
    const auto rows = store::claim_due(ledger.db(), {k_now, {}, std::nullopt});
    const auto render = ledger.renderer();
    const auto t0 = std::chrono::steady_clock::now();
    std::size_t bytes = 0;
    for (const auto& row : rows) bytes += render(row).data.size();
    const std::chrono::duration<double> t = std::chrono::steady_clock::now() - t0;
    std::printf("render alone: %.1f us a message, %zu bytes each\n", t.count() * 1e6 / k_rows,
                bytes / k_rows);
  }
  mail::SmtpSettings settings;
  settings.server.url = std::string("smtp://127.0.0.1:") + port;
  settings.server.host = "127.0.0.1";
  settings.server.port = std::stoi(port);
  settings.server.tls = config::TlsMode::none;
  mail::SmtpTransport transport(settings);
  const double cpu_before = cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  const app::DeliverResult result = deliver_due(ledger, transport, 4);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("%d messages: %.3f s, %.0f messages/s, %.0f us of CPU a message\n", result.tally.sent,
              elapsed.count(), result.tally.sent / elapsed.count(),
              (cpu_seconds() - cpu_before) * 1e6 / result.tally.sent);
  CHECK(result.tally.sent == k_rows);
}
