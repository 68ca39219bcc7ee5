#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "report_shop.hpp"
#include "support.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;

namespace {

// A workspace with the example shop in its database.
struct ExampleWorkspace {
  testing::TempDir dir;

  ExampleWorkspace() {
    testing::write_example_config(dir.path(), "かえで茶舗 <Kaede & Co>");
    auto db = store::Database::open(dir / "tsuikyaku.db");
    testing::ReportShop shop(db, *core::TimeZone::find("Asia/Tokyo"));
    testing::fill_example_shop(shop);
  }

  testing::CliResult run(std::vector<std::string> args, testing::CliRun options = {}) const {
    options.args = std::move(args);
    return testing::run_cli(dir.path(), options);
  }
};

}  // namespace

TEST_CASE("cli: report prints each section as compact tables", "[cli]") {
  ExampleWorkspace workspace;
  const auto result = workspace.run({"report", "--as-of", "2026-06-01"});
  INFO(result.out);
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  CHECK_THAT(result.out,
             Contains("かえで茶舗 <Kaede & Co> — report as of 2026-06-01 00:00 (Asia/Tokyo)\n"));
  CHECK_THAT(result.out, Contains("Segments  (run #3 as of 2026-05-20 00:00, percentile scoring)\n"
                                  "  segment  customers  share  orders  revenue\n"
                                  "  dormant          1  25.0%       3   ¥6,000  ███████████▍\n"
                                  "  loyal            0   0.0%       0       ¥0\n"
                                  "  repeat           1  25.0%       2   ¥1,200  ██▎\n"
                                  "  new              2  50.0%       2   ¥5,500  ██████████▍\n"
                                  "  total            4              7  ¥12,700\n"));
  CHECK_THAT(result.out, Contains("Movement since 2026-04-01 00:00  (run #2 → #3)\n"
                                  "  new → repeat: 1   repeat → loyal: 0   loyal → dormant: 1\n"
                                  "  loyal  →  dormant  1\n"
                                  "  new    →  repeat   1\n"
                                  "  2 stayed in their segment.\n"));
  CHECK_THAT(result.out,
             Contains("  4 customers; 2 of them (50.0%) ordered twice or more.\n"
                      "  first order  buyers  again ≤30d  again ≤60d  again ≤90d\n"
                      "  2026-01           1  100.0% (1)  100.0% (1)  100.0% (1)\n"
                      "  2026-02           2    0.0% (0)    0.0% (0)   50.0% (1)\n"
                      "  2026-03           1    0.0% (0)    0.0% (0)           —\n"
                      "  — : the window has not yet passed since the end of that month.\n"));
  CHECK_THAT(result.out, Contains("  month    revenue  repeat  repeat %\n"
                                  "  2026-01   ¥3,000  ¥2,000     66.7%  █████░░░░░░░░░░░\n"
                                  "  2026-02   ¥4,500      ¥0      0.0%  ████████████████████████\n"
                                  "  2026-03   ¥4,500  ¥3,000     66.7%  ████████░░░░░░░░░░░░░░░░\n"
                                  "  2026-04     ¥700    ¥700    100.0%  ░░░░\n"
                                  "  2026-05       ¥0      ¥0      0.0%\n"
                                  "  2026-06       ¥0      ¥0      0.0%\n"));
  CHECK_THAT(result.out, Contains("  cohort   size    +0  +1    +2  +3  +4  +5\n"
                                  "  2026-01     1  100%  0%  100%  0%  0%  0%\n"
                                  "  2026-02     2  100%  0%   50%  0%  0%\n"
                                  "  2026-03     1  100%  0%    0%  0%\n"));
  CHECK_THAT(
      result.out,
      Contains("  cohort   customers  orders  revenue  per customer\n"
               "  2026-01          1       3   ¥6,000        ¥6,000  ████████████████████████\n"
               "  2026-02          2       3   ¥5,200        ¥2,600  ██████████▍\n"
               "  2026-03          1       1   ¥1,500        ¥1,500  ██████\n"));
  CHECK_THAT(
      result.out,
      Contains("  campaign      sent  recipients  ordered   rate  orders  revenue  coupons used\n"
               "  check-in         2           2        1  50.0%       1   ¥2,000  —\n"
               "  loyal-thanks     3           2        1  50.0%       1   ¥3,000  2 of 3 codes, 2 "
               "orders, ¥4,500\n"
               "  winback          2           2        1  50.0%       1     ¥700  —\n"));
}

