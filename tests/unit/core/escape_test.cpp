#include "tsuikyaku/core/escape.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;

TEST_CASE("escape: control characters, broken bytes and bidi controls are shown, never raw",
          "[core]") {
  CHECK(core::escaped("plain 山田 text") == "plain 山田 text");
  CHECK(core::escaped("a\x1b[2Jb\tc\nd\x7f") == "a\\x1b[2Jb\\x09c\\x0ad\\x7f");
  CHECK(core::escaped("x\xFFy") == "x\\xffy");
  CHECK(core::escaped("\xC2\x85") == "\\u0085");  // NEL, a C1 control
  CHECK(core::escaped("gpj.\xE2\x80\xAE"
                      "exe") == "gpj.\\u202eexe");
  CHECK(core::escaped_lines("one\x1b\ntwo") == "one\\x1b\ntwo");
}

TEST_CASE("escape: the bidirectional controls U+202A-202E and U+2066-2069 are found", "[core]") {
  CHECK(core::bidi_control("山田 花子 ①") == 0);
  CHECK(core::bidi_control("a\xE2\x80\xAA") == 0x202A);
  CHECK(core::bidi_control("a\xE2\x81\xA9z") == 0x2069);
  CHECK(core::bidi_control("\xE2\x80\x94") == 0);  // an em dash
}
