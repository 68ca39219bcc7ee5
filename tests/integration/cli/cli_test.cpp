#include <catch2/catch.hpp>
#include <sstream>

#include "support.hpp"
#include "tsuikyaku/cli/version.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;

TEST_CASE("cli: --version prints the project version", "[cli]") {
  testing::TempDir dir;
  const auto result = testing::run_cli(dir.path(), {"--version"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, StartsWith(std::string("tsuikyaku ") + cli::k_version));
  CHECK(result.err.empty());
}

TEST_CASE("cli: --help lists the commands and global flags", "[cli]") {
  testing::TempDir dir;
  const auto result = testing::run_cli(dir.path(), {"--help"});
  CHECK(result.exit_code == 0);
  for (const char* text : {"init", "--config", "--db", "--verbose", "--quiet"}) {
    CHECK_THAT(result.out, Contains(text));
  }
}

TEST_CASE("cli: usage errors exit 64 with one message", "[cli]") {
  testing::TempDir dir;
  auto result = testing::run_cli(dir.path(), {"bogus"});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: unknown command 'bogus' (see tsuikyaku --help)\n"));
  CHECK(result.out.empty());

  result = testing::run_cli(dir.path(), std::vector<std::string>{});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err, Equals("tsuikyaku: error: no command given (see tsuikyaku --help)\n"));

  result = testing::run_cli(dir.path(), {"--frob"});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: unknown option '--frob' (see tsuikyaku --help)\n"));

  result = testing::run_cli(dir.path(), {"init", "--lang", "fr"});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: --lang: fr not in {ja,en} (see tsuikyaku --help)\n"));
}

