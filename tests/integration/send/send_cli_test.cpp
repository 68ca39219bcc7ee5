#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "send/send_cli_fixture.hpp"

// `tsuikyaku send` as cron runs it (SPEC §8, §11): a real workspace, the real SQLite file,
// the outbox or a real SMTP server, output and exit codes word for word.

using namespace tsuikyaku;
using namespace tsuikyaku::testing;
using nlohmann::json;

TEST_CASE("send: the outbox gets every due message once as an .eml file", "[send]") {
  PlanningShop shop = shop_for(addresses(3));
  const CliResult first = send(shop);
  CHECK(first.exit_code == 0);
  CHECK(first.out == "thank-you:  3 queued, 3 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n");
  CHECK(first.err.empty());
  const auto files = outbox_files(shop);
  REQUIRE(files.size() == 3);
  std::set<std::string> to;
  for (const fs::path& file : files) {
    CHECK(file.extension() == ".eml");
    const std::string data = read_file(file);
    CHECK(data.find("\r\nX-Tsuikyaku-Campaign: thank-you\r\n") != std::string::npos);
    const auto at = data.find("\r\nTo: ");
    REQUIRE(at != std::string::npos);
    to.insert(data.substr(at + 6, data.find("\r\n", at + 6) - at - 6));
  }
  CHECK(to == std::set<std::string>{"Customer 1 <c1@example.jp>", "Customer 2 <c2@example.jp>",
                                    "Customer 3 <c3@example.jp>"});
  CHECK(fs::is_empty(shop.path() / "outbox/tmp"));
  CHECK(shop.rows("SELECT DISTINCT state || ' ' || transport FROM messages") ==
        std::vector<std::string>{"sent outbox"});

  const CliResult again = send(shop);
  CHECK(again.exit_code == 0);
  CHECK(again.out == k_none_sent);
  CHECK(outbox_files(shop).size() == 3);
  CHECK(shop.scalar("SELECT COUNT(*) FROM messages") == 3);
}

TEST_CASE("send: one summary line per campaign, names aligned, each under its own name", "[send]") {
  PlanningShop shop = shop_for(addresses(2));
  shop.campaign("care-guide",
                "kind: transactional\nlang: en\ntrigger: { event: ordered, delay: 0h }\n"
                "subject: \"How to brew it\"\n");
  shop.campaign("tracking",
                "kind: transactional\nlang: en\ntrigger: { event: shipped, delay: 0h }\n"
                "subject: \"On its way\"\n");
  const CliResult result = send(shop);
  CHECK(result.exit_code == 0);
  CHECK(result.out ==
        "care-guide:  2 queued, 2 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n"
        "thank-you:   2 queued, 2 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n"
        "tracking:    0 queued, 0 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n");
  CHECK(outbox_files(shop).size() == 4);
}

TEST_CASE("send: the summary in Japanese, word for word", "[send][i18n]") {
  PlanningShop shop = shop_for(addresses(2));
  shop.campaign("care-guide",
                "kind: transactional\nlang: en\ntrigger: { event: ordered, delay: 0h }\n"
                "subject: \"How to brew it\"\n");
  const CliResult result = send(shop, {"--lang", "ja"});
  CHECK(result.exit_code == 0);
  CHECK(result.out ==
        "care-guide:  予約 2、送信 2、延期 0、失敗 0、スキップ 0、不明 0\n"
        "thank-you:   予約 2、送信 2、延期 0、失敗 0、スキップ 0、不明 0\n");
  CHECK(send(shop, {}, {{"LANG", "ja_JP.UTF-8"}}).out ==
        "care-guide:  予約 0、送信 0、延期 0、失敗 0、スキップ 0、不明 0\n"
        "thank-you:   予約 0、送信 0、延期 0、失敗 0、スキップ 0、不明 0\n");
}

