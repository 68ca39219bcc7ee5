#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "send/ledger_fixture.hpp"
#include "tsuikyaku/store/suppressions.hpp"

using namespace tsuikyaku;
using namespace tsuikyaku::testing;
using nlohmann::json;

namespace {

// Hanako, known by her e-mail key, with two orders, a sent thank-you and a skipped winback.
std::int64_t hanako(LedgerFixture& ledger) {
  SegmentShop& shop = ledger.shop();
  const auto id = shop.customer("hanako@example.jp",
                                {"Hanako@example.jp", "佐藤 花子", "150-0001", "東京都渋谷区", ""});
  const auto first = shop.order(id, utc(2026, 9, 1, 1), 4980);
  shop.order(id, utc(2026, 11, 8, 1), 3000);
  SQLite::Statement insert(ledger.db().handle(), R"sql(
INSERT INTO messages (dedup_key, campaign, kind, customer_id, order_id, state, due_at,
                      next_attempt_at, message_id, sent_at, skip_reason, created_at, updated_at)
VALUES ('thank-you:order:o1', 'thank-you', 'transactional', ?1, ?2, 'sent', ?3, ?3,
        'x1@kaede.example', ?3, NULL, ?3, ?3),
       ('winback:on-2026-11-01:customer:hanako', 'winback', 'marketing', ?1, NULL, 'skipped',
        ?4, ?4, NULL, NULL, 'no_consent', ?4, ?4)
)sql");
  insert.bind(1, id);
  insert.bind(2, first);
  insert.bind(3, core::to_unix(utc(2026, 9, 1, 1)));
  insert.bind(4, core::to_unix(utc(2026, 11, 1)));
  insert.exec();
  return id;
}

}  // namespace

TEST_CASE("customers show: an e-mail key in any letter case, orders, segment, messages",
          "[customers]") {
  LedgerFixture ledger;
  hanako(ledger);
  store::suppress(ledger.db(),
                  {"hanako@example.jp", store::SuppressionReason::unsubscribed, "", "cli"}, k_now);
  const CliResult result =
      run_cli(ledger.shop().path(), {"customers", "show", "HANAKO@example.jp"});
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  CHECK(result.out ==
        "Customer hanako@example.jp\n"
        "  name       佐藤 花子\n"
        "  e-mail     Hanako@example.jp (suppressed: unsubscribed since 2026-11-18)\n"
        "  marketing  not accepted\n"
        "  address    150-0001 東京都渋谷区\n"
        "  segment    repeat (R 3 F 3 M 3: 2 orders, ¥7,980, last order 10 days ago)\n"
        "  as of      2026-11-18T20:06:40+09:00\n"
        "\n"
        "Orders (2):\n"
        "order  ordered                     total  status  shipped  delivered\n"
        "o1     2026-09-01T10:00:00+09:00  ¥4,980  paid\n"
        "o2     2026-11-08T10:00:00+09:00  ¥3,000  paid\n"
        "\n"
        "Messages (2):\n"
        "id  campaign   state    order  due                        sent                       "
        "message-id or reason\n"
        " 1  thank-you  sent     o1     2026-09-01T10:00:00+09:00  2026-09-01T10:00:00+09:00  "
        "x1@kaede.example\n"
        " 2  winback    skipped         2026-11-01T09:00:00+09:00                             "
        "no_consent\n");

  const json document =
      json::parse(run_cli(ledger.shop().path(), {"customers", "show", "hanako@example.jp", "--json",
                                                 "--as-of", "2026-12-01"})
                      .out);
  CHECK(document["as_of"] == "2026-12-01T00:00:00+09:00");
  CHECK(document["customer_key"] == "hanako@example.jp");
  CHECK(document["suppressed"] == "unsubscribed");
  CHECK(document["segment"] == "repeat");
  CHECK(document["rfm"] == json::parse(R"({"recency_days": 22, "frequency": 2,
      "monetary": "7980", "r": 3, "f": 3, "m": 3})"));  // the only customer: N = 1
  REQUIRE(document["orders"].size() == 2);
  CHECK(document["orders"][0]["total"] == "4980");
  REQUIRE(document["messages"].size() == 2);
  CHECK(document["messages"][0]["message_id"] == "x1@kaede.example");
  CHECK(document["messages"][1]["reason"] == "no_consent");
}

TEST_CASE("customers show: a customer id key found by its e-mail address", "[customers]") {
  LedgerFixture ledger;
  ledger.shop().customer("C-1001", {"emma@example.co.uk", "Emma", "", "", ""});
  const CliResult result =
      run_cli(ledger.shop().path(), {"customers", "show", "Emma@Example.co.uk", "--json"});
  CHECK(result.exit_code == 0);
  const json document = json::parse(result.out);
  CHECK(document["customer_key"] == "C-1001");
  CHECK(document["segment"] == nullptr);
  CHECK(document["orders"].empty());
}

TEST_CASE("customers show: an unknown key is a usage error", "[customers]") {
  LedgerFixture ledger;
  const CliResult result = run_cli(ledger.shop().path(), {"customers", "show", "nobody@x.jp"});
  CHECK(result.exit_code == 64);
  CHECK(result.err ==
        "tsuikyaku: error: no customer with the key or e-mail address 'nobody@x.jp'\n");
}
