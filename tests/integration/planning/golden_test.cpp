#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "planning/planning_fixture.hpp"

// Every shipped campaign as `tsuikyaku preview … --format eml` prints it, byte for byte
// (SPEC §7), at a fixed clock: the Message-ID is made from the order's (or customer's) row
// id, so the files are stable. The order has lines with products.yaml's care text and
// review link and hostile names; the thank-you, check-in and review request that list them
// are also read by Python's email package (check_eml.py): no defect, no header of theirs. To
// regenerate after an intended change, and review the difference:
//   TSUIKYAKU_UPDATE_GOLDEN=1 build/tests/tsuikyaku_integration_tests '[golden]'
//   git diff tests/data/golden/

using namespace tsuikyaku;

namespace {

const char* const k_campaigns[] = {"check-in", "loyal-thanks", "review-request",
                                   "shipping", "thank-you",    "winback"};

// Product names built to break things: HTML, Markdown, 300 characters and an emoji, a
// CR LF that would start a header.
const std::string k_script = "<script>alert(\"x\")</script> [win](https://evil.example) **x**";
const std::string k_crlf = "Matcha\r\nBcc: victim@example.com";

std::string long_name() {
  std::string name;
  const std::string phrase = "山田花子と申します、いつもお世話になっております。";  // 25 characters
  for (int i = 0; i < 12; ++i) name += phrase;                                      // 300
  return name + " 🍵";
}

// The order's lines, products.yaml and a care file: a product with care text and a review
// link, the hostile names, and gift wrapping that follow-up mail leaves out.
void add_products(testing::PlanningShop& shop, std::int64_t order, bool ja) {
  const auto line = [&](int no, const std::string& sku, const std::string& name, int quantity,
                        const std::string& price) {
    shop.exec(
        fmt::format("INSERT INTO order_lines (order_id, line_no, sku, description, "
                    "quantity, unit_price) VALUES ({}, {}, '{}', '{}', {}, '{}')",
                    order, no, sku, name, quantity, price));
  };
  line(1, "TEA-SEN-100", ja ? "上煎茶 100g" : "Sencha 100g", 2, ja ? "1200" : "6.50");
  line(2, "EVIL-1", k_script, 1, ja ? "500" : "5");
  line(3, "LONG-1", long_name(), 1, ja ? "100" : "1.25");
  line(4, "CRLF-1", k_crlf, 1, ja ? "300" : "3");
  line(5, "WRAP-GIFT", ja ? "ギフト包装" : "Gift wrapping", 1, ja ? "300" : "3");
  testing::write_file(shop.path() / "products.yaml",
                      "products:\n"
                      "  - sku: TEA-SEN-*\n"
                      "    category: green-tea\n"
                      "    care: care/sencha.md\n"
                      "    review_url: https://kaede.example/sencha#reviews\n"
                      "  - sku: WRAP-*\n"
                      "    no_followup: true\n");
  testing::write_file(shop.path() / "care/sencha.md",
                      ja ? "- 開封後は光と湿気を避けて保存してください。\n"
                           "- お湯は**70〜80℃ほど**がおすすめです。\n"
                         : "- After opening, keep it away from light and moisture.\n"
                           "- Brewed at **70–80 °C** it tastes sweeter.\n");
}

// What Python's email package must find in each message with the products (check_eml.py).
// The check-in shows the products that have a care text; the others every product.
nlohmann::json expectations(const std::filesystem::path& eml, bool ja, const std::string& name) {
  std::vector<std::string> text{long_name(), "Matcha  Bcc: victim@example.com"};
  std::vector<std::string> html{
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; [win]"
      "(https://evil.example) **x**"};
  if (name == "check-in") {
    text = {ja ? "上煎茶 100gのおすすめの使い方" : "Getting the most from your Sencha 100g",
            ja ? "- 開封後は光と湿気を避けて保存してください。"
               : "- After opening, keep it away from light and moisture."};
    html = {ja ? "<strong>70〜80℃ほど</strong>" : "<strong>70–80 °C</strong>"};
  }
  if (name == "review-request") {
    html.push_back(
        "href=\"https://kaede.example/sencha?utm_source=tsuikyaku&amp;utm_medium="
        "email&amp;utm_campaign=review-request#reviews\"");
  }
  return {{"eml", eml.string()},
          {"name", ja ? "山田 花子" : "Emma Clarke"},
          {"address", ja ? "hanako@example.jp" : "emma@example.co.uk"},
          {"html_must", html},
          {"html_must_not",
           {"<script", "href=\"https://evil.example", "<strong>x</strong>",
            ja ? "ギフト包装" : "Gift wrapping"}},
          {"text_must", text},
          {"headers_only",
           {"Date", "From", "To", "Reply-To", "Subject", "Message-ID", "MIME-Version",
            "List-Unsubscribe", "List-Unsubscribe-Post", "X-Tsuikyaku-Campaign", "Content-Type"}}};
}

}  // namespace

TEST_CASE("preview: every shipped campaign prints exactly its golden .eml", "[planning][golden]") {
  const bool update = std::getenv("TSUIKYAKU_UPDATE_GOLDEN") != nullptr;
  testing::TempDir dir;
  std::string command =
      "/usr/bin/python3 '" + (testing::source_dir() / "tests/data/check_eml.py").string() + "'";
  int checked = 0;
  for (const std::string lang : {"ja", "en"}) {
    const bool ja = lang == "ja";
    const auto zone = *core::TimeZone::find(ja ? "Asia/Tokyo" : "Europe/London");
    const auto at = [&](int day, int hour, int minute) {
      return zone.to_instant(*core::make_local(2026, 11, day, hour, minute));
    };
    auto shop = testing::PlanningShop::shipped(lang);
    const auto customer = shop.customer("C-1001", ja ? "hanako@example.jp" : "emma@example.co.uk",
                                        true, ja ? "山田 花子" : "Emma Clarke");
    testing::OrderSpec order{"1001", customer, at(1, 10, 15)};
    order.total = ja ? 4980 : 2450;
    order.currency = ja ? "JPY" : "GBP";
    order.shipped_at = at(2, 16, 15);
    order.delivered_at = at(4, 11, 15);
    order.tracking_number = "4912-3456-7890";
    order.carrier = ja ? "ヤマト運輸" : "Royal Mail";
    add_products(shop, shop.order(order), ja);

    for (const std::string name : k_campaigns) {
      const bool scheduled = name == "loyal-thanks" || name == "winback";
      const auto result = testing::run_in(shop,
                                          {"preview", name, scheduled ? "--customer" : "--order",
                                           scheduled ? "C-1001" : "1001", "--format", "eml"},
                                          at(18, 9, 0));
      const auto golden =
          testing::source_dir() / "tests/data/golden" / (lang + "-" + name + ".eml");
      INFO(golden.string() << "\n" << result.err);
      REQUIRE(result.exit_code == 0);
      CHECK(result.err.empty());
      if (update) testing::write_file(golden, result.out);
      REQUIRE(std::filesystem::exists(golden));
      CHECK(testing::read_file(golden) == result.out);
      if (name == "thank-you" || name == "check-in" || name == "review-request") {
        const auto json = dir / (lang + "-" + name + ".json");
        testing::write_file(json, expectations(golden, ja, name).dump());
        command += " '" + json.string() + "'";
        ++checked;
      }
    }
  }
  REQUIRE(checked == 6);
  CHECK(std::system(command.c_str()) == 0);
}
