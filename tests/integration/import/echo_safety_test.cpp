// What a message echoes of a file is safe on a terminal (docs/import.md, "Rejected rows"):
// control characters shown escaped, never raw, in import rejects, suppression imports and
// campaign errors; bidirectional controls refused in names; encoded words refused in
// addresses.

#include <catch2/catch.hpp>

#include "import_support.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;
using testing::Shop;

TEST_CASE("suppress import: an address with an escape sequence is echoed escaped", "[import]") {
  Shop shop;
  testing::write_file(shop / "list.txt", "ok@example.jp\nbad\x1b[2Jaddress\n");
  const auto result = shop.run({"suppress", "import", "list.txt"});
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err, Equals("list.txt:2: 'bad\\x1b[2Jaddress' is not a mail address\n"));
}

TEST_CASE("import: bidirectional controls and encoded words are refused, and echoed escaped",
          "[import]") {
  Shop shop;
  const auto result = shop.import("orders.csv",
                                  "order_id,email,name,ordered_at,total\n"
                                  "Z1,z@example.jp,gpj.\xE2\x80\xAE"
                                  "exe,2025-12-01,1\n"
                                  "Z2,=?utf-8?q?boss?=@example.jp,N,2025-12-01,1\n"
                                  "Z3,a\xE2\x81\xA6@example.jp,N,2025-12-01,1\n"
                                  "Z4,ok@example.jp,Ok,2025-12-01,1\n");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err,
             Equals("orders.csv:2: name: a bidirectional control character (U+202E) in a name "
                    "or an address, which would show its text in another order\n"
                    "orders.csv:3: email: \"=?utf-8?q?boss?=@example.jp\" is not a mail address\n"
                    "orders.csv:4: email: a bidirectional control character (U+2066) in a "
                    "name or an address, which would show its text in another order\n"));
  CHECK(shop.query("SELECT group_concat(order_key) FROM orders") == "Z4");
}

TEST_CASE("campaigns: a key with an escape sequence is echoed escaped", "[import]") {
  testing::TempDir dir;
  REQUIRE(testing::run_cli(dir.path(), {"init", "shop", "--lang", "en", "-q"}).exit_code == 0);
  const auto file = dir / "shop/campaigns/check-in.yaml";
  std::string text = testing::read_file(file);
  text.replace(text.find("  expires: 5d"), 13, "  \"\\e[2Jexpires\": 5d");
  testing::write_file(file, text);
  const auto result = testing::run_cli(dir / "shop", {"campaigns"});
  CHECK(result.exit_code == 78);
  CHECK_THAT(result.err, Equals("tsuikyaku: error: campaigns/check-in.yaml:12:3: trigger: unknown "
                                "key '\\x1b[2Jexpires'; expected one of: event, delay, expires\n"));
}
