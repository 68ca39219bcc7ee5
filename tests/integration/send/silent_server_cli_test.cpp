#include <fcntl.h>
#include <sys/file.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <optional>
#include <thread>

#include "send/send_cli_fixture.hpp"

// `tsuikyaku send` against a server that goes silent (smtp.reply_timeout, docs/sending.md)
// and a database reached through a hard link: the real binary, the real SQLite file and
// the aiosmtpd test server.

using namespace tsuikyaku;
using namespace tsuikyaku::testing;

namespace {

// Kaede Tea with one thank-you due to `server`, each of whose replies is awaited a second.
PlanningShop shop_for_silent(const SmtpTestServer& server) {
  return shop_for(addresses(1), server.config_yaml() + "  reply_timeout: 1s\n");
}

std::string host_port(const SmtpTestServer& server) {
  return "127.0.0.1:" + std::to_string(server.port());
}

std::string last_error(PlanningShop& shop) {
  const auto rows = shop.rows("SELECT last_error FROM messages");
  return rows.empty() ? "" : rows.front();
}

}  // namespace

TEST_CASE("send: a server silent before the data defers the message after smtp.reply_timeout",
          "[send]") {
  // After EHLO (before STARTTLS and AUTH), MAIL, RCPT or DATA: nothing of the message was
  // sent, so it is deferred and retried; the run gives up after the configured wait.
  const std::string step = GENERATE("ehlo", "mail", "rcpt", "data");
  INFO("silent at " << step);
  SmtpServerOptions silent;
  silent.stall_at = step;
  const SmtpTestServer server(silent);
  PlanningShop shop = shop_for_silent(server);
  const auto start = std::chrono::steady_clock::now();
  const CliResult result = run_send(shop, server);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  CHECK(server.stalled());
  CHECK(took.count() >= 1.0);
  CHECK(took.count() < 10.0);
  CHECK(result.exit_code == 75);
  CHECK(result.out == "thank-you:  1 queued, 0 sent, 1 deferred, 0 failed, 0 skipped, 0 unknown\n");
  CHECK(result.err.empty());
  CHECK(states(shop) == std::vector<std::string>{"deferred"});
  CHECK(last_error(shop).rfind("no reply from " + host_port(server) + " before the data was sent (",
                               0) == 0);
  CHECK(server.messages().empty());
}

TEST_CASE("send: a server silent instead of its greeting is unreachable: all stays queued",
          "[send]") {
  SmtpServerOptions silent;
  silent.stall_at = "greeting";
  const SmtpTestServer server(silent);
  PlanningShop shop = shop_for_silent(server);
  const CliResult result = run_send(shop, server);
  CHECK(server.stalled());
  CHECK(result.exit_code == 69);
  CHECK(result.out ==
        "thank-you:  1 queued, 0 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown; 1 still due\n");
  CHECK(result.err.rfind("tsuikyaku: delivery stopped: no answer from " + host_port(server) + ": ",
                         0) == 0);
  CHECK(states(shop) == std::vector<std::string>{"queued"});
}

TEST_CASE(
    "send: a server silent after the end of the data leaves the message unknown, and "
    "--retry-unknown sends it once",
    "[send]") {
  SmtpServerOptions silent;
  silent.stall_at = "dot";
  const SmtpTestServer stalled(silent);
  PlanningShop shop = shop_for_silent(stalled);
  const CliResult result = run_send(shop, stalled);
  CHECK(stalled.stalled());
  CHECK(result.exit_code == 1);
  CHECK(result.out == "thank-you:  1 queued, 0 sent, 0 deferred, 0 failed, 0 skipped, 1 unknown\n");
  CHECK(result.err.empty());
  CHECK(states(shop) == std::vector<std::string>{"unknown"});
  CHECK(last_error(shop).rfind(
            "no reply from " + host_port(stalled) + " after the end of the data (", 0) == 0);
  CHECK(last_error(shop).find("); the server may have accepted the message") != std::string::npos);
  CHECK(stalled.messages().size() == 1);  // it had the whole message

  // A person found it was not delivered; the server answers now.
  const SmtpTestServer server;
  move_server(shop, stalled, server);
  const CliResult next = run_send(shop, server);
  CHECK(next.exit_code == 0);
  CHECK(next.out == k_none_sent);
  CHECK(server.messages().empty());  // never resent on its own
  const CliResult retried = run_send(shop, server, {"--retry-unknown"});
  CHECK(retried.exit_code == 0);
  CHECK(retried.out ==
        "thank-you:  0 queued, 1 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n");
  CHECK(retried.err.empty());
  CHECK(shop.rows("SELECT state || ' ' || smtp_code FROM messages") ==
        std::vector<std::string>{"sent 250"});
  const auto received = server.messages();
  REQUIRE(received.size() == 1);
  CHECK(received[0].rcpt_tos == std::vector<std::string>{"c1@example.jp"});
  const std::string message_id =
      "\r\nMessage-ID: <" + shop.rows("SELECT message_id FROM messages")[0] + ">\r\n";
  CHECK(received[0].data.find(message_id) != std::string::npos);
  CHECK(stalled.messages()[0].data.find(message_id) != std::string::npos);
  CHECK(run_send(shop, server, {"--retry-unknown"}).out == k_none_sent);
  CHECK(server.messages().size() == 1);
}

TEST_CASE("send: a database reached by a hard link has the same lock", "[send]") {
  // Another name of the same file (a hard link; a bind mount of the file alone is the
  // same): its lock file is another file, but the database file's own lock is shared.
  SmtpServerOptions silent;
  silent.stall_at = "mail";
  const SmtpTestServer server(silent);
  PlanningShop shop = shop_for(addresses(1), server.config_yaml());
  const TempDir elsewhere;
  fs::create_hard_link(shop.path() / "tsuikyaku.db", elsewhere / "shop.db");
  const TempDir logs;
  const int running = start_send(shop.path(), server, logs / "running");
  wait_until_stalled(server);
  const CliResult second = run_send(shop, server, {"--db", (elsewhere / "shop.db").string()});
  ::kill(running, SIGKILL);
  wait_binary(running, logs / "running");
  CHECK(second.exit_code == 75);
  CHECK(second.out.empty());
  CHECK(second.err == "tsuikyaku: error: another send is running on " +
                          (elsewhere / "shop.db").string() +
                          ", reached by another name (a hard link, or a bind mount of the "
                          "file); try again when it is done\n");
  CHECK(server.messages().empty());
  CHECK(states(shop) == std::vector<std::string>{"sending"});
}