TEST_CASE("cli: init makes a workspace and never overwrites a file", "[cli]") {
  testing::TempDir dir;
  auto result = testing::run_cli(dir.path(), {"init", "shop", "--lang", "ja"});
  REQUIRE(result.exit_code == 0);
  const auto config = testing::read_file(dir / "shop/tsuikyaku.yaml");
  CHECK_THAT(config, Contains("timezone: Asia/Tokyo"));
  CHECK(std::filesystem::is_directory(dir / "shop/campaigns"));
  CHECK(std::filesystem::is_directory(dir / "shop/templates"));
  CHECK_THAT(result.out, Contains("created  tsuikyaku.yaml"));
  // The campaigns in Japanese, and their English twins beside the templates (SPEC §6).
  CHECK_THAT(testing::read_file(dir / "shop/campaigns/check-in.yaml"), Contains("lang: ja"));
  CHECK_THAT(testing::read_file(dir / "shop/templates/check-in.md"), Contains("様"));
  CHECK_THAT(testing::read_file(dir / "shop/templates/en/check-in.md"),
             Contains("Hi {{customer.name}},"));
  CHECK(std::filesystem::is_regular_file(dir / "shop/coupons/loyal.csv"));

  testing::write_file(dir / "shop/tsuikyaku.yaml", "# mine\n");
  result = testing::run_cli(dir.path(), {"init", "shop", "--lang", "en"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("kept     tsuikyaku.yaml"));
  CHECK(testing::read_file(dir / "shop/tsuikyaku.yaml") == "# mine\n");
}

TEST_CASE("cli: init picks the language from $LANG", "[cli]") {
  testing::TempDir dir;
  testing::CliRun run;
  run.args = {"init", "ja-shop"};
  run.env = {{"LANG", "ja_JP.UTF-8"}};
  REQUIRE(testing::run_cli(dir.path(), run).exit_code == 0);
  CHECK_THAT(testing::read_file(dir / "ja-shop/tsuikyaku.yaml"), Contains("Asia/Tokyo"));

  run.args = {"init", "en-shop"};
  run.env = {{"LANG", "C.UTF-8"}};
  REQUIRE(testing::run_cli(dir.path(), run).exit_code == 0);
  CHECK_THAT(testing::read_file(dir / "en-shop/tsuikyaku.yaml"), Contains("Europe/London"));
  CHECK_THAT(testing::read_file(dir / "en-shop/templates/ja/check-in.md"), Contains("様"));
}

TEST_CASE("cli: global flags are accepted after the command too", "[cli]") {
  testing::TempDir dir;
  const auto result = testing::run_cli(dir.path(), {"init", "w", "-q", "--config", "x.yaml"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, StartsWith("Workspace ready in w: 40 files created"));
}

TEST_CASE("cli: init leaves an example export that imports as it is, in both languages", "[cli]") {
  for (const char* lang : {"ja", "en"}) {
    INFO(lang);
    testing::TempDir dir;
    const auto init = testing::run_cli(dir.path(), {"init", "shop", "--lang", lang});
    REQUIRE(init.exit_code == 0);
    CHECK_THAT(init.out, Contains("  created  example-orders.csv\n"));
    CHECK_THAT(init.out, Contains("Next: put your shop's name, sender and address in "
                                  "tsuikyaku.yaml, then import\nyour orders; or try it first on "
                                  "the example orders:\n  tsuikyaku import example-orders.csv\n"
                                  "Before a real send, replace the samples: the kaede.example "
                                  "addresses in\ntsuikyaku.yaml, the tea shop's tips in "
                                  "templates/check-in.md, the codes in\ncoupons/loyal.csv "
                                  "(tsuikyaku campaigns check lists what is left).\n"));
    const auto imported = testing::run_cli(dir / "shop", {"import", "example-orders.csv"});
    CHECK(imported.exit_code == 0);
    CHECK_THAT(imported.out, Contains("38 rows read\n  orders:    38 new, 0 updated\n"
                                      "  customers: 20 new, 0 updated\n  rejected:  0 rows\n"));
    // Dated relative to init: each shipped campaign has someone to write to at that moment.
    const auto campaigns = testing::run_cli(dir / "shop", {"campaigns"});
    CHECK(campaigns.exit_code == 0);
    for (const char* name : {"thank-you", "shipping", "check-in", "review-request", "winback"}) {
      INFO(name);
      const auto at = campaigns.out.find(std::string("\n") + name + " ");
      REQUIRE(at != std::string::npos);
      std::istringstream row(campaigns.out.substr(at + 1, campaigns.out.find('\n', at + 1) - at));
      std::vector<std::string> words;
      for (std::string word; row >> word;) words.push_back(word);
      REQUIRE(words.size() >= 4);
      CHECK(std::stoi(words[words.size() - 3]) > 0);  // the send column
    }
  }
}

TEST_CASE("cli: init --platform shopify makes the thank-you a note and the shipping notice off",
          "[cli]") {
  for (const auto& [lang, note] : {std::pair{"en", "this is just a note to say how glad we are"},
                                   std::pair{"ja", "こちらは、お店からの御礼のごあいさつです。"}}) {
    INFO(lang);
    testing::TempDir dir;
    const auto result =
        testing::run_cli(dir.path(), {"init", "shop", "--lang", lang, "--platform", "shopify"});
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.out,
               Contains("(never overwritten).\nShopify sends its own order confirmation and "
                        "shipping notice: the thank-you is a\npersonal note from you "
                        "(templates/thank-you.md), and the shipping notice is off\n"
                        "(campaigns/shipping.yaml).\n"));
    const std::string thanks = testing::read_file(dir / "shop/templates/thank-you.md");
    CHECK_THAT(thanks, Contains(note));
    CHECK_THAT(thanks, !Contains("{{order.total}}"));
    CHECK_THAT(testing::read_file(dir / "shop/campaigns/shipping.yaml"),
               Contains("\nenabled: false   # Shopify sends its own shipping notice\n"));
    const auto check = testing::run_cli(dir / "shop", {"campaigns", "check"});
    CHECK(check.exit_code == 0);
    CHECK_THAT(check.out, StartsWith("12 campaigns OK (8 disabled)\n"));
  }
  // Other platforms, and init without a terminal to ask on: the receipt and the notice.
  testing::TempDir dir;
  REQUIRE(testing::run_cli(dir.path(), {"init", "shop", "--lang", "en", "-q"}).exit_code == 0);
  CHECK_THAT(testing::read_file(dir / "shop/templates/thank-you.md"), Contains("{{order.total}}"));
  CHECK_THAT(testing::read_file(dir / "shop/campaigns/shipping.yaml"),
             Contains("\nenabled: true\n"));
  const auto base = testing::run_cli(dir.path(), {"init", "b", "--platform", "base", "-q"});
  CHECK_THAT(base.out, Contains("BASE sends its own order confirmation"));
  const auto bad = testing::run_cli(dir.path(), {"init", "x", "--platform", "amazon"});
  CHECK(bad.exit_code == 64);
}
