#include <catch2/catch.hpp>

#include "planning/planning_fixture.hpp"

// The shop's days through the command line (docs/calendar.md "The shop's days"):
// `shop.closed` in `calendar`, its config errors, `delay: 3bd` and `send.skip` in a real
// workspace with the real SQLite file and the outbox.

using namespace tsuikyaku;
using namespace tsuikyaku::testing;

namespace {

// The planning shop's tsuikyaku.yaml with lines added to its `shop:` block.
void add_to_shop(PlanningShop& shop, const std::string& lines) {
  const auto file = shop.path() / "tsuikyaku.yaml";
  std::string text = read_file(file);
  const std::string after = "  currency: JPY\n";
  text.insert(text.find(after) + after.size(), lines);
  write_file(file, text);
}

}  // namespace

TEST_CASE("calendar: in a workspace, the shop's closed days beside the holidays", "[calendar]") {
  PlanningShop shop("");
  add_to_shop(shop, "  closed: [12-29..01-03, sunday]\n");
  const CliResult result =
      run_in(shop, {"calendar", "--from", "2026-12-26", "--to", "2027-01-05"}, tokyo(11, 18, 10));
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  CHECK(result.out ==
        "date        day  name\n"
        "2026-12-27  Sun  closed: sunday\n"
        "2026-12-29  Tue  closed: 12-29..01-03\n"
        "2026-12-30  Wed  closed: 12-29..01-03\n"
        "2026-12-31  Thu  closed: 12-29..01-03\n"
        "2027-01-01  Fri  元日\n"
        "2027-01-01  Fri  closed: 12-29..01-03\n"
        "2027-01-02  Sat  closed: 12-29..01-03\n"
        "2027-01-03  Sun  closed: sunday\n"
        "1 holiday and 7 closed days from 2026-12-26 to 2027-01-05\n");
  const CliResult json =
      run_in(shop, {"calendar", "--from", "2027-01-01", "--to", "2027-01-01", "--json"},
             tokyo(11, 18, 10));
  CHECK(json.out ==
        "{\n  \"days\": [\n"
        "    {\n      \"date\": \"2027-01-01\",\n      \"name\": \"元日\",\n      \"kind\": "
        "\"holiday\"\n    },\n"
        "    {\n      \"date\": \"2027-01-01\",\n      \"name\": \"12-29..01-03\",\n      "
        "\"kind\": \"closed\"\n    }\n  ]\n}\n");
}

TEST_CASE("calendar: a shop that keeps no holidays lists only its closed days", "[calendar]") {
  PlanningShop shop("");
  add_to_shop(shop, "  holidays: none\n  closed: [2026-05-04]\n");
  const CliResult result =
      run_in(shop, {"calendar", "--from", "2026-05-01", "--to", "2026-05-07"}, tokyo(11, 18, 10));
  CHECK(result.out ==
        "date        day  name\n"
        "2026-05-04  Mon  closed: 2026-05-04\n"
        "0 holidays and 1 closed day from 2026-05-01 to 2026-05-07\n");
}

