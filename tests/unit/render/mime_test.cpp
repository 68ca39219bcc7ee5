#include "tsuikyaku/render/mime.hpp"

#include <catch2/catch.hpp>

#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/strings.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  for (auto line : core::split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.emplace_back(line);
  }
  if (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

// The encoded words of a header, decoded back to bytes (B encoding).
std::string decode_words(const std::string& header) {
  static const std::string k_alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t at = 0;
  while ((at = header.find("=?UTF-8?B?", at)) != std::string::npos) {
    const std::size_t end = header.find("?=", at + 10);
    const std::string b64 = header.substr(at + 10, end - at - 10);
    std::uint32_t bits = 0;
    int count = 0;
    for (const char c : b64) {
      if (c == '=') break;
      bits = (bits << 6) | static_cast<std::uint32_t>(k_alphabet.find(c));
      count += 6;
      if (count >= 8) {
        count -= 8;
        out += static_cast<char>((bits >> count) & 0xFFu);
      }
    }
    at = end + 2;
  }
  return out;
}

}  // namespace

TEST_CASE("mime: ASCII subjects stay readable and fold at spaces", "[render]") {
  CHECK_THAT(render::unstructured_header("Subject", "Thank you for your order"),
             Equals("Subject: Thank you for your order\r\n"));
  const std::string long_subject(20, 'w');
  const std::string header = render::unstructured_header(
      "Subject", long_subject + " " + long_subject + " " + long_subject + " " + long_subject);
  for (const auto& line : lines_of(header)) CHECK(line.size() <= 76);
  CHECK(lines_of(header).size() == 2);
}

TEST_CASE("mime: encoded words are at most 75 characters and never split a character", "[render]") {
  std::string text = "【かえで茶舗】";
  for (int i = 0; i < 40; ++i) text += "ご注文ありがとうございます🍵";
  const std::string header = render::unstructured_header("Subject", text);
  for (const auto& line : lines_of(header)) {
    CHECK(line.size() <= 76);
    const std::size_t start = line.find("=?");
    REQUIRE(start != std::string::npos);
    CHECK(line.size() - start <= 75);
  }
  // Each word decodes to whole UTF-8 characters, and all of them to the text.
  std::size_t at = 0;
  while ((at = header.find("=?", at)) != std::string::npos) {
    const std::size_t end = header.find("?=", at) + 2;
    CHECK(core::is_valid_utf8(decode_words(header.substr(at, end - at))));
    at = end;
  }
  CHECK(decode_words(header) == text);
}

TEST_CASE("mime: CR, LF and NUL never leave a header value", "[render]") {
  const std::string header = render::unstructured_header(
      "Subject", std::string("Hello\r\nBcc: victim@example.com\0x", 33));
  CHECK(lines_of(header).size() == 1);
  CHECK_THAT(header, Equals("Subject: Hello  Bcc: victim@example.com x\r\n") ||
                         Catch::Matchers::StartsWith("Subject: =?UTF-8?B?"));
  CHECK(render::one_line("a\r\nb\tc\x7f") == "a  b c ");
  CHECK(render::one_line("bad \xff byte") == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("mime: display names are atoms, quoted strings or encoded words", "[render]") {
  CHECK_THAT(render::address_header("From", {"Kaede Tea", "hello@kaede.example"}),
             Equals("From: Kaede Tea <hello@kaede.example>\r\n"));
  CHECK_THAT(render::address_header("To", {"O'Brien, \"Q\"", "q@example.com"}),
             Equals("To: \"O'Brien, \\\"Q\\\"\" <q@example.com>\r\n"));
  CHECK_THAT(render::address_header("To", {"", "q@example.com"}), Equals("To: q@example.com\r\n"));
  const std::string japanese = render::address_header("To", {"山田 花子", "hanako@example.jp"});
  CHECK_THAT(japanese, Equals("To: =?UTF-8?B?5bGx55SwIOiKseWtkA==?= <hanako@example.jp>\r\n"));
}

TEST_CASE("mime: an address with CR, LF or NUL is refused", "[render]") {
  for (const std::string& bad :
       std::vector<std::string>{"a@example.com\r\nBcc: b@example.com", "a@example.com\n",
                                std::string("a@exa\0mple.com", 14), "not an address"}) {
    CHECK_THROWS_AS(render::address_header("To", {"A", bad}), core::Error);
  }
}

TEST_CASE("mime: dates carry the shop's offset", "[render]") {
  const auto tokyo = *core::TimeZone::find("Asia/Tokyo");
  const auto at = tokyo.to_instant(*core::make_local(2026, 11, 18, 9, 0));
  CHECK(render::rfc5322_date(at, tokyo) == "Wed, 18 Nov 2026 09:00:00 +0900");
  const auto new_york = *core::TimeZone::find("America/New_York");
  CHECK(render::rfc5322_date(at, new_york) == "Tue, 17 Nov 2026 19:00:00 -0500");
}

TEST_CASE("mime: Message-IDs are on the From domain and refuse odd tokens", "[render]") {
  const core::Mailbox from{"Kaede Tea", "hello@kaede.example"};
  CHECK(render::message_id("20261118T000000.2a.tsuikyaku", from) ==
        "<20261118T000000.2a.tsuikyaku@kaede.example>");
  CHECK_THROWS_AS(render::message_id("a b", from), core::Error);
  CHECK_THROWS_AS(render::message_id("a>\r\nX: y", from), core::Error);
}

TEST_CASE("mime: quoted-printable lines stay within 76 octets and round-trip", "[render]") {
  std::string text = "A line with = and trailing space \nFrom here.\n.dot\n";
  text.append(200, 'x').append("\n日本語のとても長い行").append(100, 'y').append("\n");
  const std::string encoded = render::quoted_printable(text);
  for (const auto& line : lines_of(encoded)) CHECK(line.size() <= 76);
  CHECK(encoded.find("=3D") != std::string::npos);
  CHECK(encoded.find("space=20\r\n") != std::string::npos);
  CHECK(encoded.find("\r\n=46rom here.") != std::string::npos);
  CHECK(encoded.find("\r\n=2Edot") != std::string::npos);
  CHECK(render::base64_lines(std::string(200, 'z')).find("\r\n") == 76);
}

TEST_CASE("mime: English parts go quoted-printable, Japanese ones base64", "[render]") {
  CHECK(render::choose_encoding("Thank you — with care.") ==
        render::TransferEncoding::quoted_printable);
  CHECK(render::choose_encoding("ご注文ありがとうございます") == render::TransferEncoding::base64);
}