TEST_CASE("send: over SMTP with STARTTLS and AUTH every due message arrives once", "[send]") {
  const SmtpTestServer server;
  PlanningShop shop = shop_for(addresses(4), server.config_yaml());
  const CliResult result = send(shop, {"-v"}, server.env());
  CHECK(result.exit_code == 0);
  CHECK(result.out == "thank-you:  4 queued, 4 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n");
  CHECK(result.err.find(server.options().password) == std::string::npos);
  const auto received = server.messages();
  CHECK(received.size() == 4);
  for (const ReceivedMessage& m : received) {
    CHECK(m.tls);
    CHECK(m.user == "shop@kaede.test");
    CHECK(m.mail_from == "hello@kaede.example");
    CHECK(m.data.find("\r\nX-Tsuikyaku-Campaign: thank-you\r\n") != std::string::npos);
  }
  const auto all = addresses(4);
  CHECK(recipients(server) == std::multiset<std::string>(all.begin(), all.end()));
  CHECK(shop.rows("SELECT DISTINCT state || ' ' || transport || ' ' || smtp_code FROM messages") ==
        std::vector<std::string>{"sent smtp 250"});
  CHECK(send(shop, {}, server.env()).out == k_none_sent);
  CHECK(server.messages().size() == 4);
}

TEST_CASE("send: a refused login sends nothing, keeps all queued, never shows the password",
          "[send]") {
  const SmtpTestServer server;
  PlanningShop shop = shop_for(addresses(3), server.config_yaml());
  const std::string wrong = "Wrong-Passw0rd-1234";
  for (const std::vector<std::string>& flags : {std::vector<std::string>{}, {"-v"}}) {
    const CliResult result = send(shop, flags, {{"TSUIKYAKU_SMTP_PASSWORD", wrong}});
    CHECK(result.exit_code == 78);
    CHECK(result.out == (flags.empty() ? "thank-you:  3 queued" : "thank-you:  0 queued") +
                            std::string(", 0 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown; "
                                        "3 still due\n"));
    CHECK(result.err ==
          "tsuikyaku: delivery stopped: the server refused the login: 535 5.7.8 Authentication "
          "credentials invalid; the rest stays queued; 3 messages are still due\n");
    CHECK((result.out + result.err).find(wrong) == std::string::npos);
  }
  CHECK(server.messages().empty());
  CHECK(states(shop) == std::vector<std::string>{"queued", "queued", "queued"});
}

TEST_CASE("send: a 4xx defers; the next run waits for the backoff, then sends", "[send]") {
  std::optional<SmtpTestServer> server(
      answering({{"c2@example.jp", "rcpt:451 4.7.1 Try again later"}}));
  PlanningShop shop = shop_for(addresses(2), server->config_yaml());
  const std::string config = read_file(shop.path() / "tsuikyaku.yaml");
  const CliResult first = send(shop, {}, server->env());
  CHECK(first.exit_code == 75);
  CHECK(first.out == "thank-you:  2 queued, 1 sent, 1 deferred, 0 failed, 0 skipped, 0 unknown\n");
  CHECK(first.err.empty());
  CHECK(states(shop) == std::vector<std::string>{"sent", "deferred"});
  CHECK(shop.scalar("SELECT next_attempt_at FROM messages WHERE id = 2") ==
        core::to_unix(k_now + std::chrono::minutes{15}));

  // The server takes it now; the run before the backoff does not try.
  const std::string old_url = server->url();
  server.emplace();
  std::string moved = config;
  moved.replace(moved.find(old_url), old_url.size(), server->url());
  write_file(shop.path() / "tsuikyaku.yaml", moved);
  const CliResult early = send(shop, {"--as-of", "2026-11-18 20:21"}, server->env());
  CHECK(early.exit_code == 0);
  CHECK(early.out == k_none_sent);
  CHECK(server->messages().empty());
  const CliResult later = send(shop, {"--as-of", "2026-11-18 20:22"}, server->env());
  CHECK(later.exit_code == 0);
  CHECK(later.out == "thank-you:  0 queued, 1 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n");
  CHECK(recipients(*server) == std::multiset<std::string>{"c2@example.jp"});
  CHECK(states(shop) == std::vector<std::string>{"sent", "sent"});
}

