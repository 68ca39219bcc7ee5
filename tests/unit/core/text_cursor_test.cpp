#include "tsuikyaku/core/text_cursor.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku::core;

TEST_CASE("text cursor: digits take between min and max, or nothing", "[core]") {
  TextCursor in("2025/1x");
  CHECK(in.digits(4, 4) == 2025);
  CHECK_FALSE(in.digits(1, 2).has_value());  // '/' is not a digit: nothing taken
  CHECK(in.take('/'));
  CHECK_FALSE(in.digits(2, 2).has_value());  // only one digit before 'x'
  CHECK(in.digits(1, 2) == 1);
  CHECK(in.rest() == "x");
}

TEST_CASE("text cursor: UTC offsets in the forms exports write", "[core]") {
  const auto offset = [](std::string_view text) { return TextCursor(text).utc_offset(); };
  CHECK(offset("Z") == Seconds{0});
  CHECK(offset("+09:00") == Seconds{9 * 3600});
  CHECK(offset("+0930") == Seconds{9 * 3600 + 1800});
  CHECK(offset("-05") == Seconds{-5 * 3600});
  CHECK_FALSE(offset("+15:00"));
  CHECK_FALSE(offset("+09:6"));
  CHECK_FALSE(offset("EST"));
  TextCursor in("+09:xx");
  CHECK_FALSE(in.utc_offset());
  CHECK(in.rest() == "+09:xx");  // a failed offset takes nothing
}