TEST_CASE("cli: report --json has stable names, decimal amounts and local times", "[cli]") {
  ExampleWorkspace workspace;
  const auto result = workspace.run({"report", "--as-of", "2026-06-01", "--json"});
  REQUIRE(result.exit_code == 0);
  const auto json = nlohmann::json::parse(result.out);
  CHECK(json["as_of"] == "2026-06-01T00:00:00+09:00");
  CHECK(json["shop"]["currency"] == "JPY");
  CHECK(json["totals"] == nlohmann::json{{"customers", 4}, {"orders", 7}, {"revenue", "12700"}});
  CHECK(json["segments"]["run"] == nlohmann::json{{"id", 3},
                                                  {"as_of", "2026-05-20T00:00:00+09:00"},
                                                  {"scoring", "percentile"}});
  CHECK(json["segments"]["segments"][0] ==
        nlohmann::json{{"name", "dormant"}, {"customers", 1}, {"orders", 3}, {"revenue", "6000"}});
  const auto& movement = json["movement"];
  CHECK(movement["status"] == "compared");
  CHECK(movement["from_run"]["id"] == 2);
  CHECK(movement["new_to_repeat"] == 1);
  CHECK(movement["repeat_to_loyal"] == 0);
  CHECK(movement["loyal_to_dormant"] == 1);
  CHECK(movement["moves"].size() == 3);
  CHECK(json["repeat_purchase"] ==
        nlohmann::json{{"customers", 4}, {"repeat_customers", 2}, {"repeat_rate", 0.5}});
  CHECK(json["revenue_by_month"][0] == nlohmann::json{{"month", "2026-01"},
                                                      {"orders", 2},
                                                      {"revenue", "3000"},
                                                      {"first_orders", 1},
                                                      {"first_revenue", "1000"},
                                                      {"repeat_orders", 1},
                                                      {"repeat_revenue", "2000"}});
  const auto& march = json["cohorts"][2];
  CHECK(march["month"] == "2026-03");
  CHECK(march["average_spend"] == "1500");
  CHECK(march["ordered_again"][2] ==
        nlohmann::json{{"days", 90}, {"customers", nullptr}, {"rate", nullptr}});
  CHECK(json["cohorts"][1]["retention"] == nlohmann::json{2, 0, 1, 0, 0});
  const auto& loyal = json["campaigns"][1];
  CHECK(loyal["name"] == "loyal-thanks");
  CHECK(loyal["order_rate"] == 0.5);
  CHECK(loyal["coupons"] ==
        nlohmann::json{{"sent", 3}, {"redeemed", 2}, {"orders", 2}, {"revenue", "4500"}});
  CHECK(json["campaigns"][0]["coupons"].is_null());
}

TEST_CASE("cli: report --json says why there is no movement", "[cli]") {
  ExampleWorkspace workspace;
  auto json =
      nlohmann::json::parse(workspace.run({"report", "--as-of", "2026-02-01", "--json"}).out);
  CHECK(json["segments"].is_null());
  CHECK(json["movement"] == nlohmann::json{{"status", "no_runs"}, {"since", nullptr}});
  json = nlohmann::json::parse(
      workspace.run({"report", "--as-of", "2026-06-01", "--since", "2026-02-01", "--json"}).out);
  CHECK(json["movement"] ==
        nlohmann::json{{"status", "no_run_at_since"}, {"since", "2026-02-01T00:00:00+09:00"}});
}

TEST_CASE("cli: report without any stored run says so in the movement section", "[cli]") {
  ExampleWorkspace workspace;
  auto result = workspace.run({"report", "--as-of", "2026-03-01"});
  CHECK_THAT(
      result.out,
      Contains("Movement\n  Only one segment run so far; run `tsuikyaku segments --save` again "
               "later to see who moved.\n"));
  result = workspace.run({"report", "--as-of", "2026-02-01"});
  CHECK_THAT(
      result.out,
      Contains("Segments\n  No segment run stored at or before 2026-02-01 "
               "00:00; `tsuikyaku segments --save` (or a daily `tsuikyaku send`) stores one.\n"));
  CHECK_THAT(result.out,
             Contains("Movement\n  No segment run stored yet, so nothing to compare.\n"));
  result = workspace.run({"report", "--as-of", "2026-06-01", "--since", "2026-02-01"});
  CHECK_THAT(
      result.out,
      Contains("Movement\n  No segment run stored at or before --since 2026-02-01 00:00.\n"));
}

