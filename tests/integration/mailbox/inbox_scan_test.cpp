#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support.hpp"

// `inbox scan`: files, folders and Maildirs, text and JSON, without a workspace.

using namespace tsuikyaku;
using Catch::Matchers::Equals;

namespace {

const std::string k_bounce =
    "From: MAILER-DAEMON@mx.example.net\r\n"
    "To: shop@kaede.example\r\n"
    "Subject: Undelivered Mail Returned to Sender\r\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n"
    "\r\n"
    "--B\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "I'm sorry to have to inform you that your message could not be delivered.\r\n"
    "--B\r\n"
    "Content-Type: message/delivery-status\r\n"
    "\r\n"
    "Reporting-MTA: dns; mx.example.net\r\n"
    "\r\n"
    "Final-Recipient: rfc822; nobody@example.jp\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1\r\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.jp>: Recipient address rejected:\r\n"
    "    User unknown in local recipient table\r\n"
    "\r\n"
    "Final-Recipient: rfc822; full@example.jp\r\n"
    "Action: failed\r\n"
    "Status: 5.2.2\r\n"
    "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\r\n"
    "--B\r\n"
    "Content-Type: text/rfc822-headers\r\n"
    "\r\n"
    "Message-ID: <m1.abc@kaede.example>\r\n"
    "Subject: =?UTF-8?B?44GK6LK344GE5LiK44GS?=\r\n"
    "--B--\r\n";

const std::string k_vacation =
    "From: hanako@example.jp\n"
    "To: shop@kaede.example\n"
    "Auto-Submitted: auto-replied\n"
    "Subject: =?ISO-2022-JP?B?GyRCPCtGMDF+RXobKEI=?=\n"  // 自動応答
    "\n"
    "I am away until Monday.\n";

const std::string k_reply =
    "From: taro@example.jp\n"
    "To: shop@kaede.example\n"
    "Subject: Re: Thank you for your order\n"
    "In-Reply-To: <m2.abc@kaede.example>\n"
    "\n"
    "The tea was lovely.\n";

const std::string k_unsubscribe =
    "From: jiro@example.jp\nTo: shop@kaede.example\nSubject: unsubscribe\n\nplease\n";

}  // namespace

TEST_CASE("inbox scan: a Maildir's messages, one aligned line each, without a workspace",
          "[mailbox]") {
  testing::TempDir dir;
  testing::write_file(dir / "Maildir/cur/1.eml", k_bounce);
  testing::write_file(dir / "Maildir/new/2.eml", k_vacation);
  testing::write_file(dir / "Maildir/new/.hidden", k_reply);
  testing::write_file(dir / "Maildir/tmp/3.eml", k_reply);
  testing::write_file(dir / "other/a.eml", k_reply);
  testing::write_file(dir / "other/b.eml", k_unsubscribe);
  const auto result = testing::run_cli(dir.path(), {"inbox", "scan", "Maildir", "other"});
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  CHECK_THAT(result.out, Equals("file               kind         recipients\n"
                                "Maildir/cur/1.eml  bounce       nobody@example.jp 5.1.1 hard, "
                                "full@example.jp 5.2.2 soft\n"
                                "Maildir/new/2.eml  auto-reply\n"
                                "other/a.eml        reply\n"
                                "other/b.eml        unsubscribe\n"
                                "4 messages\n"));
  CHECK(!std::filesystem::exists(dir / "tsuikyaku.db"));
}

TEST_CASE("inbox scan --json: recipients with status, reply, reason, hard and the original id",
          "[mailbox]") {
  testing::TempDir dir;
  testing::write_file(dir / "bounce.eml", k_bounce);
  testing::write_file(dir / "reply.eml", k_reply);
  const auto result =
      testing::run_cli(dir.path(), {"inbox", "scan", "--json", "bounce.eml", "reply.eml"});
  CHECK(result.exit_code == 0);
  const auto document = nlohmann::json::parse(result.out);
  const auto expected = nlohmann::json::parse(R"({"messages": [
    {"file": "bounce.eml", "kind": "bounce", "recipients": [
      {"address": "nobody@example.jp", "status": "5.1.1", "reply": "550",
       "reason": "userunknown", "hard": true},
      {"address": "full@example.jp", "status": "5.2.2", "reply": "552",
       "reason": "mailboxfull", "hard": false}],
     "original_message_id": "m1.abc@kaede.example"},
    {"file": "reply.eml", "kind": "reply", "recipients": [], "original_message_id": null}]})");
  CHECK(document == expected);
}

TEST_CASE("inbox scan: a path that does not exist exits 66 and names it", "[mailbox]") {
  testing::TempDir dir;
  const auto result = testing::run_cli(dir.path(), {"inbox", "scan", "missing.eml"});
  CHECK(result.exit_code == 66);
  CHECK_THAT(result.err,
             Equals("tsuikyaku: error: cannot read missing.eml: no such file or folder\n"));
  CHECK(result.out.empty());
}
