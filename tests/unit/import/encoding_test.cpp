#include "tsuikyaku/import/encoding.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace tsuikyaku;
using ingest::Encoding;

TEST_CASE("import: auto detection takes valid UTF-8 or a BOM as UTF-8, else CP932", "[import]") {
  CHECK(ingest::detect_encoding("order_id,name\n1,山田\n") == Encoding::utf8);
  CHECK(ingest::detect_encoding("\xEF\xBB\xBF"
                                "a\n\x82\xA0") == Encoding::utf8);
  CHECK(ingest::detect_encoding("\x92\x8D\x95\xB6ID\r\n") == Encoding::cp932);  // 注文ID
  CHECK(ingest::detect_encoding("plain ascii") == Encoding::utf8);
}

TEST_CASE("import: a character cut at the 64 KiB boundary does not make UTF-8 into CP932",
          "[import]") {
  std::string head(ingest::k_detect_bytes - 1, 'a');
  head += "\xE5";  // the first byte of 山 (E5 B1 B1)
  CHECK(ingest::detect_encoding(head) == Encoding::utf8);
  head.back() = '\xFF';  // never valid in UTF-8
  CHECK(ingest::detect_encoding(head) == Encoding::cp932);
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
