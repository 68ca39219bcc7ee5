// products.yaml (docs/products.md): read with the config, every mistake named at its place
// through `campaigns check` with exit 78, and the entries as the lookup finds them.

#include "tsuikyaku/config/products.hpp"

#include <catch2/catch.hpp>

#include "support.hpp"
#include "tsuikyaku/core/error.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;

namespace {

struct Workspace {
  testing::TempDir dir;
  std::filesystem::path shop = dir / "shop";
  Workspace() {
    REQUIRE(testing::run_cli(dir.path(), {"init", "shop", "--lang", "en", "-q"}).exit_code == 0);
    testing::write_file(shop / "care/sencha.md", "Keep it dry.\n");
  }
  std::string check(const std::string& products) const {
    testing::write_file(shop / "products.yaml", products);
    const auto result = testing::run_cli(shop, {"campaigns", "check"});
    CHECK(result.exit_code == 78);
    return result.err;
  }
};

}  // namespace

TEST_CASE("products.yaml: each mistake at its line and column, with the fix", "[config]") {
  Workspace ws;
  CHECK_THAT(ws.check("products:\n  - sku: TEA-SEN-*\n    categry: green-tea\n"),
             Equals("tsuikyaku: error: products.yaml:3:5: products: unknown key 'categry'; did "
                    "you mean 'category'?\n"));
  CHECK_THAT(ws.check("products:\n  - sku: TEA-SEN-*\n    care: ../care.md\n"),
             Equals("tsuikyaku: error: products.yaml:3:11: care: ../care.md is outside the "
                    "workspace; expected a path inside it, like care/sencha.md (move the file "
                    "into the workspace and name it from there)\n"));
  CHECK_THAT(ws.check("products:\n  - sku: TEA-SEN-*\n    care: care/none.md\n"),
             Equals("tsuikyaku: error: products.yaml:3:11: care: cannot read care/none.md: no "
                    "such file\n"));
  CHECK_THAT(ws.check("products:\n  - sku: TEA-SEN-*\n    review_url: kaede.example/sencha\n"),
             Equals("tsuikyaku: error: products.yaml:3:17: review_url: expected an https:// URL "
                    "like https://kaede.example/sencha#reviews\n"));
  CHECK_THAT(ws.check("products:\n  - sku: TEA-SEN-*\n    reorder_days: 0\n"),
             Equals("tsuikyaku: error: products.yaml:3:19: reorder_days: expected a whole number "
                    "from 1 to 3650\n"));
  CHECK_THAT(ws.check("products:\n  - sku: TEA-SEN-*\n    reorder_group: green tea\n"),
             Equals("tsuikyaku: error: products.yaml:3:20: reorder_group: expected a name without "
                    "spaces or commas, like sencha\n"));
  CHECK_THAT(ws.check("products:\n  - sku: GIFT-*\n    no_followup: maybe\n"),
             Equals("tsuikyaku: error: products.yaml:3:18: no_followup: expected true or false\n"));
  CHECK_THAT(ws.check("products:\n  - category: green-tea\n"),
             Equals("tsuikyaku: error: products.yaml:2:5: products: missing required key 'sku'\n"));
  CHECK_THAT(ws.check("products:\n  - sku: TEA-SEN-*\n  - sku: TEA-SEN-*\n"),
             Equals("tsuikyaku: error: products.yaml:3:10: sku: 'TEA-SEN-*' is listed twice "
                    "(line 2): only the first entry would count; merge them\n"));
  CHECK_THAT(ws.check("products: TEA-SEN-1\n"),
             Equals("tsuikyaku: error: products.yaml:1:11: products: expected a list of entries "
                    "like - { sku: TEA-SEN-*, category: green-tea }\n"));
  CHECK_THAT(ws.check("product:\n  - sku: TEA-SEN-*\n"),
             Equals("tsuikyaku: error: products.yaml:1:1: unknown key 'product'; did you mean "
                    "'products'?\n"));
}

TEST_CASE("products.yaml: a good file passes campaigns check and its entries are looked up",
          "[config]") {
  Workspace ws;
  const std::string text =
      "products:\n"
      "  - sku: TEA-SEN-GOLD\n"
      "    category: gift\n"
      "  - sku: TEA-SEN-*\n"
      "    category: green-tea\n"
      "    care: care/sencha.md\n"
      "    review_url: https://kaede.example/sencha#reviews\n"
      "    reorder_days: 30\n"
      "    reorder_group: sencha\n"
      "  - sku: GIFT-*\n"
      "    no_followup: true\n";
  testing::write_file(ws.shop / "products.yaml", text);
  const auto result = testing::run_cli(ws.shop, {"campaigns", "check"});
  INFO(result.err);
  CHECK(result.exit_code == 0);

  const segment::Catalog catalog = config::parse_products(text, "products.yaml", ws.shop);
  REQUIRE(catalog.entries.size() == 3);
  const segment::CatalogEntry* sencha = catalog.find("TEA-SEN-100");
  REQUIRE(sencha == &catalog.entries[1]);
  CHECK(sencha->category == "green-tea");
  CHECK(sencha->care == "Keep it dry.\n");
  CHECK(sencha->review_url == "https://kaede.example/sencha#reviews");
  CHECK(sencha->reorder_days == 30);
  CHECK(sencha->reorder_group == "sencha");
  CHECK_FALSE(sencha->no_followup);
  CHECK(sencha->where.line == 4);
  CHECK(catalog.find("TEA-SEN-GOLD")->category == "gift");  // the first entry that matches
  CHECK(catalog.find("TEA-SEN-GOLD")->care.empty());
  CHECK(catalog.find("GIFT-CARD")->no_followup);
  CHECK(catalog.find("COFFEE") == nullptr);
  CHECK(config::parse_products("", "products.yaml", ws.shop).entries.empty());
  CHECK(config::load_products(ws.dir.path()).entries.empty());  // no file: no entries
}