TEST_CASE("send: 5.1.1 fails and suppresses the address (exit 0); 5.7.1 fails alone (exit 1)",
          "[send]") {
  const SmtpTestServer server(answering({{"c2@example.jp", "rcpt:550 5.1.1 No such user"},
                                         {"c3@example.jp", "rcpt:550 5.7.1 Rejected by policy"}}));
  PlanningShop bounced = shop_for(addresses(2), server.config_yaml());
  const CliResult result = send(bounced, {}, server.env());
  CHECK(result.exit_code == 0);
  CHECK(result.out ==
        "thank-you:  2 queued, 1 sent, 0 deferred, 1 failed, 0 skipped, 0 unknown (1 of the failed "
        "bounced)\n");
  CHECK(states(bounced) == std::vector<std::string>{"sent", "failed"});
  CHECK(run_cli(bounced.path(), {"suppress", "list", "--format", "csv"}).out ==
        "\xEF\xBB\xBF"
        "address,reason,detail,source,created_at\r\n"
        "c2@example.jp,bounced,550 5.1.1 No such user,send,2026-11-18T20:06:40+09:00\r\n");

  PlanningShop policy = shop_for({"c1@example.jp", "c3@example.jp"}, server.config_yaml());
  const CliResult refused = send(policy, {}, server.env());
  CHECK(refused.exit_code == 1);
  CHECK(refused.out ==
        "thank-you:  2 queued, 1 sent, 0 deferred, 1 failed, 0 skipped, 0 unknown\n");
  CHECK(states(policy) == std::vector<std::string>{"sent", "failed"});
  CHECK(policy.rows("SELECT last_error FROM messages WHERE state = 'failed'") ==
        std::vector<std::string>{"550 5.7.1 Rejected by policy"});
  CHECK(policy.scalar("SELECT COUNT(*) FROM suppressions") == 0);
}

TEST_CASE("send: a connection dropped after the data is unknown, resent only on request",
          "[send]") {
  const SmtpTestServer server(answering({{"c2@example.jp", "drop"}}));
  PlanningShop shop = shop_for(addresses(3), server.config_yaml());
  const CliResult first = send(shop, {}, server.env());
  CHECK(first.exit_code == 1);
  CHECK(first.out == "thank-you:  3 queued, 2 sent, 0 deferred, 0 failed, 0 skipped, 1 unknown\n");
  CHECK(first.err.empty());
  CHECK(states(shop) == std::vector<std::string>{"sent", "unknown", "sent"});
  CHECK(recipients(server).count("c2@example.jp") == 1);

  const CliResult next = send(shop, {}, server.env());
  CHECK(next.exit_code == 0);
  CHECK(next.out == k_none_sent);
  CHECK(recipients(server).count("c2@example.jp") == 1);

  const CliResult retried = send(shop, {"--retry-unknown"}, server.env());
  CHECK(retried.exit_code == 1);  // the server drops it again
  CHECK(retried.out ==
        "thank-you:  0 queued, 0 sent, 0 deferred, 0 failed, 0 skipped, 1 unknown\n");
  CHECK(server.messages().size() == 4);
  // The same message again, with the same Message-ID.
  const std::string message_id =
      "\r\nMessage-ID: <" + shop.rows("SELECT message_id FROM messages WHERE id = 2")[0] + ">\r\n";
  int copies = 0;
  for (const ReceivedMessage& m : server.messages()) {
    if (m.rcpt_tos == std::vector<std::string>{"c2@example.jp"}) {
      CHECK(m.data.find(message_id) != std::string::npos);
      ++copies;
    }
  }
  CHECK(copies == 2);
}

