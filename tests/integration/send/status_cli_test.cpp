#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "send/ledger_fixture.hpp"

using namespace tsuikyaku;
using namespace tsuikyaku::testing;
using nlohmann::json;

namespace {

void add_coupons(LedgerFixture& ledger, const std::string& pool, int codes,
                 std::optional<std::int64_t> assigned_to = std::nullopt) {
  for (int i = 0; i < codes; ++i) {
    SQLite::Statement insert(ledger.db().handle(),
                             "INSERT INTO coupons (pool, code, message_id) VALUES (?, ?, ?)");
    insert.bind(1, pool);
    insert.bind(2, "CODE-" + std::to_string(i));
    if (i == 0 && assigned_to) {
      insert.bind(3, *assigned_to);
    } else {
      insert.bind(3);
    }
    insert.exec();
  }
}

}  // namespace

TEST_CASE("status: counts by state and campaign, what needs attention, low coupon pools",
          "[status]") {
  LedgerFixture ledger;
  const auto hanako = ledger.customer("hanako@example.jp");
  const auto taro = ledger.customer("taro@example.jp");
  ledger.queue(hanako);
  const auto sent = ledger.queue(hanako, "sent");
  const auto deferred = ledger.queue(taro, "deferred", k_now + std::chrono::minutes{15});
  ledger.set(deferred,
             "last_error = '451 4.7.1 Try later', message_id = 'd@kaede.example', "
             "recipient = 'taro@example.jp', attempts = 1");
  const auto unknown = ledger.queue(taro, "unknown");
  ledger.set(unknown, "last_error = 'no reply', message_id = 'u@kaede.example', attempts = 1");
  const auto failed = ledger.queue(taro, "failed");
  ledger.set(failed, "campaign = 'winback', kind = 'marketing', last_error = '550 5.7.1 Spam'");
  const auto skipped = ledger.queue(hanako, "skipped");
  ledger.set(skipped, "campaign = 'winback', kind = 'marketing', skip_reason = 'no_consent'");
  add_coupons(ledger, "coupons/loyal.csv", 5, sent);
  add_coupons(ledger, "coupons/big.csv", 30);

  const CliResult result = run_cli(ledger.shop().path(), {"status", "--json"});
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  const json document = json::parse(result.out);
  CHECK(document["states"] == json::parse(R"({"queued": 1, "sending": 0, "sent": 1,
      "deferred": 1, "failed": 1, "skipped": 1, "unknown": 1})"));
  CHECK(document["campaigns"] == json::parse(R"([
      {"name": "thank-you", "queued": 1, "sending": 0, "sent": 1, "deferred": 1, "failed": 0,
       "skipped": 0, "unknown": 1},
      {"name": "winback", "queued": 0, "sending": 0, "sent": 0, "deferred": 0, "failed": 1,
       "skipped": 1, "unknown": 0}])"));
  const json& attention = document["attention"];
  REQUIRE(attention.size() == 3);
  CHECK(attention[0]["id"] == unknown);
  CHECK(attention[0]["message_id"] == "u@kaede.example");
  CHECK(attention[0]["campaign"] == "thank-you");
  CHECK(attention[0]["customer_key"] == "taro@example.jp");
  CHECK(attention[0]["state"] == "unknown");
  CHECK(attention[0]["last_error"] == "no reply");
  CHECK(attention[1]["state"] == "deferred");
  CHECK(attention[1]["next_attempt_at"] == "2026-11-18T20:21:40+09:00");
  CHECK(attention[2]["state"] == "failed");
  CHECK(attention[2]["message_id"] == nullptr);
  CHECK(attention[2]["last_error"] == "550 5.7.1 Spam");
  CHECK(document["coupon_pools_low"] ==
        json::parse(R"([{"pool": "coupons/loyal.csv", "free": 4, "total": 5}])"));
  CHECK(document["last_run"] == nullptr);

  const CliResult human = run_cli(ledger.shop().path(), {"status"});
  CHECK(human.exit_code == 0);
  CHECK(human.out.rfind("campaign   queued  sending  sent  deferred  failed  skipped  unknown\n"
                        "thank-you       1        0     1         1       0        0        1\n"
                        "winback         0        0     0         0       1        1        0\n"
                        "total           1        0     1         1       1        1        1\n"
                        "\nNeeds attention (3):\n",
                        0) == 0);
  CHECK(human.out.find("unknown   thank-you  taro@example.jp  u@kaede.example  no reply\n") !=
        std::string::npos);
  CHECK(human.out.find("next try 2026-11-18T20:21:40+09:00: 451 4.7.1 Try later") !=
        std::string::npos);
  CHECK(human.out.find("\nCoupon pools running low:\n  coupons/loyal.csv: 4 of 5 codes left\n") !=
        std::string::npos);
}

TEST_CASE("status: an empty ledger says so", "[status]") {
  LedgerFixture ledger;
  const CliResult result = run_cli(ledger.shop().path(), {"status"});
  CHECK(result.exit_code == 0);
  CHECK(result.out == "The ledger is empty: no message has been planned yet.\n");
  const CliResult json_result = run_cli(ledger.shop().path(), {"status", "--json"});
  CHECK(json::parse(json_result.out) == json::parse(R"({"states": {"queued": 0, "sending": 0,
      "sent": 0, "deferred": 0, "failed": 0, "skipped": 0, "unknown": 0}, "campaigns": [],
      "attention": [], "sending": null, "coupon_pools_low": [], "held": [], "quiet_hours": null,
      "last_run": null})"));
}

TEST_CASE("status: the last send run, and whether it finished", "[status]") {
  LedgerFixture ledger;
  const auto run = ledger.start_run("outbox");
  store::finish_send_run(ledger.db(), run, k_now + std::chrono::minutes{1});
  const CliResult result = run_cli(ledger.shop().path(), {"status", "--json"});
  const json last = json::parse(result.out)["last_run"];
  CHECK(last["id"] == run);
  CHECK(last["state"] == "finished");
  CHECK(last["started_at"] == "2026-11-18T20:06:40+09:00");
  CHECK(last["finished_at"] == "2026-11-18T20:07:40+09:00");
  CHECK(last["transport"] == "outbox");
  CHECK(run_cli(ledger.shop().path(), {"status"}).out ==
        "The ledger is empty: no message has been planned yet.\n\n"
        "Last send: started 2026-11-18T20:06:40+09:00, finished (outbox)\n");
}

TEST_CASE("status: in Japanese, word for word, and the same --json", "[status][i18n]") {
  LedgerFixture ledger;
  CHECK(run_cli(ledger.shop().path(), {"status", "--lang", "ja"}).out ==
        "台帳は空です。まだ計画されたメールはありません。\n");
  const auto run = ledger.start_run("outbox");
  store::finish_send_run(ledger.db(), run, k_now + std::chrono::minutes{1});
  CHECK(run_cli(ledger.shop().path(), {"status", "--lang", "ja"}).out ==
        "台帳は空です。まだ計画されたメールはありません。\n\n"
        "最後の send: 2026-11-18T20:06:40+09:00 開始、完了（outbox）\n");
  CHECK(run_cli(ledger.shop().path(), {"status", "--json", "--lang", "ja"}).out ==
        run_cli(ledger.shop().path(), {"status", "--json"}).out);
}
