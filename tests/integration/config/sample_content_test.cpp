// Sample content cannot go out (docs/config.md, "Sample content"): a fresh workspace's
// sender, links, coupon codes and tea-shop tips pass with the outbox and a loopback test
// server, are named for the owner to edit, and stop `campaigns check` and `send` once the
// config names a real mail server.

#include <catch2/catch.hpp>

#include "support.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;

namespace {

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

void edit(const std::filesystem::path& file, std::string_view from, std::string_view to) {
  testing::write_file(file, replaced(testing::read_file(file), from, to));
}

std::string samples(int template_line) {
  return "  tsuikyaku.yaml:9:9: from: 'hello@kaede.example' is on kaede.example, a domain kept "
         "for examples; put your shop's own sender address\n"
         "  tsuikyaku.yaml:11:13: reply_to: 'support@kaede.example' is on kaede.example, a domain "
         "kept for examples; put the address replies should go to\n"
         "  tsuikyaku.yaml:19:8: url: 'https://kaede.example' is on kaede.example, a domain kept "
         "for examples; put your shop's web address\n"
         "  tsuikyaku.yaml:21:16: unsubscribe: 'mailto:unsubscribe@kaede.example' is on "
         "kaede.example, a domain kept for examples; put an address of yours that takes "
         "unsubscribes\n"
         "  templates/check-in.md:" +
         std::to_string(template_line) +
         ":1: the shipped sample text is still here (between {{! sample }} and {{! /sample }}); "
         "write your own for what you sell, then delete those two lines\n";
}

// Prefixes every line of a note list with "tsuikyaku: error: " instead of the indent.
std::string as_errors(const std::string& notes) {
  return replaced(notes.substr(2), "\n  ", "\ntsuikyaku: error: ").insert(0, "tsuikyaku: error: ");
}

}  // namespace

TEST_CASE("sample content: named, and fine for the outbox", "[config]") {
  for (const auto& [lang, line] : {std::pair{"ja", 7}, std::pair{"en", 6}}) {
    INFO(lang);
    testing::TempDir dir;
    REQUIRE(testing::run_cli(dir.path(), {"init", "shop", "--lang", lang, "-q"}).exit_code == 0);
    const auto result = testing::run_cli(dir / "shop", {"campaigns", "check"});
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    CHECK_THAT(result.out, Equals("12 campaigns OK (7 disabled)\n"
                                  "Still the shipped samples (fine for the outbox; a send through "
                                  "a mail server refuses them):\n" +
                                  samples(line)));
  }
}

TEST_CASE("sample content: a real mail server refuses it until the owner edits it", "[config]") {
  testing::TempDir dir;
  REQUIRE(testing::run_cli(dir.path(), {"init", "shop", "--lang", "ja", "-q"}).exit_code == 0);
  const auto shop = dir / "shop";
  REQUIRE(testing::run_cli(shop, {"import", "example-orders.csv"}).exit_code == 0);
  std::string config = testing::read_file(shop / "tsuikyaku.yaml");
  config += "smtp:\n  url: smtp://smtp.kaede-cha.jp:587\n";
  testing::write_file(shop / "tsuikyaku.yaml", config);

  auto result = testing::run_cli(shop, {"campaigns", "check"});
  CHECK(result.exit_code == 78);
  CHECK(result.out.empty());
  CHECK_THAT(result.err, Equals(as_errors(samples(7)) + "campaigns check: 5 errors\n"));
  // Looking is not sending: plan and preview work with sample content.
  CHECK(testing::run_cli(shop, {"plan", "--days", "3"}).exit_code == 0);
  CHECK(testing::run_cli(shop, {"preview", "check-in"}).exit_code == 0);
  result = testing::run_cli(shop, {"send", "--lang", "en"});  // a Japanese workspace
  CHECK(result.exit_code == 78);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: tsuikyaku.yaml:9:9: from: 'hello@kaede.example' is on "
                    "kaede.example, a domain kept for examples; put your shop's own sender "
                    "address (and 4 more: run tsuikyaku campaigns check)\n"));

  // The owner's edits: the shop's own addresses and site, their own care tips.
  edit(shop / "tsuikyaku.yaml", "kaede.example", "kaede-cha.jp");
  const auto tips = shop / "templates/check-in.md";
  std::string text = testing::read_file(tips);
  text.erase(text.find("{{! sample"),
             text.find('\n', text.find("{{! sample")) - text.find("{{! sample") + 1);
  text.erase(text.find("{{! /sample }}\n"), 15);
  testing::write_file(tips, text);
  result = testing::run_cli(shop, {"campaigns", "check"});
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  CHECK_THAT(result.out, Equals("12 campaigns OK (7 disabled)\n"));
}

TEST_CASE("sample content: example domains are those kept for documentation", "[config]") {
  testing::TempDir dir;
  REQUIRE(testing::run_cli(dir.path(), {"init", "shop", "--lang", "en", "-q"}).exit_code == 0);
  const auto shop = dir / "shop";
  edit(shop / "tsuikyaku.yaml", "hello@kaede.example", "hello@mail.example.co.jp");
  edit(shop / "tsuikyaku.yaml", "support@kaede.example", "support@kaede.test");
  edit(shop / "tsuikyaku.yaml", "https://kaede.example", "https://kaede-tea.co.uk");
  edit(shop / "tsuikyaku.yaml", "unsubscribe@kaede.example", "unsubscribe@kaede-tea.co.uk");
  const auto result = testing::run_cli(shop, {"campaigns", "check"});
  CHECK_THAT(result.out,
             Equals("12 campaigns OK (7 disabled)\n"
                    "Still the shipped samples (fine for the outbox; a send through a mail server "
                    "refuses them):\n"
                    "  tsuikyaku.yaml:9:9: from: 'hello@mail.example.co.jp' is on "
                    "mail.example.co.jp, a domain kept for examples; put your shop's own sender "
                    "address\n"
                    "  tsuikyaku.yaml:11:13: reply_to: 'support@kaede.test' is on kaede.test, a "
                    "domain kept for examples; put the address replies should go to\n"
                    "  templates/check-in.md:6:1: the shipped sample text is still here (between "
                    "{{! sample }} and {{! /sample }}); write your own for what you sell, then "
                    "delete those two lines\n"));
}
