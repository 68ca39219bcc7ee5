#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "planning/planning_fixture.hpp"
#include "smtp_server.hpp"

// The last check (docs/sending.md, "When each rule is checked"): what changed since a
// message was queued (a suppression, a withdrawn consent, a cancelled order, its expiry)
// holds when `send` comes to it, in the transaction that would mark it sending. Each case
// queues messages with `send --limit 1`, changes the database as an import or `suppress`
// would, and sends the rest.

using namespace tsuikyaku;
using namespace tsuikyaku::testing;
namespace fs = std::filesystem;

namespace {

const std::string k_news_yaml =
    "kind: marketing\nlang: en\ntrigger: { event: ordered, delay: 0h, expires: 3d }\n"
    "subject: \"News for {{customer.name}}\"\n";

// Kaede Tea with one campaign and customers C-1..C-3 (c1..c3@example.jp, accepting
// marketing), each with an order 1001..1003 at 10:00 today: a message each is due now.
PlanningShop shop_with(const std::string& name, const std::string& yaml) {
  PlanningShop shop;
  shop.campaign(name, yaml);
  for (int i = 1; i <= 3; ++i) {
    const std::string n = std::to_string(i);
    const auto id = shop.customer("C-" + n, "c" + n + "@example.jp", true, "Customer " + n);
    shop.order({std::to_string(1000 + i), id, tokyo(11, 18, 10)});
  }
  return shop;
}

CliResult send(const PlanningShop& shop, std::vector<std::string> args = {}) {
  args.insert(args.begin(), "send");
  return run_cli(shop.path(), args);
}

// Queues the three messages and delivers the first (C-1's).
void queue_three(const PlanningShop& shop, const std::string& name) {
  const CliResult first = send(shop, {"--limit", "1"});
  REQUIRE(first.exit_code == 0);
  REQUIRE(first.out == name +
                           ":  3 queued, 1 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown; 2 "
                           "still due\n");
}

// The addresses the outbox holds a message to.
std::multiset<std::string> outbox_recipients(const PlanningShop& shop) {
  std::multiset<std::string> to;
  if (!fs::exists(shop.path() / "outbox/new")) return to;
  for (const auto& entry : fs::directory_iterator(shop.path() / "outbox/new")) {
    const std::string data = read_file(entry.path());
    const auto at = data.find("\r\nTo: ");
    REQUIRE(at != std::string::npos);
    to.insert(data.substr(at + 6, data.find("\r\n", at + 6) - at - 6));
  }
  return to;
}

const std::multiset<std::string> k_c1_and_c3{"Customer 1 <c1@example.jp>",
                                             "Customer 3 <c3@example.jp>"};

std::vector<std::string> c2_row(PlanningShop& shop) {
  return shop.rows(
      "SELECT m.state, m.skip_reason FROM messages m JOIN customers c ON c.id = m.customer_id "
      "WHERE c.email = 'c2@example.jp'");
}

}  // namespace

TEST_CASE("last check: an address suppressed after its message was queued gets no marketing",
          "[send][last-check]") {
  PlanningShop shop = shop_with("news", k_news_yaml);
  queue_three(shop, "news");
  REQUIRE(run_cli(shop.path(), {"suppress", "add", "c2@example.jp", "--reason", "unsubscribed"})
              .exit_code == 0);
  const CliResult result = send(shop);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "news:  0 queued, 1 sent, 0 deferred, 0 failed, 1 skipped, 0 unknown\n");
  CHECK(outbox_recipients(shop) == k_c1_and_c3);
  CHECK(c2_row(shop) == std::vector<std::string>{"skipped|unsubscribed"});
}

TEST_CASE("last check: an address that bounced after queueing gets not even transactional mail",
          "[send][last-check]") {
  PlanningShop shop = shop_with("thank-you", k_thank_you_yaml);
  queue_three(shop, "thank-you");
  shop.suppress("c2@example.jp", "bounced");
  const CliResult result = send(shop, {"--json"});
  CHECK(result.exit_code == 0);
  const nlohmann::json campaign = nlohmann::json::parse(result.out).at("campaigns").at(0);
  CHECK(campaign.at("sent") == 1);
  CHECK(campaign.at("skipped") == 1);
  CHECK(campaign.at("skipped_by_reason") == nlohmann::json{{"bounced", 1}});
  CHECK(outbox_recipients(shop) == k_c1_and_c3);
  CHECK(c2_row(shop) == std::vector<std::string>{"skipped|bounced"});
}

