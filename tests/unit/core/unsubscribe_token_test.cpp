#include "tsuikyaku/core/unsubscribe_token.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;

namespace {

const std::string k_secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

}  // namespace

TEST_CASE("unsubscribe token: names the lower-cased address and verifies", "[unsubscribe]") {
  const std::string token = core::make_unsubscribe_token(k_secret, "Hanako@Example.JP");
  // base64url of the address, a dot, base64url of the 32-byte MAC (43 characters).
  CHECK(token.substr(0, token.find('.')) == "aGFuYWtvQGV4YW1wbGUuanA");
  CHECK(token.size() == 23 + 1 + 43);
  CHECK(token.find_first_not_of(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.") ==
        std::string::npos);
  CHECK(core::verify_unsubscribe_token(k_secret, token) == "hanako@example.jp");
  CHECK(core::make_unsubscribe_token(k_secret, "hanako@example.jp") == token);
}

TEST_CASE("unsubscribe token: an altered, forged or foreign token is refused", "[unsubscribe]") {
  const std::string token = core::make_unsubscribe_token(k_secret, "hanako@example.jp");
  const std::string mac = token.substr(token.find('.'));
  // Another address with the first one's MAC.
  const std::string other = core::make_unsubscribe_token(k_secret, "taro@example.jp");
  CHECK_FALSE(core::verify_unsubscribe_token(k_secret, other.substr(0, other.find('.')) + mac));
  // One character of the MAC changed.
  std::string flipped = token;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  CHECK_FALSE(core::verify_unsubscribe_token(k_secret, flipped));
  // The MAC cut short, missing, or the token without its dot.
  CHECK_FALSE(core::verify_unsubscribe_token(k_secret, token.substr(0, token.size() - 1)));
  CHECK_FALSE(core::verify_unsubscribe_token(k_secret, token.substr(0, token.find('.') + 1)));
  CHECK_FALSE(core::verify_unsubscribe_token(k_secret, token.substr(0, token.find('.'))));
  CHECK_FALSE(core::verify_unsubscribe_token(k_secret, ""));
  // Signed with another workspace's secret, or checked without one.
  const std::string foreign =
      core::make_unsubscribe_token(std::string(64, 'f'), "hanako@example.jp");
  CHECK_FALSE(core::verify_unsubscribe_token(k_secret, foreign));
  CHECK_FALSE(core::verify_unsubscribe_token("", token));
  // The address in another letter case, MAC kept: a different string, so refused.
  const std::string upper = core::make_unsubscribe_token(k_secret, "x@example.jp");
  CHECK(core::verify_unsubscribe_token(k_secret, upper) == "x@example.jp");
  CHECK_FALSE(
      core::verify_unsubscribe_token(k_secret, "WEBleGFtcGxlLmpw" + upper.substr(upper.find('.'))));
}

TEST_CASE("unsubscribe token: compared in constant time, by length first", "[unsubscribe]") {
  CHECK(core::equal_in_constant_time("abc", "abc"));
  CHECK(core::equal_in_constant_time("", ""));
  CHECK_FALSE(core::equal_in_constant_time("abc", "abd"));
  CHECK_FALSE(core::equal_in_constant_time("abc", "ab"));
  CHECK_FALSE(core::equal_in_constant_time(std::string("a\0c", 3), std::string("a\0d", 3)));
}

TEST_CASE("unsubscribe token: found in a link, a mailto subject or by itself", "[unsubscribe]") {
  const std::string token = core::make_unsubscribe_token(k_secret, "hanako@example.jp");
  CHECK(core::find_unsubscribe_token(token) == token);
  CHECK(core::find_unsubscribe_token("https://kaede.example/unsubscribe?t=" + token) == token);
  CHECK(core::find_unsubscribe_token("https://kaede.example/u?lang=ja&t=" + token + "&x=1") ==
        token);
  CHECK(core::find_unsubscribe_token("mailto:unsubscribe@kaede.example?subject=unsubscribe%20" +
                                     token) == token);
  CHECK(core::find_unsubscribe_token("unsubscribe " + token) == token);
  CHECK(core::find_unsubscribe_token("unsubscribe").empty());
}