TEST_CASE("send: an unreachable server exits 69 with everything still queued", "[send]") {
  const std::string port = std::to_string(closed_port());
  PlanningShop shop = shop_for(addresses(2), "smtp:\n  url: smtp://127.0.0.1:" + port + "\n");
  const CliResult result = send(shop);
  CHECK(result.exit_code == 69);
  CHECK(result.out ==
        "thank-you:  2 queued, 0 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown; 2 still due\n");
  // libcurl's own words (and timing) follow the address.
  CHECK(result.err.rfind("tsuikyaku: delivery stopped: cannot connect to 127.0.0.1:" + port + ": ",
                         0) == 0);
  CHECK(result.err.find("; the rest stays queued; 2 messages are still due\n") !=
        std::string::npos);
  CHECK(states(shop) == std::vector<std::string>{"queued", "queued"});
}

TEST_CASE("send: a send lock held by another process stops the run at once with 75", "[send]") {
  PlanningShop shop = shop_for(addresses(1));
  const fs::path lock = shop.path() / "tsuikyaku.db.send-lock";
  const store::RunIdentity me = store::current_run_identity();  // the holder: this process
  write_file(lock, "pid=" + std::to_string(me.pid) + "\nhost=" + me.host +
                       "\nstart=" + me.process_start + "\nsince=1795000000\n");
  const int fd = ::open(lock.c_str(), O_RDWR | O_CLOEXEC);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  const CliResult held = send(shop);
  ::close(fd);
  CHECK(held.exit_code == 75);
  CHECK(held.out.empty());
  CHECK(held.err == "tsuikyaku: error: another send is running on tsuikyaku.db: process " +
                        std::to_string(me.pid) + " on " + me.host +
                        " since 2026-11-18T20:06:40+09:00; try again when it is done\n");
  CHECK(shop.scalar("SELECT COUNT(*) FROM messages") == 0);
  CHECK(send(shop).exit_code == 0);
  CHECK(outbox_files(shop).size() == 1);
}

TEST_CASE("send: a database reached through a symlink has the same lock", "[send]") {
  PlanningShop shop = shop_for(addresses(1));
  const TempDir elsewhere;
  fs::create_symlink(shop.path() / "tsuikyaku.db", elsewhere / "shop.db");
  const fs::path lock = shop.path() / "tsuikyaku.db.send-lock";
  const store::RunIdentity me = store::current_run_identity();  // the holder: this process
  write_file(lock, "pid=" + std::to_string(me.pid) + "\nhost=" + me.host +
                       "\nstart=" + me.process_start + "\nsince=1795000000\n");
  const int fd = ::open(lock.c_str(), O_RDWR | O_CLOEXEC);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  const CliResult held = send(shop, {"--db", (elsewhere / "shop.db").string()});
  ::close(fd);
  CHECK(held.exit_code == 75);
  CHECK(held.out.empty());
  CHECK(held.err.rfind("tsuikyaku: error: another send is running on ", 0) == 0);
  CHECK(held.err.find("shop.db: process " + std::to_string(me.pid) + " on " + me.host) !=
        std::string::npos);
  CHECK_FALSE(fs::exists(elsewhere / "shop.db.send-lock"));
  CHECK(shop.scalar("SELECT COUNT(*) FROM messages") == 0);
}

TEST_CASE("send: --dry-run lists the messages and writes nothing, not even a lock", "[send]") {
  PlanningShop shop = shop_for(addresses(2));
  const CliResult result = send(shop, {"--dry-run"});
  CHECK(result.exit_code == 0);
  CHECK(result.out ==
        "Dry run as of 2026-11-18T20:06:40+09:00: nothing is sent or recorded.\n"
        "campaign   to                   subject\n"
        "thank-you  C-1 <c1@example.jp>  Thank you, Customer 1\n"
        "thank-you  C-2 <c2@example.jp>  Thank you, Customer 2\n"
        "thank-you:  2 to send, 0 to skip\n");
  CHECK(result.err.empty());
  CHECK(shop.scalar("SELECT COUNT(*) FROM messages") == 0);
  CHECK(shop.scalar("SELECT COUNT(*) FROM send_runs") == 0);
  CHECK_FALSE(fs::exists(shop.path() / "outbox"));
  CHECK_FALSE(fs::exists(shop.path() / "tsuikyaku.db.send-lock"));
}

