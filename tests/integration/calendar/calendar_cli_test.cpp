#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support.hpp"

// `tsuikyaku calendar` through the command line (docs/calendar.md): the holidays of
// holiday_jp's data for 1970–2009 exactly, the text table word for word, and its errors.

using namespace tsuikyaku;
using namespace tsuikyaku::testing;
using nlohmann::json;

TEST_CASE("calendar: --json gives holiday_jp's 1970–2009 exactly, dates and names", "[calendar]") {
  const auto file = shared_data_dir() / "holidays-jp" / "holidays-1970-2009.tsv";
  if (!std::filesystem::exists(file)) {
    WARN("skipped: " << file.string() << " not found (set TSUIKYAKU_SHARED_DATA)");
    return;
  }
  json expected = json::array();
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);  // date<TAB>name
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    expected.push_back(
        {{"date", line.substr(0, tab)}, {"name", line.substr(tab + 1)}, {"kind", "holiday"}});
  }
  REQUIRE(expected.size() == 601);
  const TempDir dir;
  const CliResult result =
      run_cli(dir.path(), {"calendar", "--from", "1970-01-01", "--to", "2009-12-31", "--json"});
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  const json days = json::parse(result.out).at("days");
  for (std::size_t i = 0; i < std::max(days.size(), expected.size()); ++i) {
    INFO("row " << i);
    REQUIRE(i < days.size());
    REQUIRE(i < expected.size());
    CHECK(days[i] == expected[i]);
  }
}

TEST_CASE("calendar: this year's holidays in Japan by default, as a table", "[calendar]") {
  const TempDir dir;
  const CliResult result =
      run_cli(dir.path(), {"calendar", "--from", "2026-04-29", "--to", "2026-05-31"});
  CHECK(result.exit_code == 0);
  CHECK(result.out ==
        "date        day  name\n"
        "2026-04-29  Wed  昭和の日\n"
        "2026-05-03  Sun  憲法記念日\n"
        "2026-05-04  Mon  みどりの日\n"
        "2026-05-05  Tue  こどもの日\n"
        "2026-05-06  Wed  こどもの日 振替休日\n"
        "5 holidays from 2026-04-29 to 2026-05-31\n");
  // Without flags: the year of run_cli's clock (2026-11-18 in Tokyo).
  const CliResult year = run_cli(dir.path(), {"calendar", "-q"});
  CHECK(year.exit_code == 0);
  CHECK(year.out.starts_with("date        day  name\n2026-01-01  Thu  元日\n"));
  CHECK(year.out.ends_with("2026-11-23  Mon  勤労感謝の日\n"));
}

TEST_CASE("calendar: a bad date or a year outside the rules is a usage error", "[calendar]") {
  const TempDir dir;
  const CliResult bad = run_cli(dir.path(), {"calendar", "--from", "2026-02-30"});
  CHECK(bad.exit_code == 64);
  CHECK(bad.err ==
        "tsuikyaku: error: --from 2026-02-30: not a date; write it as YYYY-MM-DD, e.g. "
        "2026-05-03\n");
  const CliResult early = run_cli(dir.path(), {"calendar", "--to", "1960-01-01"});
  CHECK(early.exit_code == 64);
  CHECK(early.err ==
        "tsuikyaku: error: --to 1960-01-01: the holidays are known for 1970 to "
        "2099 only\n");
  const CliResult backwards =
      run_cli(dir.path(), {"calendar", "--from", "2026-05-01", "--to", "2026-04-01"});
  CHECK(backwards.exit_code == 64);
  CHECK(backwards.err == "tsuikyaku: error: --to 2026-04-01 is before --from 2026-05-01\n");
}
