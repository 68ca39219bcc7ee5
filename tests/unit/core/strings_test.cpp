#include "tsuikyaku/core/strings.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku::core;

TEST_CASE("strings: UTF-8 validity", "[core]") {
  CHECK(is_valid_utf8("かえで茶舗 ①～髙 🍵"));
  CHECK(is_valid_utf8(""));
  CHECK_FALSE(is_valid_utf8("\x82\xa0"));          // CP932 あ
  CHECK_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong /
  CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));      // a surrogate
  CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xe3\x81"));          // cut short
}

TEST_CASE("strings: control characters never pass", "[core]") {
  CHECK_FALSE(has_control_chars("Yamada Hanako\tさん"));
  CHECK(has_control_chars("a\rb"));
  CHECK(has_control_chars("a\nb"));
  CHECK(has_control_chars(std::string_view("a\0b", 3)));
  CHECK(has_control_chars("a\x7f"));
  CHECK(has_control_chars("a\xc2\x85"));  // U+0085 NEXT LINE
}

TEST_CASE("strings: byte tests find a byte wherever it is in a long text", "[core]") {
  // The checks read eight bytes at a time: a byte after a run of plain text, or in the
  // last few bytes after the whole words, is found as well as one at the start.
  const std::string plain = "Yamada Hanako, Tokyo 150-0001";
  CHECK(is_ascii(plain));
  CHECK_FALSE(is_ascii(plain + "\xe3\x81\x82"));
  CHECK_FALSE(is_ascii("\xe3\x81\x82" + plain));
  CHECK(is_valid_utf8(plain + "あ" + plain));
  CHECK_FALSE(is_valid_utf8(plain + "\x82\xa0" + plain));
  CHECK_FALSE(is_valid_utf8(plain + "\xe3\x81"));
  CHECK_FALSE(has_control_chars(plain + "\t" + plain + "¢"));  // C2 A2 is not a C1 control
  CHECK(has_control_chars(plain + "\n" + plain));
  CHECK(has_control_chars(plain + "\x7f"));
  CHECK(has_control_chars(plain + "\xc2\x85" + plain));
  CHECK(has_control_chars(plain.substr(0, 16) + '\r'));
}

TEST_CASE("strings: terminal width counts wide characters twice", "[core]") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("山田") == 4);
  CHECK(display_width("ﾔﾏﾀﾞ") == 4);  // half-width katakana stay narrow
  CHECK(utf8_length("山田 花子") == 5);
}

TEST_CASE("strings: suggestions for typos", "[core]") {
  const std::vector<std::string> keys{"name", "from", "reply_to", "timezone", "currency"};
  CHECK(suggest("nmae", keys) == "name");
  CHECK(suggest("time_zone", keys) == "timezone");
  CHECK(suggest("Currency", keys) == "currency");
  CHECK(suggest("colour", keys).empty());
}

TEST_CASE("strings: small helpers", "[core]") {
  CHECK(trim("  a b \r\n") == "a b");
  CHECK(to_lower_ascii("AbC-Ä") == "abc-Ä");
  CHECK(iequals_ascii("Name", "nAME"));
  CHECK(split("a,,b", ',') == std::vector<std::string_view>{"a", "", "b"});
  CHECK(join({"a", "b"}, ", ") == "a, b");
}

TEST_CASE("strings: HTML escaping covers content and attribute values", "[core]") {
  CHECK(html_escape("<a href=\"x\">Tom & Jerry's</a>") ==
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  CHECK(html_escape("山田 花子") == "山田 花子");
}
