#include <catch2/catch.hpp>

#include "planning/planning_fixture.hpp"

// The order's lines and the customer's favourite in a template ({{#order.items}},
// {{#customer.favourite}}), with what products.yaml says about each product, through
// `tsuikyaku preview` on a real workspace and database (docs/products.md).

using namespace tsuikyaku;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using testing::tokyo;

namespace {

// Kaede Tea with one thank-you campaign whose body shows every field of the products.
testing::PlanningShop tea_shop(const std::string& body) {
  testing::PlanningShop shop;
  shop.campaign("thank-you", testing::k_thank_you_yaml, body);
  testing::write_file(shop.path() / "products.yaml",
                      "products:\n"
                      "  - sku: TEA-SEN-GOLD\n"
                      "    category: gift\n"
                      "  - sku: TEA-SEN-*\n"
                      "    category: green-tea\n"
                      "    care: care/sencha.md\n"
                      "    review_url: https://kaede.example/sencha#reviews\n"
                      "  - sku: WRAP-*\n"
                      "    no_followup: true\n");
  testing::write_file(shop.path() / "care/sencha.md",
                      "Keep it **dry**:\n\n- 70 °C water\n- {{not a tag}}\n");
  return shop;
}

void line(testing::PlanningShop& shop, std::int64_t order, int line_no, const std::string& sku,
          const std::string& name, int quantity, const std::string& price) {
  shop.exec(
      "INSERT INTO order_lines (order_id, line_no, sku, description, quantity, unit_price) "
      "VALUES (" +
      std::to_string(order) + ", " + std::to_string(line_no) + ", " +
      (sku.empty() ? "NULL" : "'" + sku + "'") + ", '" + name + "', " + std::to_string(quantity) +
      ", '" + price + "')");
}

}  // namespace

TEST_CASE("preview: the order's lines with their prices, care text and review link",
          "[planning][products]") {
  auto shop = tea_shop(
      "{{#order.items}}\n"
      "- {{sku}}: {{name}} × {{quantity}} at {{unit_price}} = {{line_total}}"
      "{{#category}} [{{category}}]{{/category}}\n"
      "{{/order.items}}\n"
      "\n"
      "{{#order.items}}\n"
      "{{#care}}\n"
      "About {{name}}:\n"
      "\n"
      "{{care}}\n"
      "\n"
      "{{/care}}\n"
      "{{#review_url}}\n"
      "[Review {{name}}]({{review_url}})\n"
      "\n"
      "{{/review_url}}\n"
      "{{/order.items}}\n");
  const auto customer = shop.customer("C-1", "hanako@example.jp", true, "Hanako");
  const auto order = shop.order({"1001", customer, tokyo(11, 18, 10)});
  line(shop, order, 1, "TEA-SEN-100", "Sencha <100g>", 2, "1200.5");
  line(shop, order, 2, "WRAP-GIFT", "Gift wrapping", 1, "300");
  line(shop, order, 3, "", "Hojicha", 1, "980");
  line(shop, order, 4, "TEA-SEN-GOLD", "Gold sencha", 1, "3000");

  const auto result =
      testing::run_in(shop, {"preview", "thank-you", "--order", "1001", "-q"}, tokyo(11, 18, 12));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  // Unit price and line total each rounded half to even once (1200.5 -> 1200, 2401).
  CHECK_THAT(result.out, Equals("From: Kaede Tea <hello@kaede.example>\n"
                                "To: hanako@example.jp\n"
                                "Subject: Thank you, Hanako\n"
                                "\n"
                                "- TEA-SEN-100: Sencha <100g> × 2 at ¥1,200 = ¥2,401 [green-tea]\n"
                                "- Hojicha: Hojicha × 1 at ¥980 = ¥980\n"
                                "- TEA-SEN-GOLD: Gold sencha × 1 at ¥3,000 = ¥3,000 [gift]\n"
                                "\n"
                                "About Sencha <100g>:\n"
                                "\n"
                                "Keep it dry:\n"
                                "\n"
                                "- 70 °C water\n"
                                "- {{not a tag}}\n"
                                "\n"
                                "Review Sencha <100g> (https://kaede.example/sencha#reviews)\n"));
  const auto html =
      testing::run_in(shop, {"preview", "thank-you", "--order", "1001", "-q", "--format", "html"},
                      tokyo(11, 18, 12));
  CHECK_THAT(html.out, Contains("Keep it <strong>dry</strong>:</p>"));
  CHECK_THAT(html.out, Contains("Sencha &lt;100g&gt; × 2"));
  CHECK_THAT(html.out, !Contains("Gift wrapping"));
}

TEST_CASE("preview: the customer's favourite is the product of the most orders",
          "[planning][products]") {
  auto shop = tea_shop(
      "{{#customer.favourite}}\n"
      "Your favourite: {{name}} ({{sku}}, {{orders}} orders{{#category}}, {{category}}"
      "{{/category}}).\n"
      "{{/customer.favourite}}\n"
      "{{^customer.favourite}}\n"
      "No favourite yet.\n"
      "{{/customer.favourite}}\n");
  const auto customer = shop.customer("C-1", "hanako@example.jp", true, "Hanako");
  const auto first = shop.order({"1001", customer, tokyo(10, 1, 10)});
  line(shop, first, 1, "WRAP-GIFT", "Gift wrapping", 1, "300");
  line(shop, first, 2, "", "Hojicha", 1, "980");
  const auto second = shop.order({"1002", customer, tokyo(10, 20, 10)});
  line(shop, second, 1, "WRAP-GIFT", "Gift wrapping", 1, "300");
  line(shop, second, 2, "TEA-SEN-100", "Sencha", 1, "1200");
  testing::OrderSpec cancelled{"1003", customer, tokyo(11, 1, 10)};
  cancelled.status = "cancelled";
  line(shop, shop.order(cancelled), 1, "", "Hojicha", 1, "980");
  const auto latest = shop.order({"1004", customer, tokyo(11, 18, 10)});
  line(shop, latest, 1, "TEA-SEN-100", "Sencha 100g", 1, "1200");

  const auto preview = [&](const std::string& order, core::Instant now) {
    return testing::run_in(shop, {"preview", "thank-you", "--order", order, "-q"}, now).out;
  };
  // By 2 November hojicha and sencha are in one order each (gift wrapping never counts, nor
  // the cancelled order): of equals the one bought last.
  CHECK_THAT(preview("1002", tokyo(11, 2, 12)),
             Contains("\n\nYour favourite: Sencha (TEA-SEN-100, 1 orders, green-tea).\n"));
  CHECK_THAT(preview("1004", tokyo(11, 18, 12)),
             Contains("\n\nYour favourite: Sencha 100g (TEA-SEN-100, 2 orders, green-tea).\n"));
  const auto other = shop.customer("C-2", "taro@example.jp", true, "Taro");
  shop.order({"2001", other, tokyo(11, 18, 10)});  // an order without lines
  CHECK_THAT(preview("2001", tokyo(11, 18, 12)), Contains("\n\nNo favourite yet.\n"));
}
