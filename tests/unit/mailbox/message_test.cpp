#include "tsuikyaku/mailbox/message.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace tsuikyaku;

namespace {

std::string with_line_ends(std::string text, const std::string& end) {
  std::string out;
  for (const char c : text) {
    if (c == '\n') {
      out += end;
    } else {
      out += c;
    }
  }
  return out;
}

const std::string k_report =
    "From: MAILER-DAEMON@mx.example.net\n"
    "Subject: Undelivered Mail\n"
    "Content-Type: multipart/report; report-type=delivery-status;\n"
    "  boundary=\"outer\"\n"
    "\n"
    "preamble\n"
    "--outer\n"
    "Content-Type: multipart/alternative; boundary=inner\n"
    "\n"
    "--inner\n"
    "Content-Type: text/plain; charset=iso-2022-jp\n"
    "\n"
    "\x1B$BF|K\\\x1B(B\n"
    "--inner\n"
    "Content-Type: text/html\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "<p>=E6=97=A5</p>\n"
    "--inner--\n"
    "--outer\n"
    "Content-Type: message/delivery-status\n"
    "\n"
    "Reporting-MTA: dns; mx.example.net\n"
    "\n"
    "Final-Recipient: rfc822; nobody@example.jp\n"
    "Status: 5.1.1\n"
    "--outer\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "Message-ID: <abc@shop.example>\n"
    "Subject: =?UTF-8?B?44GK6LK344GE5LiK44GS?=\n"
    "\n"
    "original body\n"
    "--outer--\n"
    "epilogue\n";

}  // namespace

TEST_CASE("mailbox: nested multiparts and an embedded message, in every line end", "[mailbox]") {
  for (const std::string end : {"\r\n", "\n", "\r"}) {
    INFO(end.size());
    const std::string bytes = with_line_ends(k_report, end);
    const auto message = mailbox::parse_message(bytes);
    const auto& root = message.root;
    CHECK(root.content_type.is("multipart", "report"));
    REQUIRE(root.children.size() == 3);
    const auto& alternative = root.children[0];
    REQUIRE(alternative.children.size() == 2);
    CHECK(alternative.children[0].text() == "日本");
    CHECK(alternative.children[1].text() == "<p>日</p>");
    CHECK(mailbox::holds_header_block(root.children[1].content_type));
    const auto status = mailbox::parse_headers(root.children[1].body());
    CHECK(status.headers.get("Reporting-MTA") == "dns; mx.example.net");
    const auto* original = root.children[2].embedded();
    REQUIRE(original != nullptr);
    CHECK(original->headers.get("message-id") == "<abc@shop.example>");
    CHECK(original->headers.text("Subject") == "お買い上げ");
    CHECK(original->text() == "original body");
    CHECK(message.parts == 7);
    CHECK_FALSE(message.truncated);
    CHECK(mailbox::flatten(root).size() == 7);
  }
}

TEST_CASE("mailbox: a base64 message/rfc822 and a part without its closing boundary", "[mailbox]") {
  const std::string bytes =
      "Content-Type: multipart/mixed; boundary=b\n\n--b\n"
      "Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n"
      "U3ViamVjdDogaGkKCmJvZHkK\n"  // "Subject: hi\n\nbody\n"
      "--b\nContent-Type: text/plain; charset=shift_jis\nContent-Transfer-Encoding: base64\n\n"
      "gqCCoA==\n";  // ああ in Shift_JIS, and no "--b--"
  const auto message = mailbox::parse_message(bytes);
  REQUIRE(message.root.children.size() == 2);
  const auto* inner = message.root.children[0].embedded();
  REQUIRE(inner != nullptr);
  CHECK(inner->headers.get("Subject") == "hi");
  CHECK(inner->text() == "body\n");
  CHECK(message.root.children[1].text() == "ああ");
}

TEST_CASE("mailbox: a 10,000-part message keeps the first parts and says it was cut", "[mailbox]") {
  std::string bytes = "Content-Type: multipart/mixed; boundary=x\n\n";
  for (int i = 0; i < 10'000; ++i) bytes += "--x\nContent-Type: text/plain\n\npart\n";
  bytes += "--x--\n";
  const auto message = mailbox::parse_message(bytes);
  CHECK(message.truncated);
  CHECK(message.parts == mailbox::k_max_parts);
  CHECK(message.root.children.size() == mailbox::k_max_parts - 1);
}

TEST_CASE("mailbox: nesting deeper than the limit is left unread", "[mailbox]") {
  std::string bytes;
  for (int i = 0; i < 10'000; ++i) {
    bytes += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n--b" +
             std::to_string(i) + "\n";
  }
  bytes += "\ninnermost\n";
  const auto message = mailbox::parse_message(bytes);
  CHECK(message.truncated);
  CHECK(message.parts <= mailbox::k_max_depth);
  std::size_t depth = 0;
  for (const auto* part = &message.root; !part->children.empty(); part = &part->children[0]) {
    ++depth;
  }
  CHECK(depth < mailbox::k_max_depth);
}

TEST_CASE("mailbox: a 50 MB body is not copied and its text is cut at the limit", "[mailbox]") {
  std::string bytes = "Content-Type: text/plain\n\n";
  bytes.append(50 * 1024 * 1024, 'a');
  const auto message = mailbox::parse_message(bytes);
  CHECK(message.root.raw_body.size() == 50 * 1024 * 1024);
  CHECK(message.root.raw_body.data() == bytes.data() + 26);
  CHECK(message.root.text().size() == mailbox::k_max_text_bytes);
}

TEST_CASE("mailbox: a message with no header block is all body, an empty one is empty",
          "[mailbox]") {
  CHECK(mailbox::parse_message("just text\n").root.raw_body == "just text\n");
  const auto empty = mailbox::parse_message("");
  CHECK(empty.root.content_type.is("text", "plain"));
  CHECK(empty.root.raw_body.empty());
}
