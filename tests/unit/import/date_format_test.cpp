#include "tsuikyaku/import/date_format.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace tsuikyaku;
using ingest::DateFormat;

namespace {

std::string parse(std::string_view pattern, std::string_view text) {
  const auto format = DateFormat::compile(pattern);
  REQUIRE(format);
  const auto parsed = format->parse(text);
  if (!parsed) return "none";
  std::string out = core::format_local(parsed->local);
  if (parsed->offset) out += " " + core::format_offset(*parsed->offset);
  return out;
}

}  // namespace

TEST_CASE("import: date_format reads strptime-style patterns", "[import]") {
  CHECK(parse("%d/%m/%Y %H:%M", "06/12/2025 10:37") == "2025-12-06 10:37:00");
  CHECK(parse("%m/%d/%Y %H:%M", "12/1/2010 8:26") == "2010-12-01 08:26:00");
  CHECK(parse("%d/%m/%Y", "31/01/2026") == "2026-01-31 00:00:00");
  CHECK(parse("%Y/%m/%d %H:%M", "2025/12/06 10:37") == "2025-12-06 10:37:00");
  CHECK(parse("%F %T %z", "2025-12-06 10:37:33 -0500") == "2025-12-06 10:37:33 -05:00");
  CHECK(parse("%d %b %Y %I:%M %p", "6 Dec 2025 1:05 PM") == "2025-12-06 13:05:00");
  CHECK(parse("%d-%B-%y", "06-december-25") == "2025-12-06 00:00:00");
  CHECK(parse("%Y年%m月%d日", "2025年12月6日") == "2025-12-06 00:00:00");
}

TEST_CASE("import: date_format refuses text that does not fit exactly", "[import]") {
  CHECK(parse("%d/%m/%Y", "31/02/2026") == "none");
  CHECK(parse("%d/%m/%Y", "06/12/2025 10:00") == "none");
  CHECK(parse("%d/%m/%Y %H:%M", "06/12/2025") == "none");
  CHECK(parse("%H:%M %p", "13:00 PM") == "none");
}

TEST_CASE("import: date_format names what it cannot use", "[import]") {
  const auto unknown = DateFormat::compile("%d/%m/%Q");
  CHECK_FALSE(unknown);
  CHECK(unknown.reason() == "unknown directive %Q");
  const auto lone = DateFormat::compile("%Y %");
  CHECK_FALSE(lone);
  CHECK(lone.reason() == "a lone % at the end");
}