TEST_CASE("send: --redirect-to sends every message to one address and records nothing", "[send]") {
  const SmtpTestServer server;
  PlanningShop shop = shop_for(addresses(2), server.config_yaml());
  const CliResult result = send(shop, {"--redirect-to", "owner@kaede.example"}, server.env());
  CHECK(result.exit_code == 0);
  CHECK(result.out ==
        "thank-you:  2 queued, 2 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown; 2 still due\n");
  CHECK(result.err ==
        "rehearsal (--redirect-to): every message went to the given address; nothing was "
        "recorded, so the next run sends them to the customers\n");
  CHECK(recipients(server) ==
        std::multiset<std::string>{"owner@kaede.example", "owner@kaede.example"});
  CHECK(states(shop) == std::vector<std::string>{"queued", "queued"});
  CHECK(shop.scalar("SELECT COUNT(*) FROM messages WHERE message_id IS NOT NULL") == 0);

  CHECK(send(shop, {}, server.env()).exit_code == 0);
  CHECK(recipients(server).count("c1@example.jp") == 1);
  CHECK(recipients(server).count("c2@example.jp") == 1);

  const CliResult bad = send(shop, {"--redirect-to", "owner"});
  CHECK(bad.exit_code == 64);
  CHECK(bad.err ==
        "tsuikyaku: error: --redirect-to: 'owner' is not a mail address (expected "
        "name@example.com)\n");
}

TEST_CASE("send: --limit delivers N and says how many are still due", "[send]") {
  PlanningShop shop = shop_for(addresses(5));
  const CliResult result = send(shop, {"--limit", "2"});
  CHECK(result.exit_code == 0);
  CHECK(result.out ==
        "thank-you:  5 queued, 2 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown; 3 still due\n");
  CHECK(outbox_files(shop).size() == 2);
  CHECK(states(shop) == std::vector<std::string>{"sent", "sent", "queued", "queued", "queued"});
}

TEST_CASE("send: in quiet hours nothing is delivered; the morning run sends it", "[send]") {
  PlanningShop shop = shop_for(addresses(2));
  const CliResult night = send(shop, {"--as-of", "2026-11-18 22:00"});
  CHECK(night.exit_code == 0);
  CHECK(night.out == k_none_sent);
  CHECK(night.err == "quiet hours until 2026-11-19T09:00:00+09:00: nothing is delivered now\n");
  CHECK(outbox_files(shop).empty());
  const CliResult morning = send(shop, {"--as-of", "2026-11-19 09:00"});
  CHECK(morning.exit_code == 0);
  CHECK(morning.out ==
        "thank-you:  2 queued, 2 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n");
  CHECK(morning.err.empty());
  CHECK(outbox_files(shop).size() == 2);
}

namespace {

// A run that died with one message handed over (m@) and one marked without its turn
// coming (n@), its send_runs row then rewritten by `rewrite` (if any) as a restart would
// leave it.
PlanningShop shop_with_dead_run(const std::string& rewrite = "") {
  PlanningShop shop = shop_for(addresses(3));
  CHECK(send(shop, {"--limit", "1"}).exit_code == 0);
  const auto run = store::start_send_run(shop.db(), {dead_identity(), k_now, k_now, "outbox"});
  shop.exec(
      "UPDATE messages SET state = 'sending', message_id = 'm@kaede.example', "
      "handed_over_at = 1, run_id = " +
      std::to_string(run) + " WHERE id = (SELECT MIN(id) FROM messages WHERE state = 'queued')");
  shop.exec("UPDATE messages SET state = 'sending', message_id = 'n@kaede.example', run_id = " +
            std::to_string(run) +
            " WHERE id = (SELECT MIN(id) FROM messages WHERE state = 'queued')");
  if (!rewrite.empty()) shop.exec(rewrite + " WHERE id = " + std::to_string(run));
  return shop;
}

std::string state_of(PlanningShop& shop, const std::string& message_id) {
  const auto rows = shop.rows("SELECT state FROM messages WHERE message_id = '" + message_id + "'");
  return rows.empty() ? "" : rows.front();
}

}  // namespace

