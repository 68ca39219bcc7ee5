#include "tsuikyaku/report/render.hpp"

#include <catch2/catch.hpp>

#include "unit/ui_language.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Contains;

namespace {

report::ShopView shop(std::string name = "Kaede Tea") {
  return {std::move(name), core::find_currency("JPY"), core::TimeZone::utc()};
}

// One segment run with a Japanese segment name, one month of orders, one campaign.
report::Report small_report() {
  report::Report result;
  result.as_of = core::from_unix(1'780'000'000);  // 2026-05-28 UTC
  result.segments = report::summarize_segments({1, result.as_of, "percentile", {"常連", "new"}},
                                               {{"常連", 3, 9, 30000}, {"new", 1, 1, 500}});
  result.orders = report::summarize_orders({{1, result.as_of - std::chrono::days{2}, 1000},
                                            {1, result.as_of - std::chrono::days{1}, 500}},
                                           core::TimeZone::utc(), result.as_of);
  result.campaigns.push_back({"<b>spring</b>", 10, 8, 2, 3, 4500, 0, 0, 0, 0});
  return result;
}

}  // namespace

TEST_CASE("report: terminal tables line up Japanese names by display width", "[report]") {
  const std::string text = report::render_text(small_report(), shop(), false);
  CHECK_THAT(text,
             Contains("  segment  customers  share  orders  revenue\n"
                      "  常連             3  75.0%       9  ¥30,000  ███████████████████████▋\n"
                      "  new              1  25.0%       1     ¥500  ▍\n"));
  CHECK(text.find("\x1b[") == std::string::npos);
}

TEST_CASE("report: colour only paints headings and bars when asked", "[report]") {
  const std::string text = report::render_text(small_report(), shop(), true);
  CHECK_THAT(text, Contains("\x1b[1mRepeat purchases\x1b[0m\n"));
  CHECK_THAT(text, Contains("\x1b[36m▍\x1b[0m"));
}

TEST_CASE("report: bars are drawn in eighths of a cell", "[report]") {
  report::Report result = small_report();
  result.segments = report::summarize_segments({1, result.as_of, "percentile", {"a", "b"}},
                                               {{"a", 1, 1, 9}, {"b", 9, 1, 1}});
  const std::string text = report::render_text(result, shop(), false);
  // The bar stands beside the revenue and follows it, not the share of customers: 90% of
  // 24 cells is 172.8 eighths, 10% is 19.2: 21 cells and 5/8, 2 cells and 3/8.
  CHECK_THAT(text,
             Contains("  a                1  10.0%       1       ¥9  █████████████████████▋\n"));
  CHECK_THAT(text, Contains("  b                9  90.0%       1       ¥1  ██▍\n"));
}

TEST_CASE("report: the HTML page escapes every text from the data", "[report]") {
  const std::string html = report::render_html(small_report(), shop("Tea & <Cake> \"Shop\""));
  CHECK_THAT(html, Contains("<h1>Tea &amp; &lt;Cake&gt; &quot;Shop&quot;</h1>"));
  CHECK_THAT(html, Contains("<td>&lt;b&gt;spring&lt;/b&gt;</td>"));
  CHECK(html.find("<b>spring") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
}

TEST_CASE("report: the HTML page has one chart per figure and words in its language", "[report]") {
  const auto svgs = [](const std::string& html) {
    std::size_t n = 0;
    for (auto at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) ++n;
    return n;
  };
  const std::string en = report::render_html(small_report(), shop());
  CHECK(svgs(en) == 3);  // segments, revenue by month, retention
  CHECK_THAT(en, Contains("<html lang=\"en\">"));
  CHECK_THAT(en, Contains("<h2>Revenue by month</h2>"));
  CHECK_THAT(en, Contains("<p class=\"note\">Report as of 2026-05-28 20:26 (Etc/UTC)</p>"));
  CHECK_THAT(en, Contains("<td>2026-05</td>"));
  CHECK_THAT(en, Contains("<b>¥1,500</b>"));
  const testing::UiLanguage japanese("ja");
  const std::string ja = report::render_html(small_report(), shop());
  CHECK_THAT(ja, Contains("<html lang=\"ja\">"));
  CHECK_THAT(ja, Contains("<h2>月別売上</h2>"));
  CHECK_THAT(ja, Contains("1 人中 1 人（100.0%）が 2 回以上購入しています。"));
  CHECK_THAT(
      ja, Contains("<title>Kaede Tea — 2026年5月28日(木) 20:26 時点のレポート（Etc/UTC）</title>"));
  CHECK_THAT(ja, Contains("<td>2026年5月</td>"));
  CHECK_THAT(ja, Contains("<b>1,500円</b>"));
}

TEST_CASE("report: the terminal report in Japanese", "[report]") {
  const testing::UiLanguage japanese("ja");
  const std::string text = report::render_text(small_report(), shop(), false);
  CHECK_THAT(text, Contains("Kaede Tea — 2026年5月28日(木) 20:26 時点のレポート（Etc/UTC）\n"));
  CHECK_THAT(text, Contains("セグメント  （2026年5月28日(木) 20:26 時点の計算 #1、percentile）\n"));
  CHECK_THAT(text, Contains("  顧客 1 人のうち 1 人（100.0%）が 2 回以上購入しています。\n"));
  CHECK_THAT(text, Contains("  2026年5月 "));
  CHECK_THAT(text, Contains("1,500円"));
  CHECK_THAT(text, Contains("キャンペーン  （メール送信後 14 日以内の受信者の注文）\n"));
}

TEST_CASE("report: terminal tables that show only the newest rows say so", "[report]") {
  report::Report result = small_report();
  // One first-time buyer a month for 14 months: 14 cohorts, more than the terminal shows.
  std::vector<report::OrderFact> orders;
  for (std::int64_t month = 0; month < 14; ++month) {
    orders.push_back({month + 1, result.as_of - std::chrono::days{30 * (14 - month)}, 1000});
  }
  result.orders = report::summarize_orders(orders, core::TimeZone::utc(), result.as_of);
  REQUIRE(result.orders.cohorts.size() > report::k_text_cohorts);
  const std::string text = report::render_text(result, shop(), false);
  std::size_t notes = 0;
  for (auto at = text.find("(the last 12 cohorts; --json or --html for all)");
       at != std::string::npos; at = text.find("(the last 12 cohorts", at + 1)) {
    ++notes;
  }
  CHECK(notes == 3);  // repeat purchases, retention, spend by cohort
  CHECK(text.find("(the last 24 months") == std::string::npos);  // all 15 months shown
  CHECK(report::render_text(small_report(), shop(), false).find("(the last") == std::string::npos);
}
