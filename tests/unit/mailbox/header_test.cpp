#include "tsuikyaku/mailbox/header.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace tsuikyaku;

TEST_CASE("mailbox: folded fields are unfolded, in any line end", "[mailbox]") {
  for (const std::string end : {"\r\n", "\n", "\r"}) {
    const std::string text =
        "From a@b\nSubject: one" + end + "\ttwo" + end + "To: x@y" + end + end + "body";
    const auto block = mailbox::parse_headers(text);
    CHECK(block.headers.get("subject") == "one\ttwo");
    CHECK(block.headers.get("TO") == "x@y");
    CHECK(text.substr(block.body_start) == "body");
  }
}

TEST_CASE("mailbox: a line that is not a field ends the header block", "[mailbox]") {
  const std::string text = "Subject: s\nthis is body\n";
  const auto block = mailbox::parse_headers(text);
  CHECK(block.headers.fields().size() == 1);
  CHECK(text.substr(block.body_start) == "this is body\n");
}

TEST_CASE("mailbox: too many fields or too long a value stay bounded", "[mailbox]") {
  std::string text;
  for (std::size_t i = 0; i < mailbox::k_max_fields + 50; ++i) text += "X-A: 1\n";
  text += "Long: " + std::string(mailbox::k_max_field_bytes * 2, 'a') + "\n\n";
  const auto block = mailbox::parse_headers(text);
  CHECK(block.headers.fields().size() == mailbox::k_max_fields);
  CHECK(block.body_start == text.size());
}

TEST_CASE("mailbox: encoded words are decoded and the space between them dropped", "[mailbox]") {
  CHECK(mailbox::decode_words("=?UTF-8?B?5pel5pys?= =?utf-8?q?=E8=AA=9E?=") == "日本語");
  CHECK(mailbox::decode_words("Re: =?ISO-2022-JP?B?GyRCRnxLXBsoQg==?= x") == "Re: 日本 x");
  CHECK(mailbox::decode_words("=?iso-8859-1*fr?Q?caf=E9?=") == "café");
  CHECK(mailbox::decode_words("not =?an encoded word") == "not =?an encoded word");
  CHECK(mailbox::decode_words("raw \xE6\x97\xA5") == "raw 日");
}

TEST_CASE("mailbox: Content-Type parameters, quoted and RFC 2231", "[mailbox]") {
  const auto type = mailbox::parse_content_type(
      "Multipart/Report; report-type=delivery-status;\t boundary=\"a;b \\\"c\"");
  CHECK(type.type == "multipart");
  CHECK(type.subtype == "report");
  CHECK(type.param("report-type") == "delivery-status");
  CHECK(type.param("boundary") == "a;b \"c");
  const auto split =
      mailbox::parse_content_type("text/plain; name*0=\"ab\"; name*1=cd; title*=utf-8''%E6%97%A5");
  CHECK(split.param("name") == "abcd");
  CHECK(split.param("title") == "日");
  CHECK(mailbox::parse_content_type("garbage").is("text", "plain"));
  // A comment left open (the fuzzer's find): the rest is the comment, the default type.
  CHECK(mailbox::parse_content_type("(text/plain").is("text", "plain"));
  CHECK(mailbox::parse_content_type("text/html; (charset=utf-8").is("text", "html"));
  CHECK(mailbox::angle_addr(" <id@host> ") == "id@host");
}