TEST_CASE("last check: consent withdrawn after queueing stops the marketing message",
          "[send][last-check]") {
  PlanningShop shop = shop_with("news", k_news_yaml);
  queue_three(shop, "news");
  // What a re-import of the customer without consent commits.
  shop.exec("UPDATE customers SET accepts_marketing = 0 WHERE email = 'c2@example.jp'");
  const CliResult result = send(shop);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "news:  0 queued, 1 sent, 0 deferred, 0 failed, 1 skipped, 0 unknown\n");
  CHECK(outbox_recipients(shop) == k_c1_and_c3);
  CHECK(c2_row(shop) == std::vector<std::string>{"skipped|no consent"});
}

TEST_CASE("last check: an order cancelled after queueing gets no thank-you", "[send][last-check]") {
  PlanningShop shop = shop_with("thank-you", k_thank_you_yaml);
  queue_three(shop, "thank-you");
  // What a re-import of the order as cancelled commits.
  shop.exec("UPDATE orders SET status = 'cancelled', cancelled_at = " +
            std::to_string(core::to_unix(tokyo(11, 18, 12))) + " WHERE order_key = '1002'");
  const CliResult result = send(shop);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "thank-you:  0 queued, 1 sent, 0 deferred, 0 failed, 1 skipped, 0 unknown\n");
  CHECK(outbox_recipients(shop) == k_c1_and_c3);
  CHECK(c2_row(shop) == std::vector<std::string>{"skipped|cancelled"});
}

TEST_CASE("last check: a queued message whose expiry has passed is skipped, not sent",
          "[send][last-check]") {
  PlanningShop shop = shop_with("thank-you", k_thank_you_yaml);
  queue_three(shop, "thank-you");
  // Due 11-18 10:00 with expires: 3d; the next run is on the 22nd.
  const CliResult result = send(shop, {"--as-of", "2026-11-22 12:00"});
  CHECK(result.exit_code == 0);
  CHECK(result.out == "thank-you:  0 queued, 0 sent, 0 deferred, 0 failed, 2 skipped, 0 unknown\n");
  CHECK(outbox_recipients(shop) == std::multiset<std::string>{"Customer 1 <c1@example.jp>"});
  CHECK(c2_row(shop) == std::vector<std::string>{"skipped|expired"});
}

TEST_CASE("last check: a campaign disabled after queueing sends nothing more",
          "[send][last-check]") {
  PlanningShop shop = shop_with("thank-you", k_thank_you_yaml);
  queue_three(shop, "thank-you");
  shop.campaign("thank-you", "enabled: false\n" + k_thank_you_yaml);
  const CliResult result = send(shop);
  CHECK(result.exit_code == 0);
  CHECK(outbox_recipients(shop) == std::multiset<std::string>{"Customer 1 <c1@example.jp>"});
  CHECK(c2_row(shop) == std::vector<std::string>{"queued|-"});
}

TEST_CASE("last check: --retry-unknown does not resend to an address suppressed meanwhile",
          "[send][last-check]") {
  PlanningShop shop = shop_with("thank-you", k_thank_you_yaml);
  queue_three(shop, "thank-you");
  // C-2's message went to a server that never answered; it bounced since.
  shop.exec(
      "UPDATE messages SET state = 'unknown', attempts = 1, message_id = 'u@kaede.example' "
      "WHERE customer_id = (SELECT id FROM customers WHERE email = 'c2@example.jp')");
  shop.suppress("c2@example.jp", "bounced");
  const CliResult result = send(shop, {"--retry-unknown"});
  CHECK(result.exit_code == 0);
  CHECK(outbox_recipients(shop) == k_c1_and_c3);
  CHECK(c2_row(shop) == std::vector<std::string>{"skipped|bounced"});
}