TEST_CASE("send: a sending row of a dead run becomes unknown, with a warning and exit 1",
          "[send]") {
  PlanningShop shop = shop_with_dead_run();
  const CliResult result = send(shop);
  CHECK(result.exit_code == 1);
  CHECK(result.out == "thank-you:  0 queued, 1 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n");
  CHECK(result.err ==
        "tsuikyaku: warning: 1 message of an interrupted run is now unknown: it may have reached "
        "the server (tsuikyaku status lists them; docs/sending.md says what to do)\n");
  CHECK(shop.rows("SELECT state FROM messages WHERE message_id = 'm@kaede.example'") ==
        std::vector<std::string>{"unknown"});
  CHECK(shop.rows("SELECT state FROM messages WHERE message_id = 'n@kaede.example'") ==
        std::vector<std::string>{"sent"});
  CHECK(shop.scalar("SELECT COUNT(*) FROM messages WHERE state = 'sent'") == 2);
  CHECK(outbox_files(shop).size() == 2);
  const CliResult next = send(shop);  // reported once; `status` lists it from now on
  CHECK(next.exit_code == 0);
  CHECK(next.err.empty());
}

TEST_CASE("send: a run that died under another host name (a restarted container) is recovered",
          "[send]") {
  PlanningShop shop = shop_with_dead_run("UPDATE send_runs SET host = 'old-container-4f2a'");
  const CliResult result = send(shop);
  CHECK(result.exit_code == 1);
  CHECK(result.out == "thank-you:  0 queued, 1 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n");
  CHECK(result.err ==
        "tsuikyaku: warning: 1 message of an interrupted run is now unknown: it may have reached "
        "the server (tsuikyaku status lists them; docs/sending.md says what to do)\n");
  CHECK(state_of(shop, "m@kaede.example") == "unknown");
  CHECK(state_of(shop, "n@kaede.example") == "sent");
  CHECK(shop.scalar("SELECT COUNT(*) FROM messages WHERE state = 'sending'") == 0);
}

TEST_CASE("send: a run of an earlier boot leaves every sending row unknown, none resent",
          "[send]") {
  // A reboot: another boot id, and (a container) another host name as well.
  PlanningShop shop = shop_with_dead_run(
      "UPDATE send_runs SET host = 'old-container-4f2a', "
      "process_start = '00000000-0000-4000-8000-000000000000:4242'");
  const CliResult result = send(shop);
  CHECK(result.exit_code == 1);
  CHECK(result.out == "thank-you:  0 queued, 0 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n");
  CHECK(result.err ==
        "tsuikyaku: warning: 2 messages of an interrupted run are now unknown: they may have "
        "reached the server (tsuikyaku status lists them; docs/sending.md says what to do)\n");
  CHECK(state_of(shop, "m@kaede.example") == "unknown");
  CHECK(state_of(shop, "n@kaede.example") == "unknown");
  CHECK(outbox_files(shop).size() == 1);
}

namespace {

// shop_with_dead_run()'s rows in `sending` as `status` lists them, and its last line.
const std::string k_dead_run_rows =
    "id  state    campaign   customer  message-id       last error\n"
    " 2  sending  thank-you  C-2       m@kaede.example\n"
    " 3  sending  thank-you  C-3       n@kaede.example\n"
    "\nLast send: started 2026-11-18T20:06:40+09:00, died (outbox)\n";

// Takes the lock file's record lock as a running send holds it, until closed.
int hold_lock_record(const fs::path& lock) {
  const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  struct flock whole {};
  whole.l_type = F_WRLCK;
  whole.l_whence = SEEK_SET;
  REQUIRE(::fcntl(fd, F_OFD_SETLK, &whole) == 0);
  return fd;
}

}  // namespace

