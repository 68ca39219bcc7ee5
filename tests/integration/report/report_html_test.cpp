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
TEST_CASE("report: the HTML report renders in headless Chromium, well-formed and in Japanese",
          "[report]") {
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
  const std::string page = testing::read_file(dir / "report.html");
  CHECK_THAT(page, Catch::Matchers::Contains("<html lang=\"ja\">"));
  CHECK_THAT(page, Catch::Matchers::Contains("<h2>月別売上</h2>"));
  CHECK_THAT(page,
             Catch::Matchers::Contains(
                 "<p class=\"note\">2026年6月1日(月) 00:00 時点のレポート（Asia/Tokyo）</p>"));
  const auto screenshot = [&](const std::string& png, const std::string& env) {
    const std::string profile = (dir / ("profile-" + png)).string();
    return shell(env +
                 " chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                 "--disable-background-networking --disable-component-update --disable-sync "
                 "--user-data-dir='" +
                 profile + "' --screenshot='" + (dir / png).string() +
                 "' --window-size=1200,1600 'file://" + html + "' >/dev/null 2>&1");
  };
  REQUIRE(screenshot("report.png", "") == 0);
  const std::string checker =
      (testing::source_dir() / "tests/integration/report/check_html.py").string();
  CHECK(shell("/usr/bin/python3 '" + checker + "' '" + html + "' '" +
              (dir / "report.png").string() + "'") == 0);
  // Japanese text, not tofu: the same page with the CJK fonts (fonts-noto-cjk) rejected
  // draws its Japanese heading otherwise.
  testing::write_file(
      dir / "fonts.conf",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
      "<fontconfig>\n<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n"
      "<selectfont><rejectfont><glob>/usr/share/fonts/opentype/noto/*CJK*</glob>"
      "</rejectfont></selectfont>\n</fontconfig>\n");
  REQUIRE(screenshot("tofu.png", "FONTCONFIG_FILE='" + (dir / "fonts.conf").string() + "'") == 0);
  CHECK(shell("/usr/bin/python3 '" + checker + "' --glyphs '" + (dir / "report.png").string() +
              "' '" + (dir / "tofu.png").string() + "'") == 0);
}