TEST_CASE("config: shop.closed, shop.holidays and send.skip errors name line and column",
          "[config]") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"  closed: [2026-12-32]\n",
       "tsuikyaku.yaml:6:12: closed: '2026-12-32': expected a date (2026-08-13), a span of dates "
       "(2026-12-29..2027-01-03), a span every year (12-29..01-03) or a weekday (sunday)"},
      {"  closed: [2027-01-03..2026-12-29]\n",
       "tsuikyaku.yaml:6:12: closed: '2027-01-03..2026-12-29': expected a date (2026-08-13), a "
       "span of dates (2026-12-29..2027-01-03), a span every year (12-29..01-03) or a weekday "
       "(sunday)"},
      {"  closed: sunday\n",
       "tsuikyaku.yaml:6:11: closed: expected a list like [2026-12-29..2027-01-03, sunday]"},
      {"  closed: [sunday, monday, tuesday, wednesday, thursday, friday, saturday]\n",
       "tsuikyaku.yaml:6:11: closed: every weekday is closed: a shop needs at least one open day"},
      {"  closed: [01-02..01-01]\n",
       "tsuikyaku.yaml:6:11: closed: the shop would be closed for more than 366 days in a row; "
       "a closure is at most 366 days"},
      {"  closed: [2026-01-01..2026-12-31, 2027-01-01..2027-06-30]\n",
       "tsuikyaku.yaml:6:11: closed: the shop would be closed for more than 366 days in a row; "
       "a closure is at most 366 days"},
      {"  holidays: jp\n",
       "tsuikyaku.yaml:6:13: holidays: expected japan (Japan's national holidays) or none"},
  };
  for (const auto& [lines, message] : cases) {
    PlanningShop shop("");
    add_to_shop(shop, lines);
    const CliResult result = run_in(shop, {"campaigns", "check"}, tokyo(11, 18, 10));
    INFO(lines);
    CHECK(result.exit_code == 78);
    CHECK(result.err == "tsuikyaku: error: " + message + "\n");
  }
  PlanningShop shop("send:\n  skip: [holidays]\n");
  add_to_shop(shop, "  holidays: none\n");
  const CliResult result = run_in(shop, {"campaigns", "check"}, tokyo(11, 18, 10));
  CHECK(result.exit_code == 78);
  CHECK(result.err ==
        "tsuikyaku: error: tsuikyaku.yaml:10:10: skip: holidays: the shop keeps no national "
        "holidays (shop.holidays is none, or its timezone is not Asia/Tokyo); set "
        "shop.holidays: japan\n");
}

TEST_CASE("send: a delay in business days waits out the shop's closure", "[send][calendar]") {
  PlanningShop shop("");
  add_to_shop(shop, "  closed: [12-29..01-03]\n");
  shop.campaign("reply",
                "kind: transactional\nlang: en\ntrigger: { event: ordered, delay: 2bd }\n"
                "subject: \"About your order\"\n");
  shop.order({"1001", shop.customer("C-1", "c1@example.jp"), tokyo(12, 28, 10)});
  const CliResult campaigns = run_in(shop, {"campaigns"}, tokyo(12, 28, 11));
  CHECK_THAT(campaigns.out, Catch::Contains("ordered +2bd"));
  // 29 December to 3 January closed: Monday 4 January (1), Tuesday 5 (2) at 10:00.
  const CliResult early = run_in(shop, {"send"}, tokyo(1, 5, 9, 59, 2027));
  CHECK(early.exit_code == 0);
  CHECK(early.out == "reply:  0 queued, 0 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n");
  const CliResult due = run_in(shop, {"send"}, tokyo(1, 5, 10, 0, 2027));
  CHECK(due.exit_code == 0);
  CHECK(due.out == "reply:  1 queued, 1 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n");
}

TEST_CASE("send: on a day of send.skip marketing waits, transactional mail goes",
          "[send][calendar]") {
  PlanningShop shop("send:\n  skip: [holidays, closed]\n");
  add_to_shop(shop, "  closed: [12-29..01-03]\n");
  shop.campaign("thank-you", k_thank_you_yaml);
  shop.campaign("news",
                "kind: marketing\nlang: en\ntrigger: { event: ordered, delay: 0h }\n"
                "subject: \"News from Kaede Tea\"\n");
  shop.order({"1001", shop.customer("C-1", "c1@example.jp"), tokyo(1, 1, 9, 0, 2027)});
  const CliResult closed = run_in(shop, {"send"}, tokyo(1, 1, 10, 0, 2027));
  CHECK(closed.exit_code == 0);
  CHECK(closed.out ==
        "news:       0 queued, 0 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n"
        "thank-you:  1 queued, 1 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n");
  CHECK(closed.err == "a day of send.skip: marketing mail waits until 2027-01-04T00:00:00+09:00\n");
  // On the first open day it goes, though 1 January + 3 days of expiry have passed.
  const CliResult open = run_in(shop, {"send"}, tokyo(1, 4, 10, 0, 2027));
  CHECK(open.exit_code == 0);
  CHECK(open.out ==
        "news:       1 queued, 1 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n"
        "thank-you:  0 queued, 0 sent, 0 deferred, 0 failed, 0 skipped, 0 unknown\n");
  CHECK(open.err.empty());
}