TEST_CASE("cli: report of an empty shop says there is nothing yet", "[cli]") {
  testing::TempDir dir;
  testing::write_example_config(dir.path(), "Kaede Tea");
  const auto result = testing::run_cli(dir.path(), {"report"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("Orders\n  No counted order at or before the as-of moment.\n"));
  CHECK_THAT(result.out, Contains("  No message sent yet.\n"));
}

TEST_CASE("cli: report rejects a bad --as-of or --since with exit 64", "[cli]") {
  ExampleWorkspace workspace;
  auto result = workspace.run({"report", "--as-of", "June 1"});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: --as-of: expected a date and time like 2026-11-20, "
                    "\"2026-11-20 10:00\", 2026-11-20T10:00:00+09:00 or "
                    "\"2026/11/20 10:00\", not 'June 1'\n"));
  result = workspace.run({"report", "--as-of", "2026-06-01", "--since", "2026-06-01"});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err, Equals("tsuikyaku: error: --since: 2026-06-01 is not before the "
                                "report's as-of moment\n"));
}

TEST_CASE("cli: report --html writes one file and says where", "[cli]") {
  ExampleWorkspace workspace;
  testing::CliRun run;
  run.env = {{"LANG", "ja_JP.UTF-8"}};
  const auto result = workspace.run({"report", "--as-of", "2026-06-01", "--html", "r.html"}, run);
  CHECK(result.exit_code == 0);
  // Under a Japanese locale the whole UI is Japanese (docs/i18n.md), the page too.
  CHECK_THAT(result.out, Equals("HTML レポートを r.html に書き出しました\n"));
  run.env.clear();
  CHECK_THAT(workspace.run({"report", "--as-of", "2026-06-01", "--html", "r.html"}, run).out,
             Equals("HTML report written to r.html\n"));
  run.env = {{"LANG", "ja_JP.UTF-8"}};
  REQUIRE(workspace.run({"report", "--as-of", "2026-06-01", "--html", "r.html"}, run).exit_code ==
          0);
  const std::string html = testing::read_file(workspace.dir / "r.html");
  CHECK_THAT(html, Contains("<html lang=\"ja\">"));
  CHECK_THAT(html, Contains("<h1>かえで茶舗 &lt;Kaede &amp; Co&gt;</h1>"));
  CHECK_THAT(html, Contains("<td>loyal-thanks</td><td>3</td>"));
  CHECK_THAT(html, Contains("4,500円"));
  CHECK_FALSE(std::filesystem::exists(workspace.dir / "r.html.tmp"));

  const auto unwritable =
      workspace.run({"report", "--as-of", "2026-06-01", "--html", "missing/r.html"});
  CHECK(unwritable.exit_code == 66);
  CHECK_THAT(unwritable.err,
             Equals("tsuikyaku: error: cannot write missing/r.html: No such file or "
                    "directory\n"));
}

TEST_CASE("cli: report --help names its flags", "[cli]") {
  testing::TempDir dir;
  const auto result = testing::run_cli(dir.path(), {"report", "--help"});
  CHECK(result.exit_code == 0);
  for (const char* flag : {"--as-of", "--since", "--json", "--html"}) {
    CHECK_THAT(result.out, Contains(flag));
  }
}

TEST_CASE("cli: the HTML report shows commands as code, not as Markdown", "[cli]") {
  testing::TempDir dir;
  REQUIRE(testing::run_cli(dir.path(), {"init", "shop", "--lang", "en", "-q"}).exit_code == 0);
  REQUIRE(testing::run_cli(dir / "shop", {"import", "example-orders.csv"}).exit_code == 0);
  const auto result = testing::run_cli(dir / "shop", {"report", "--html", "r.html"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Equals("HTML report written to r.html\n"));
  const std::string html = testing::read_file(dir / "shop/r.html");
  CHECK_THAT(html, Contains("<code>tsuikyaku segments --save</code>"));
  CHECK(html.find('`') == std::string::npos);
}
