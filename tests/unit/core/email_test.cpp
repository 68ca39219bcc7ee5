#include "tsuikyaku/core/email.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku::core;

TEST_CASE("email: ordinary addresses are valid", "[core]") {
  for (const char* good : {"hanako@example.jp", "Hanako.Yamada+tea@mail.example.co.jp", "a@b.cd",
                           "o'brien@example.ie", "x_y-z@sub-domain.example"}) {
    INFO(good);
    CHECK(is_valid_address(good));
  }
}

TEST_CASE("email: what is not an address is refused", "[core]") {
  for (const char* bad : {"",
                          "hanako",
                          "hanako@",
                          "@example.jp",
                          "hanako@example",
                          "hana ko@example.jp",
                          "hanako@exa mple.jp",
                          "hanako@@example.jp",
                          ".hanako@example.jp",
                          "hana..ko@example.jp",
                          "hanako@-example.jp",
                          "hanako@example..jp",
                          "\"hanako\"@example.jp",
                          "はなこ@example.jp",
                          "hanako@example.jp\r\nBcc: x@y.z",
                          "hanako@example.jp\n",
                          "<hanako@example.jp>",
                          "hanako@[127.0.0.1]",
                          "=?utf-8?q?boss?=@example.jp",
                          "a=?b@example.jp"}) {
    INFO(bad);
    CHECK_FALSE(is_valid_address(bad));
  }
}

TEST_CASE("email: the domain is lower-cased, matching ignores case", "[core]") {
  CHECK(with_lower_domain("Hanako@Example.JP") == "Hanako@example.jp");
  CHECK(address_match_key("Hanako@Example.JP") == "hanako@example.jp");
}

TEST_CASE("email: mailboxes with display names", "[core]") {
  const auto plain = parse_mailbox("Kaede Tea <hello@kaede.example>");
  REQUIRE(plain);
  CHECK(plain->display_name == "Kaede Tea");
  CHECK(plain->address == "hello@kaede.example");

  const auto quoted = parse_mailbox("\"かえで茶舗\" <hello@kaede.example>");
  REQUIRE(quoted);
  CHECK(quoted->display_name == "かえで茶舗");

  const auto bare = parse_mailbox("support@kaede.example");
  REQUIRE(bare);
  CHECK(bare->display_name.empty());

  CHECK_FALSE(parse_mailbox("Kaede <hello@kaede>"));
  CHECK_FALSE(parse_mailbox("Kaede <hello@kaede.example"));
  CHECK_FALSE(parse_mailbox("Kaede\r\nBcc: a@b.cd <hello@kaede.example>"));
  CHECK_FALSE(parse_mailbox("Ka\"ede <hello@kaede.example>"));
}

TEST_CASE("email: the domains kept for examples (RFC 2606, RFC 6761)", "[core]") {
  for (const char* host :
       {"kaede.example", "example.com", "mail.example.org", "example.co.jp", "shop.test",
        "x.invalid", "localhost", "EXAMPLE.NET", "kaede.example."}) {
    INFO(host);
    CHECK(is_example_domain(host));
  }
  for (const char* host : {"kaede-cha.jp", "examples.com", "myexample.jp", "testshop.jp", ""}) {
    INFO(host);
    CHECK_FALSE(is_example_domain(host));
  }
}

TEST_CASE("email: the host of an address, a mailto: link or a URL", "[core]") {
  CHECK(host_of("hello@kaede.example") == "kaede.example");
  CHECK(host_of("mailto:unsubscribe@kaede.example") == "kaede.example");
  CHECK(host_of("mailto:u@kaede.example?subject=stop") == "kaede.example");
  CHECK(host_of("https://kaede.example/unsubscribe?c=1") == "kaede.example");
  CHECK(host_of("https://shop.kaede.jp:8443/u") == "shop.kaede.jp");
  CHECK(host_of("no host here").empty());
}
