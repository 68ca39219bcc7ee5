#include "tsuikyaku/core/charset.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace tsuikyaku;

TEST_CASE("charset: ISO-2022-JP, Shift_JIS and EUC-JP become UTF-8", "[core]") {
  // 日本 in ISO-2022-JP: ESC $ B 46 7C 4B 5C ESC ( B
  CHECK(core::to_utf8("\x1B$BF|K\\\x1B(B!", "ISO-2022-JP") == "日本!");
  // ① and ～ are CP932 only: Shift_JIS as labelled is read as its superset.
  CHECK(core::to_utf8("\x87\x40\x81\x60", "Shift_JIS") == "①～");
  CHECK(core::to_utf8("\xC6\xFC\xCB\xDC", "euc-jp") == "日本");
  CHECK(core::to_utf8("caf\xE9", "iso-8859-1") == "café");
}

TEST_CASE("charset: what cannot be read becomes U+FFFD, never an error", "[core]") {
  CHECK(core::to_utf8("a\xFF"
                      "b",
                      "utf-8") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(core::to_utf8("a\xE9"
                      "b",
                      "no-such-charset") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(core::to_utf8("ascii only", "no-such-charset") == "ascii only");
}

TEST_CASE("charset: 8-bit text without a charset is kept as UTF-8 or guessed as CP932", "[core]") {
  CHECK(core::to_utf8("山田", "") == "山田");
  CHECK(core::to_utf8("\x8E\x52\x93\x63", "") == "山田");  // CP932
  CHECK(core::to_utf8("\x1B$B;3ED\x1B(B", "us-ascii") == "山田");
}

TEST_CASE("charset: a strict conversion refuses a substitute", "[core]") {
  core::Converter converter("UTF-8", "CP932");
  std::string out;
  CHECK(converter.convert("\x8E\x52", out, core::OnInvalid::fail));
  CHECK(out == "山");
  CHECK_FALSE(converter.convert("\x82", out, core::OnInvalid::fail));
}
