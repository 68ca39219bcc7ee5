#include "tsuikyaku/mailbox/transfer.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;

TEST_CASE("mailbox: base64 skips line ends and junk and stops at padding", "[mailbox]") {
  CHECK(mailbox::decode_base64("aGVs\r\nbG8=") == "hello");
  CHECK(mailbox::decode_base64("aGVsbG8") == "hello");
  CHECK(mailbox::decode_base64("aG Vs*bG8=\nignored") == "hello");
  CHECK(mailbox::decode_base64("aGVsbG8gd29ybGQ=", 4) == "hel");
}

TEST_CASE("mailbox: quoted-printable soft breaks work with CRLF, LF and CR", "[mailbox]") {
  CHECK(mailbox::decode_quoted_printable("a=3Db=\r\nc") == "a=bc");
  CHECK(mailbox::decode_quoted_printable("a=\nb") == "ab");
  CHECK(mailbox::decode_quoted_printable("a= \rb") == "ab");
  CHECK(mailbox::decode_quoted_printable("100% =ZZ =") == "100% =ZZ ");
  CHECK(mailbox::decode_quoted_printable("=E6=97=A5") == "日");
}

TEST_CASE("mailbox: the Q encoding reads _ as a space; percent decoding", "[mailbox]") {
  CHECK(mailbox::decode_q("a_b=3F") == "a b?");
  CHECK(mailbox::decode_percent("%E6%97%A5%zz") == "日%zz");
  CHECK(mailbox::decode_transfer("YQ==", "BASE64") == "a");
  CHECK(mailbox::decode_transfer("raw", "8bit") == "raw");
}
