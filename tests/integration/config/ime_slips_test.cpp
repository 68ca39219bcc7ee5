// YAML typed with a Japanese IME on: each slip is named where it is, in every kind of
// YAML file the tool reads, through the CLI, with exit 78.

#include <catch2/catch.hpp>

#include "support.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;

namespace {

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

void edit(const std::filesystem::path& file, std::string_view from, std::string_view to) {
  testing::write_file(file, replaced(testing::read_file(file), from, to));
}

struct Workspace {
  testing::TempDir dir;
  std::filesystem::path shop = dir / "shop";
  Workspace() {
    REQUIRE(testing::run_cli(dir.path(), {"init", "shop", "--lang", "en", "-q"}).exit_code == 0);
  }
};

}  // namespace

TEST_CASE("IME slips: a full-width colon after a key in tsuikyaku.yaml", "[config]") {
  Workspace ws;
  edit(ws.shop / "tsuikyaku.yaml", "  currency: GBP", "  currency：GBP");
  const auto result = testing::run_cli(ws.shop, {"campaigns", "check"});
  CHECK(result.exit_code == 78);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: tsuikyaku.yaml:15:11: a full-width colon (全角の「：」) "
                    "after 'currency'; YAML needs an ASCII ':' (type it with the IME off: "
                    "currency: …)\n"));
}

TEST_CASE("IME slips: a full-width space in the indentation of tsuikyaku.yaml", "[config]") {
  Workspace ws;
  edit(ws.shop / "tsuikyaku.yaml", "  currency: GBP", "　currency: GBP");
  const auto result = testing::run_cli(ws.shop, {"segments"});
  CHECK(result.exit_code == 78);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: tsuikyaku.yaml:15:1: a full-width space (全角スペース) in "
                    "the indentation; indent with ASCII spaces\n"));
}

TEST_CASE("IME slips: a tab in the indentation of a campaign file", "[config]") {
  Workspace ws;
  edit(ws.shop / "campaigns/check-in.yaml", "  delay: 10d", " \tdelay: 10d");
  const auto result = testing::run_cli(ws.shop, {"campaigns", "check"});
  CHECK(result.exit_code == 78);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: campaigns/check-in.yaml:11:2: a tab in the indentation; "
                    "YAML indents with spaces\n"
                    "campaigns check: 1 error\n"));
}

TEST_CASE("IME slips: a full-width colon in a mapping file", "[config]") {
  Workspace ws;
  testing::write_file(ws.shop / "mapping.yaml",
                      "columns:\n  order_id: a\n  email：b\n  ordered_at: c\n  total: d\n");
  testing::write_file(ws.shop / "orders.csv", "a,b,c,d\n1,x@example.jp,2026-11-01,100\n");
  const auto result =
      testing::run_cli(ws.shop, {"import", "orders.csv", "--mapping", "mapping.yaml"});
  CHECK(result.exit_code == 78);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: mapping.yaml:3:8: a full-width colon (全角の「：」) after "
                    "'email'; YAML needs an ASCII ':' (type it with the IME off: email: …)\n"));
}

TEST_CASE("IME slips: full-width characters inside values and comments are text", "[config]") {
  Workspace ws;
  edit(ws.shop / "campaigns/check-in.yaml",
       "subject: \"How are you getting on with your order from {{shop.name}}?\"",
       "subject: \"ご注文：{{shop.name}}より\"  # 全角の「：」 in a value is text\n"
       "# a comment：　may hold anything");
  const auto result = testing::run_cli(ws.shop, {"campaigns", "check"});
  CHECK(result.err.empty());
  CHECK(result.exit_code == 0);
}
