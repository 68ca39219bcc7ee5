#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "planning/planning_fixture.hpp"

// The last check's product audience (docs/sending.md, "When each rule is checked"): what a
// customer bought is read again when `send` comes to a queued message, so an order
// imported (or cancelled by an import) since it was queued holds. Orders come in through
// `tsuikyaku import` of a Shopify export, as a shop's would.

using namespace tsuikyaku;
using namespace tsuikyaku::testing;
namespace fs = std::filesystem;

namespace {

const std::string k_header =
    "Name,Email,Financial Status,Accepts Marketing,Currency,Total,Created at,Cancelled at,"
    "Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing Name\n";

// One order of one line: customer n (cn@example.jp, accepting marketing), at a Tokyo time.
std::string order_row(const std::string& order, int n, const std::string& created_at,
                      const std::string& sku, const std::string& cancelled_at = "") {
  const std::string c = std::to_string(n);
  return order + ",c" + c + "@example.jp,paid,yes,JPY,1200," + created_at + " +0900," +
         (cancelled_at.empty() ? "" : cancelled_at + " +0900") + ",1," + sku + ",1200," + sku +
         ",Customer " + c + "\n";
}

void import(const PlanningShop& shop, const std::string& name, const std::string& rows) {
  write_file(shop.path() / name, k_header + rows);
  const CliResult result = run_cli(shop.path(), {"import", name});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
}

CliResult send(const PlanningShop& shop, std::vector<std::string> args = {}) {
  args.insert(args.begin(), "send");
  return run_cli(shop.path(), args);
}

// The marketing campaign `news`, at once after each order for three days, to `audience`.
void news_for(PlanningShop& shop, const std::string& audience) {
  shop.campaign("news",
                "kind: marketing\nlang: en\ntrigger: { event: ordered, delay: 0h, expires: 3d }\n"
                "audience: " +
                    audience + "\nsubject: \"News for {{customer.name}}\"\n");
}

// Queues the three messages of #1001..#1003 and delivers the first (c1's).
void queue_three(const PlanningShop& shop) {
  const CliResult first = send(shop, {"--limit", "1"});
  REQUIRE(first.exit_code == 0);
  REQUIRE(first.out ==
          "news:  3 queued, 1 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown; 2 still due\n");
}

// The addresses the outbox holds a message to.
std::multiset<std::string> outbox_recipients(const PlanningShop& shop) {
  std::multiset<std::string> to;
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

// The state and reason of the message about order #1002.
std::vector<std::string> order_1002_row(PlanningShop& shop) {
  return shop.rows(
      "SELECT m.state, m.skip_reason FROM messages m JOIN orders o ON o.id = m.order_id "
      "WHERE o.order_key = '#1002'");
}

}  // namespace

TEST_CASE("last check: a customer who buys a not_bought product after queueing gets no message",
          "[send][last-check][products]") {
  PlanningShop shop;
  news_for(shop, "{ not_bought: [TEA-GYO-*] }");
  import(shop, "orders.csv",
         order_row("#1001", 1, "2026-11-18 10:00:00", "TEA-SEN-100") +
             order_row("#1002", 2, "2026-11-18 10:00:00", "TEA-SEN-100") +
             order_row("#1003", 3, "2026-11-18 10:00:00", "TEA-SEN-100"));
  queue_three(shop);
  // c2 buys gyokuro: #1004's message is planned as skipped; #1002's, queued, must follow.
  import(shop, "more.csv", order_row("#1004", 2, "2026-11-18 11:00:00", "TEA-GYO-50"));

  const CliResult dry = send(shop, {"--dry-run", "--json"});
  CHECK(dry.exit_code == 0);
  const nlohmann::json plan = nlohmann::json::parse(dry.out);
  CHECK(plan.at("campaigns").at(0).at("skipped_by_reason") == nlohmann::json{{"audience", 2}});
  std::set<std::string> would;
  for (const auto& m : plan.at("would_send")) would.insert(m.at("recipient").get<std::string>());
  CHECK(would == std::set<std::string>{"c3@example.jp"});

  const CliResult result = send(shop);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "news:  0 queued, 1 sent, 0 deferred, 0 failed, 2 skipped, 0 unknown\n");
  CHECK(outbox_recipients(shop) == k_c1_and_c3);
  CHECK(order_1002_row(shop) == std::vector<std::string>{"skipped|audience"});
}

TEST_CASE("last check: a deferred message whose only bought product was cancelled is skipped",
          "[send][last-check][products]") {
  PlanningShop shop;
  news_for(shop, "{ bought: [TEA-*] }");
  // c2's tea is an older order; the one the message follows is a cup.
  import(shop, "orders.csv",
         order_row("#0902", 2, "2026-11-01 10:00:00", "TEA-SEN-100") +
             order_row("#1001", 1, "2026-11-18 10:00:00", "TEA-SEN-100") +
             order_row("#1002", 2, "2026-11-18 10:00:00", "CUP-01") +
             order_row("#1003", 3, "2026-11-18 10:00:00", "TEA-SEN-100"));
  queue_three(shop);
  // c2's message met a 451 at its first attempt and is due again.
  shop.exec("UPDATE messages SET state = 'deferred', attempts = 1, first_attempt_at = " +
            std::to_string(core::to_unix(tokyo(11, 18, 12))) +
            ", next_attempt_at = " + std::to_string(core::to_unix(tokyo(11, 18, 13))) +
            " WHERE order_id = (SELECT id FROM orders WHERE order_key = '#1002')");
  // The export again, with #0902 cancelled.
  import(shop, "cancelled.csv",
         order_row("#0902", 2, "2026-11-01 10:00:00", "TEA-SEN-100", "2026-11-18 12:00:00"));

  const CliResult result = send(shop);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "news:  0 queued, 1 sent, 0 deferred, 0 failed, 1 skipped, 0 unknown\n");
  CHECK(outbox_recipients(shop) == k_c1_and_c3);
  CHECK(order_1002_row(shop) == std::vector<std::string>{"skipped|audience"});
}