TEST_CASE("status: sending rows of a send that ended are listed under their own heading",
          "[send][status]") {
  PlanningShop shop = shop_with_dead_run();
  const CliResult result = run_cli(shop.path(), {"status"});
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  const auto at = result.out.find("\nSending, left by a send that ended (2): ");
  REQUIRE(at != std::string::npos);
  CHECK(result.out.substr(at) ==
        "\nSending, left by a send that ended (2): the next send sends again those it never "
        "handed over and makes the rest unknown (docs/sending.md).\n" +
            k_dead_run_rows);
  const json document = json::parse(run_cli(shop.path(), {"status", "--json"}).out);
  CHECK(document["sending"]["send"] == "ended");
  CHECK(document["sending"]["messages"].size() == 2);
  CHECK(document["last_run"]["state"] == "died");
}

TEST_CASE("status: the sending rows of a running send are its own, not listed", "[send][status]") {
  PlanningShop shop = shop_with_dead_run();
  const int fd = hold_lock_record(shop.path() / "tsuikyaku.db.send-lock");
  const CliResult result = run_cli(shop.path(), {"status"});
  const json document = json::parse(run_cli(shop.path(), {"status", "--json"}).out);
  ::close(fd);
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("\nSending") == std::string::npos);
  CHECK(result.out.find("\nLast send: started 2026-11-18T20:06:40+09:00, running (outbox)\n") !=
        std::string::npos);
  CHECK(document["sending"]["send"] == "running");
  CHECK(document["last_run"]["state"] == "running");
}

TEST_CASE("status: sending rows whose send cannot be known to run or not exit 1",
          "[send][status]") {
  // The lock cannot be read (here a symlink that loops): whether a send holds it cannot
  // be known, so the messages may be stuck; status says so and exits 1, and send stops.
  PlanningShop shop = shop_with_dead_run();
  fs::remove(shop.path() / "tsuikyaku.db.send-lock");
  fs::create_symlink("tsuikyaku.db.send-lock", shop.path() / "tsuikyaku.db.send-lock");
  const CliResult result = run_cli(shop.path(), {"status"});
  CHECK(result.exit_code == 1);
  CHECK(result.err.empty());
  const auto at = result.out.find("\nSending, and");
  REQUIRE(at != std::string::npos);
  CHECK(result.out.substr(at) ==
        "\nSending, and whether a send still runs cannot be known (2): the send lock cannot be "
        "read. They may be in flight or stuck: see that no tsuikyaku send runs, then run "
        "tsuikyaku send, which recovers them (docs/sending.md).\n" +
            k_dead_run_rows);
  const CliResult as_json = run_cli(shop.path(), {"status", "--json"});
  CHECK(as_json.exit_code == 1);
  CHECK(json::parse(as_json.out)["sending"]["send"] == "cannot_tell");
  const CliResult sent = send(shop);
  CHECK(sent.exit_code != 0);
  CHECK(sent.err.rfind("tsuikyaku: error: cannot open the send lock ", 0) == 0);
  CHECK(state_of(shop, "m@kaede.example") == "sending");
}

TEST_CASE("send: an unknown --campaign is a usage error with a suggestion", "[send]") {
  PlanningShop shop = shop_for(addresses(1));
  const CliResult result = send(shop, {"--campaign", "thank-yuo"});
  CHECK(result.exit_code == 64);
  CHECK(result.out.empty());
  CHECK(result.err ==
        "tsuikyaku: error: unknown campaign 'thank-yuo'; did you mean 'thank-you'?\n");
  CHECK(shop.scalar("SELECT COUNT(*) FROM messages") == 0);
}

