#include <catch2/catch.hpp>

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
  CHECK_THAT(result.out, StartsWith("Workspace ready in w: 20 files created"));
}
