#include <catch2/catch.hpp>

#include "support.hpp"

// The UI language (docs/i18n.md): --lang over the environment as gettext reads it over the
// workspace's shop.language, else English; --json and exit codes the same in every one.

using namespace tsuikyaku;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;

namespace {

constexpr const char* k_unknown_en =
    "tsuikyaku: error: unknown command 'bogus' (see tsuikyaku --help)\n";
constexpr const char* k_unknown_ja =
    "tsuikyaku: エラー: 不明なコマンド 'bogus' です（tsuikyaku --help を参照してください）\n";

testing::CliResult run(const testing::TempDir& dir, std::vector<std::string> args,
                       std::map<std::string, std::string> env = {}) {
  testing::CliRun cli;
  cli.args = std::move(args);
  cli.env = std::move(env);
  return testing::run_cli(dir.path(), cli);
}

}  // namespace

TEST_CASE("language: --lang and the locale choose the language of messages", "[cli][i18n]") {
  testing::TempDir dir;
  auto result = run(dir, {"--lang", "ja", "bogus"});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err, Equals(k_unknown_ja));
  CHECK_THAT(run(dir, {"bogus", "--lang=ja"}).err, Equals(k_unknown_ja));
  CHECK_THAT(run(dir, {"bogus"}, {{"LANG", "ja_JP.UTF-8"}}).err, Equals(k_unknown_ja));
  CHECK_THAT(run(dir, {"bogus"}, {{"LANGUAGE", "ja"}, {"LANG", "en_US.UTF-8"}}).err,
             Equals(k_unknown_ja));
  // --lang over the environment; LC_ALL over LANG; the C locale and none: English.
  CHECK_THAT(run(dir, {"--lang", "en", "bogus"}, {{"LANG", "ja_JP.UTF-8"}}).err,
             Equals(k_unknown_en));
  CHECK_THAT(run(dir, {"bogus"}, {{"LC_ALL", "C"}, {"LANG", "ja_JP.UTF-8"}}).err,
             Equals(k_unknown_en));
  CHECK_THAT(run(dir, {"bogus"}, {{"LANGUAGE", "ja"}, {"LC_ALL", "C"}}).err, Equals(k_unknown_en));
  CHECK_THAT(run(dir, {"bogus"}).err, Equals(k_unknown_en));
  // A language without a catalog is a usage error, said in the environment's language.
  result = run(dir, {"--lang", "fr", "status"});
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err, Contains("expected en or ja, not fr"));
}

TEST_CASE("language: --help in Japanese", "[cli][i18n]") {
  testing::TempDir dir;
  const auto result = run(dir, {"--help", "--lang", "ja"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("tsuikyaku（追客）: ネットショップのお客様へのフォローメール\n"));
  CHECK_THAT(result.out, Contains("使い方: tsuikyaku"));
  CHECK_THAT(result.out,
             Contains("  -h,--help                   このヘルプを表示して終了します\n"));
  CHECK_THAT(result.out,
             Contains("  -q,--quiet                  表示を減らします（概要とエラーのみ）\n"));
}

TEST_CASE("language: the workspace's shop.language when nothing else names one", "[cli][i18n]") {
  testing::TempDir dir;
  REQUIRE(run(dir, {"init", "--lang", "ja", "--platform", "other"}).exit_code == 0);
  CHECK_THAT(testing::read_file(dir / "tsuikyaku.yaml"), Contains("\n  language: ja\n"));
  const std::vector<std::string> report{"report", "--as-of", "2026-11-20"};
  CHECK_THAT(run(dir, report).out,
             Contains("かえで茶舗 — 2026年11月20日(金) 00:00 時点のレポート（Asia/Tokyo）\n"));
  CHECK_THAT(run(dir, {"report", "--as-of", "2026-11-20", "--lang", "en"}).out,
             Contains("かえで茶舗 — report as of 2026-11-20 00:00 (Asia/Tokyo)\n"));
  CHECK_THAT(run(dir, report, {{"LANG", "en_US.UTF-8"}}).out,
             Contains("かえで茶舗 — report as of 2026-11-20 00:00 (Asia/Tokyo)\n"));
  // --json does not change with the language.
  CHECK(run(dir, {"report", "--as-of", "2026-11-20", "--json"}).out ==
        run(dir, {"report", "--as-of", "2026-11-20", "--json", "--lang", "en"}).out);
}

TEST_CASE("language: the binary finds its catalog beside itself", "[cli][i18n]") {
  testing::TempDir dir;
  testing::CliRun cli;
  cli.args = {"bogus"};
  cli.env = {{"LANG", "ja_JP.UTF-8"}};
  const auto result = testing::run_binary(dir.path(), cli);
  CHECK(result.exit_code == 64);
  CHECK_THAT(result.err, Equals(k_unknown_ja));
}