TEST_CASE("send: --json prints the run's counts as one document", "[send]") {
  PlanningShop shop = shop_for(addresses(3));
  shop.suppress("c3@example.jp", "bounced");
  const CliResult result = send(shop, {"--json", "--limit", "1"});
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  const json counts = json::parse(R"({"queued": 2, "sent": 1, "deferred": 0, "failed": 0,
      "skipped": 1, "unknown": 0, "bounced": 0, "waiting": 1, "held": 0,
      "skipped_by_reason": {"bounced": 1}})");
  json campaign = json{{"name", "thank-you"}};
  campaign.update(counts);
  CHECK(json::parse(result.out) == json{{"as_of", "2026-11-18T20:06:40+09:00"},
                                        {"transport", "outbox"},
                                        {"dry_run", false},
                                        {"rehearsal", false},
                                        {"campaigns", json::array({campaign})},
                                        {"totals", counts},
                                        {"interrupted", 0},
                                        {"retried", 0},
                                        {"quiet_until", nullptr},
                                        {"marketing_held_until", nullptr},
                                        {"stopped", nullptr},
                                        {"coupon_pools_low", json::array()}});
}

TEST_CASE("send: two sends started at once never deliver a message twice", "[send]") {
  SmtpServerOptions slow;  // a run of a second: the other starts while it runs
  slow.default_behaviour = "delay:0.05";
  const SmtpTestServer server(slow);
  PlanningShop shop = shop_for(addresses(20), server.config_yaml());
  const TempDir logs;
  const int first = start_send(shop.path(), server, logs / "first");
  const int second = start_send(shop.path(), server, logs / "second");
  const CliResult first_run = wait_binary(first, logs / "first");
  const CliResult second_run = wait_binary(second, logs / "second");
  const int first_code = first_run.exit_code;
  const int second_code = second_run.exit_code;
  const std::string first_output = first_run.out + first_run.err;
  const std::string second_output = second_run.out + second_run.err;
  INFO(first_output << second_output);

  const auto all = addresses(20);
  CHECK(recipients(server) == std::multiset<std::string>(all.begin(), all.end()));
  CHECK(shop.scalar("SELECT COUNT(*) FROM messages") == 20);
  CHECK(shop.scalar("SELECT COUNT(*) FROM messages WHERE state = 'sent'") == 20);
  const std::string busy = "tsuikyaku: error: another send is running on tsuikyaku.db: process ";
  if (first_code == 75 || second_code == 75) {
    const bool first_waited = first_code == 75;
    CHECK((first_waited ? second_code : first_code) == 0);
    CHECK((first_waited ? first_run.err : second_run.err)
              .rfind(busy + std::to_string(first_waited ? second : first) + " on ", 0) == 0);
  } else {
    CHECK(first_code == 0);
    CHECK(second_code == 0);
  }
}

TEST_CASE("send: a run killed before the server could have the data leaves the message due",
          "[send]") {
  // Before the greeting, during EHLO (before STARTTLS and AUTH), at MAIL, RCPT or DATA:
  // the server cannot have accepted a message whose data never began, so the next run
  // sends it, and nothing is `unknown`.
  const std::string step = GENERATE("greeting", "ehlo", "mail", "rcpt", "data");
  INFO("silent at " << step);
  SmtpServerOptions silent;
  silent.stall_at = step;
  const SmtpTestServer stalled(silent);
  PlanningShop shop = shop_for(addresses(1), stalled.config_yaml());
  const TempDir logs;
  const int run = start_send(shop.path(), stalled, logs / "killed");
  wait_until_stalled(stalled);
  ::kill(run, SIGKILL);
  CHECK(wait_binary(run, logs / "killed").exit_code == -1);
  CHECK(shop.rows("SELECT state || ' ' || (handed_over_at IS NULL) FROM messages") ==
        std::vector<std::string>{"sending 1"});

  const SmtpTestServer server;
  move_server(shop, stalled, server);
  const CliResult next = send(shop, {}, server.env());
  CHECK(next.exit_code == 0);
  CHECK(next.out == "thank-you:  0 queued, 1 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n");
  CHECK(next.err.empty());
  CHECK(states(shop) == std::vector<std::string>{"sent"});
  CHECK(recipients(server) == std::multiset<std::string>{"c1@example.jp"});
  CHECK(stalled.messages().empty());
}
