#include "tsuikyaku/campaign/template.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

#include "tsuikyaku/campaign/validation.hpp"

using namespace tsuikyaku;
using campaign::TagType;

TEST_CASE("template: tags are found at their line and column in code points", "[campaign]") {
  const campaign::TemplateScan scan = campaign::scan_template(
      "様 {{customer.name}}\n{{#coupon.code}}{{ coupon.code }}{{/coupon.code}}{{! note }}",
      {"templates/a.md", 1, 1});
  CHECK(scan.errors.empty());
  REQUIRE(scan.tags.size() == 4);
  CHECK(scan.tags[0].name == "customer.name");
  CHECK(scan.tags[0].type == TagType::variable);
  CHECK(scan.tags[0].where.line == 1);
  CHECK(scan.tags[0].where.column == 3);
  CHECK(scan.tags[1].type == TagType::section);
  CHECK(scan.tags[1].where.line == 2);
  CHECK(scan.tags[1].where.column == 1);
  CHECK(scan.tags[2].name == "coupon.code");  // trimmed
  CHECK(scan.tags[3].type == TagType::close);
}

TEST_CASE("template: a subject's tags are placed where its value starts", "[campaign]") {
  const auto scan = campaign::scan_template("Hi {{customer.name}}", {"campaigns/c.yaml", 6, 10});
  REQUIRE(scan.tags.size() == 1);
  CHECK(scan.tags[0].where.line == 6);
  CHECK(scan.tags[0].where.column == 13);
}

TEST_CASE("template: unescaped output, partials, delimiters and bad sections are errors",
          "[campaign]") {
  const auto scan = campaign::scan_template(
      "{{{x}}} {{&y}} {{>footer}}\n{{=<% %>=}} {{/a}} {{#b}} {{ }} {{c", {"t.md", 1, 1});
  const std::vector<std::string> expected{
      "t.md:1:1: unescaped output is not allowed: write {{name}}, every variable is escaped",
      "t.md:1:9: unescaped output is not allowed: write {{name}}, every variable is escaped",
      "t.md:1:16: partials ({{>name}}) are not supported",
      "t.md:2:1: changing the delimiters ({{=<% %>=}}) is not supported",
      "t.md:2:13: {{/a}} closes nothing: no section is open",
      "t.md:2:27: expected a variable name like {{shop.name}}",
      "t.md:2:33: unclosed tag: expected }}",
      "t.md:2:20: section {{#b}} is never closed: expected {{/b}}",
  };
  CHECK(scan.errors == expected);
}

TEST_CASE("template: the known variables include the shop's, the order's and the coupon's",
          "[campaign]") {
  const auto known = campaign::known_variables();
  for (const char* name :
       {"shop.name", "customer.name", "order.total", "coupon.code", "unsubscribe_url"}) {
    CHECK(std::find(known.begin(), known.end(), name) != known.end());
  }
}

TEST_CASE("template: a template no campaign uses is checked for tags and variables", "[campaign]") {
  CHECK(campaign::check_template("Hi {{shop.name}}\n", "templates/en/extra.md").empty());
  CHECK(campaign::check_template("Hi {{shop.nam}}\n", "templates/en/extra.md") ==
        std::vector<std::string>{
            "templates/en/extra.md:1:4: unknown variable 'shop.nam'; did you mean 'shop.name'?"});
}

TEST_CASE("template: the fields of a product inside its section, and only there", "[campaign]") {
  const std::string file = "templates/en/extra.md";
  CHECK(campaign::check_template("{{#order.items}}{{name}} × {{quantity}}: {{line_total}}"
                                 "{{#care}}{{care}}{{/care}}{{shop.name}}{{/order.items}}\n",
                                 file)
            .empty());
  CHECK(
      campaign::check_template("{{#customer.favourite}}{{name}} ({{orders}}){{/customer.favourite}}"
                               "{{^customer.favourite}}-{{/customer.favourite}}\n",
                               file)
          .empty());
  const auto outside =
      campaign::check_template("{{#order.items}}{{name}}{{/order.items}} {{quantity}}\n", file);
  REQUIRE(outside.size() == 1);
  CHECK(outside.front().starts_with(
      "templates/en/extra.md:1:42: unknown variable 'quantity'; expected one of: shop.name,"));
  CHECK(
      campaign::check_template("{{#customer.favourite}}{{quantity}}{{/customer.favourite}}\n", file)
          .size() == 1);
  CHECK(campaign::check_template("Items: {{order.items}}\n", file) ==
        std::vector<std::string>{
            "templates/en/extra.md:1:8: order.items is not text: write "
            "{{#order.items}}…{{/order.items}} with its fields inside, like {{name}}"});
}
