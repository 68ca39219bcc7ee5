#include "tsuikyaku/import/encoding.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace tsuikyaku;
using ingest::Encoding;

TEST_CASE("import: auto detection takes mostly UTF-8 as UTF-8, CP932 only when it is not",
          "[import]") {
  const auto detect = [](std::string_view head) { return ingest::detect_encoding(head); };
  CHECK(detect("order_id,name\n1,山田\n").value() == Encoding::utf8);
  CHECK(detect("plain ascii").value() == Encoding::utf8);
  CHECK(detect("\x92\x8D\x95\xB6ID\r\n").value() == Encoding::cp932);  // 注文ID
  // One stray byte among Japanese UTF-8 (which CP932's byte structure would also take).
  CHECK(detect("山田 花子\n佐藤\x82 太郎\n").value() == Encoding::utf8);
  // A UTF-8 byte order mark before CP932 text: it cannot tell.
  const auto bom = detect(
      "\xEF\xBB\xBF"
      "a\n\x82\xA0");
  REQUIRE_FALSE(bom.ok());
  CHECK(bom.reason() ==
        "cannot tell the file's encoding: it starts with a UTF-8 byte order mark, but line 2 has "
        "\\x82\\xa0, which is not UTF-8; run the import with --encoding cp932 if the file is "
        "CP932 (Shift_JIS), or --encoding utf-8 to reject the rows that are not UTF-8");
  CHECK_FALSE(detect("caf\xE9,1\n").ok());   // Latin-1: neither
  CHECK_FALSE(detect("山田\x82\x8E").ok());  // one UTF-8 character against two bad bytes
}

TEST_CASE("import: a character cut at the 64 KiB boundary does not make UTF-8 into CP932",
          "[import]") {
  std::string head(ingest::k_detect_bytes - 1, 'a');
  head += "\xE5";  // the first byte of 山 (E5 B1 B1)
  CHECK(ingest::detect_encoding(head).value() == Encoding::utf8);
  head.back() = '\x8E';  // the lead byte of a CP932 pair cut at the boundary
  CHECK(ingest::detect_encoding(head).value() == Encoding::cp932);
  head.back() = '\xFF';  // never valid in UTF-8 or CP932
  CHECK_FALSE(ingest::detect_encoding(head).ok());
}

TEST_CASE("import: CP932 decodes NEC and IBM extensions: ①, ～ and 髙", "[import]") {
  ingest::Decoder decoder(Encoding::cp932);
  std::string out;
  // ① 0x8740, ～ 0x8160 (FULLWIDTH TILDE), 髙 0xFBFC, ｱ 0xB1 (half-width katakana)
  REQUIRE(decoder.append_utf8("\x87\x40\x81\x60\xFB\xFC\xB1", out));
  CHECK(out == "①～髙ｱ");
}

TEST_CASE("import: bytes invalid in the encoding are refused, never turned into mojibake",
          "[import]") {
  ingest::Decoder cp932(Encoding::cp932);
  std::string out;
  CHECK_FALSE(cp932.append_utf8("ok\x82", out));  // a lead byte without its trail
  ingest::Decoder utf8(Encoding::utf8);
  CHECK_FALSE(utf8.append_utf8("\xC3\x28", out));
  std::vector<std::string_view> fields;
  const std::vector<std::string_view> record{"fine", "\xED\xA0\x80"};  // a surrogate
  CHECK_FALSE(utf8.decode_fields(record, fields));
}

TEST_CASE("import: text goes back into CP932 for the rejects file", "[import]") {
  CHECK(ingest::from_utf8("注文ID: ①", Encoding::cp932) == "\x92\x8D\x95\xB6ID: \x87\x40");
  CHECK(ingest::from_utf8("emoji 😀", Encoding::cp932) == "emoji ?");
  CHECK(ingest::from_utf8("as is ①", Encoding::utf8) == "as is ①");
}
