#include "tsuikyaku/campaign/campaign.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku::campaign;

TEST_CASE("campaign: kinds and events by name", "[campaign]") {
  CHECK(to_string(Kind::marketing) == "marketing");
  CHECK(to_string(Kind::transactional) == "transactional");
  CHECK(to_string(Event::ordered) == "ordered");
  CHECK(to_string(Event::shipped) == "shipped");
  CHECK(to_string(Event::delivered) == "delivered");
}

TEST_CASE("campaign: a name safe in headers and dedup keys", "[campaign]") {
  CHECK(is_valid_name("check-in"));
  CHECK(is_valid_name("winback_2026.v2"));
  CHECK_FALSE(is_valid_name(""));
  CHECK_FALSE(is_valid_name("-check-in"));
  CHECK_FALSE(is_valid_name(".hidden"));
  CHECK_FALSE(is_valid_name("check:in"));  // ':' separates a dedup key's parts
  CHECK_FALSE(is_valid_name("チェックイン"));
  CHECK(is_valid_name(std::string(64, 'a')));
  CHECK_FALSE(is_valid_name(std::string(65, 'a')));
}

TEST_CASE("campaign: a coupon code is letters, digits, '-' or '_'", "[campaign]") {
  CHECK(is_coupon_code("WELCOME-10"));
  CHECK(is_coupon_code("a_1"));
  CHECK_FALSE(is_coupon_code(""));
  CHECK_FALSE(is_coupon_code("TEN OFF"));
  CHECK_FALSE(is_coupon_code("10.5"));
  CHECK_FALSE(is_coupon_code(std::string(65, 'A')));
}

TEST_CASE("campaign: a template's language is guessed from kana and kanji", "[campaign]") {
  CHECK(guess_language("ご注文ありがとうございます") == Language::ja);
  CHECK(guess_language("Thank you, 山田 {{name}}") == Language::ja);
  CHECK(guess_language("Thank you for your order") == Language::en);
  CHECK(guess_language("Café — ①") == Language::en);
}
