// The files a campaign names stay inside the workspace (docs/config.md): `..`, an absolute
// path elsewhere or a symbolic link out is a config error at the value, exit 78.

#include <catch2/catch.hpp>

#include "support.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;

namespace {

void edit(const std::filesystem::path& file, std::string_view from, std::string_view to) {
  std::string text = testing::read_file(file);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  testing::write_file(file, text.replace(at, from.size(), to));
}

struct Workspace {
  testing::TempDir dir;
  std::filesystem::path shop = dir / "shop";
  Workspace() {
    REQUIRE(testing::run_cli(dir.path(), {"init", "shop", "--lang", "en", "-q"}).exit_code == 0);
    testing::write_file(dir / "secret.md", "Hello {{customer.name}}\n");
    testing::write_file(dir / "codes.csv", "code\nOUTSIDE-1\n");
  }
};

}  // namespace

TEST_CASE("campaigns: a body outside the workspace is a config error at the value", "[config]") {
  for (const std::string body : {"../secret.md", "templates/../../secret.md", "ABSOLUTE"}) {
    Workspace ws;
    const std::string named = body == "ABSOLUTE" ? (ws.dir / "secret.md").string() : body;
    edit(ws.shop / "campaigns/check-in.yaml", "body: templates/check-in.md", "body: " + named);
    const auto result = testing::run_cli(ws.shop, {"campaigns"});
    CHECK(result.exit_code == 78);
    CHECK_THAT(result.err,
               Equals("tsuikyaku: error: campaigns/check-in.yaml:15:7: body: " + named +
                      " is outside the workspace; expected a path inside it, like "
                      "templates/thank-you.md (move the file into the workspace and name it "
                      "from there)\n"));
  }
}

TEST_CASE("campaigns: a coupon pool or a symbolic link out of the workspace is refused",
          "[config]") {
  Workspace ws;
  edit(ws.shop / "campaigns/loyal-thanks.yaml", "pool: coupons/loyal.csv", "pool: ../codes.csv");
  auto result = testing::run_cli(ws.shop, {"campaigns"});
  CHECK(result.exit_code == 78);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: campaigns/loyal-thanks.yaml:12:17: pool: ../codes.csv is "
                    "outside the workspace; expected a path inside it, like coupons/loyal.csv "
                    "(move the file into the workspace and name it from there)\n"));
  Workspace linked;
  std::filesystem::create_symlink(linked.dir / "secret.md", linked.shop / "templates/link.md");
  edit(linked.shop / "campaigns/check-in.yaml", "body: templates/check-in.md",
       "body: templates/link.md");
  result = testing::run_cli(linked.shop, {"campaigns"});
  CHECK(result.exit_code == 78);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: campaigns/check-in.yaml:15:7: body: templates/link.md is "
                    "outside the workspace; expected a path inside it, like "
                    "templates/thank-you.md (move the file into the workspace and name it from "
                    "there)\n"));
}
