#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "report_shop.hpp"
#include "support.hpp"

using namespace tsuikyaku;

namespace {

int shell(const std::string& command) {
  INFO(command);
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

// One test, because Chromium takes seconds to start: the page a shop owner opens must
// draw, and its structure is checked by a parser rather than by eye
// (tests/integration/report/check_html.py).
TEST_CASE("report: the HTML report renders in headless Chromium and is well-formed", "[report]") {
  testing::TempDir dir;
  testing::write_example_config(dir.path(), "かえで茶舗 <Kaede & Co>");
  {
    auto db = store::Database::open(dir / "tsuikyaku.db");
    testing::ReportShop shop(db, *core::TimeZone::find("Asia/Tokyo"));
    testing::fill_example_shop(shop);
  }
  testing::CliRun run;
  run.args = {"report", "--as-of", "2026-06-01", "--html", "report.html"};
  run.env = {{"LANG", "ja_JP.UTF-8"}};
  REQUIRE(testing::run_cli(dir.path(), run).exit_code == 0);

  const std::string html = (dir / "report.html").string();
  const std::string png = (dir / "report.png").string();
  const std::string profile = (dir / "chromium-profile").string();
  REQUIRE(shell("chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync "
                "--user-data-dir='" +
                profile + "' --screenshot='" + png + "' --window-size=1200,1600 'file://" + html +
                "' >/dev/null 2>&1") == 0);
  const std::string checker =
      (testing::source_dir() / "tests/integration/report/check_html.py").string();
  CHECK(shell("/usr/bin/python3 '" + checker + "' '" + html + "' '" + png + "'") == 0);
}