TEST_CASE("last check: orders an import cancels while send runs get no thank-you",
          "[send][last-check]") {
  // 200 thank-yous at 50 a second to a real SMTP server: four seconds of sending. Once
  // the first has arrived, the last 100 orders are cancelled (what an import beside
  // `send` commits); at most two batches of 16 are marked sending by then.
  const SmtpTestServer server;
  PlanningShop shop("send:\n  quiet_hours: \"21:00-09:00\"\n" + server.config_yaml() +
                    "  rate: 50/s\n");
  shop.campaign("thank-you", k_thank_you_yaml);
  for (int i = 1; i <= 200; ++i) {
    const std::string n = std::to_string(i);
    const auto id = shop.customer("C-" + n, "c" + n + "@example.jp", true, "Customer " + n);
    shop.order({std::to_string(1000 + i), id, tokyo(11, 18, 10)});
  }
  CliResult result;
  std::thread run([&] {
    CliRun cli;
    cli.args = {"send"};
    cli.env = server.env();
    result = run_cli(shop.path(), cli);
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{30};
  while (server.messages().empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  shop.exec("UPDATE orders SET status = 'cancelled', cancelled_at = " +
            std::to_string(core::to_unix(tokyo(11, 18, 12))) +
            " WHERE CAST(order_key AS INTEGER) > 1100");
  run.join();
  CHECK(result.exit_code == 0);
  CHECK(result.out ==
        "thank-you:  200 queued, 100 sent, 0 deferred, 0 failed, 100 skipped, 0 unknown\n");
  std::set<std::string> mailed;
  for (const ReceivedMessage& m : server.messages())
    mailed.insert(m.rcpt_tos.begin(), m.rcpt_tos.end());
  CHECK(mailed.size() == 100);
  CHECK(mailed.count("c100@example.jp") == 1);
  CHECK(mailed.count("c101@example.jp") == 0);
  CHECK(mailed.count("c200@example.jp") == 0);
  CHECK(shop.scalar("SELECT COUNT(*) FROM messages WHERE state = 'skipped' AND "
                    "skip_reason = 'cancelled'") == 100);
}

namespace {

const std::string k_new_news_yaml =
    "kind: marketing\nlang: en\ntrigger: { event: ordered, delay: 0h, expires: 3d }\n"
    "audience: { segments: [new] }\nsubject: \"News for {{customer.name}}\"\n";

// The state and reason of the message about order 1002.
std::vector<std::string> order_1002_row(PlanningShop& shop) {
  return shop.rows(
      "SELECT m.state, m.skip_reason FROM messages m JOIN orders o ON o.id = m.order_id "
      "WHERE o.order_key = '1002'");
}

}  // namespace

TEST_CASE("last check: a customer who left the audience after queueing gets no message for it",
          "[send][last-check]") {
  PlanningShop shop = shop_with("news", k_new_news_yaml);
  queue_three(shop, "news");
  // C-2 orders again (an import): no longer a new customer.
  shop.order({"1004", shop.scalar("SELECT id FROM customers WHERE email = 'c2@example.jp'"),
              tokyo(11, 18, 11)});
  const CliResult result = send(shop, {"--json"});
  CHECK(result.exit_code == 0);
  const nlohmann::json campaign = nlohmann::json::parse(result.out).at("campaigns").at(0);
  CHECK(campaign.at("sent") == 1);
  // 1004's message is planned as skipped, 1002's is skipped by the last check.
  CHECK(campaign.at("skipped_by_reason") == nlohmann::json{{"audience", 2}});
  CHECK(outbox_recipients(shop) == k_c1_and_c3);
  CHECK(order_1002_row(shop) == std::vector<std::string>{"skipped|audience"});
}

TEST_CASE("last check: an audience edited after queueing holds for the queued messages",
          "[send][last-check]") {
  PlanningShop shop = shop_with("news", k_new_news_yaml);
  queue_three(shop, "news");
  std::string dormant_only = k_new_news_yaml;
  dormant_only.replace(dormant_only.find("[new]"), 5, "[dormant]");
  shop.campaign("news", dormant_only);
  const CliResult dry = send(shop, {"--dry-run"});
  CHECK(dry.exit_code == 0);
  CHECK(dry.out.find("c2@example.jp") == std::string::npos);
  const CliResult result = send(shop);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "news:  0 queued, 0 sent, 0 deferred, 0 failed, 2 skipped, 0 unknown\n");
  CHECK(outbox_recipients(shop) == std::multiset<std::string>{"Customer 1 <c1@example.jp>"});
  CHECK(order_1002_row(shop) == std::vector<std::string>{"skipped|audience"});
}

TEST_CASE("last check: a dry run skips the queued messages the run would skip",
          "[send][last-check]") {
  PlanningShop shop = shop_with("news", k_news_yaml);
  queue_three(shop, "news");
  shop.suppress("c2@example.jp", "unsubscribed");
  const CliResult dry = send(shop, {"--dry-run", "--json"});
  CHECK(dry.exit_code == 0);
  const nlohmann::json json = nlohmann::json::parse(dry.out);
  CHECK(json.at("campaigns").at(0).at("skipped_by_reason") == nlohmann::json{{"unsubscribed", 1}});
  std::set<std::string> would;
  for (const auto& m : json.at("would_send")) would.insert(m.at("customer_key").get<std::string>());
  CHECK(would == std::set<std::string>{"C-3"});
}
