#include "tsuikyaku/mailbox/return_path.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;

TEST_CASE("mailbox: a return path names its row and a check only its Message-ID gives",
          "[mailbox]") {
  const std::string id = "20261118T110640.0000002a1b2c3d4e.tsuikyaku@kaede.example";
  const std::string check = mailbox::return_path_check(id);
  CHECK(check.size() == 8);
  CHECK(check != mailbox::return_path_check(id + "x"));
  const std::string address = mailbox::return_path_for("bounces@kaede.example", 42, id);
  CHECK(address == "bounces+42-" + check + "@kaede.example");

  const auto token = mailbox::parse_return_path("bounces@kaede.example", address);
  REQUIRE(token);
  CHECK(token->ledger_id == 42);
  CHECK(token->check == check);
  // Letter case is the mail system's business.
  CHECK(mailbox::parse_return_path("bounces@kaede.example",
                                   "Bounces+42-" + check + "@KAEDE.example"));
  // Not ours: another local part, domain, a missing or short check, no id.
  for (const std::string& other : std::vector<std::string>{
           "bounces@kaede.example", "bounce+42-" + check + "@kaede.example",
           "bounces+42-" + check + "@kaede.test", "bounces+42@kaede.example",
           "bounces+42-abc@kaede.example", "bounces+-" + check + "@kaede.example",
           "bounces+x-" + check + "@kaede.example", "bounces+0-" + check + "@kaede.example"}) {
    INFO(other);
    CHECK_FALSE(mailbox::parse_return_path("bounces@kaede.example", other));
  }
}

TEST_CASE("mailbox: the return path is found where a bounce names the envelope sender",
          "[mailbox]") {
  const std::string to = "bounces+7-0badc0de@kaede.example";
  const std::string dsn =
      "From: MAILER-DAEMON@mx.example.jp\r\nTo: <" + to +
      ">\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n"
      "--B\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--B\r\nContent-Type: message/rfc822\r\n"
      "\r\nReturn-Path: <bounces+8-0badc0de@kaede.example>\r\nTo: a@example.jp\r\n\r\nHi\r\n"
      "--B--\r\n";
  const mailbox::Message message = mailbox::parse_message(dsn);
  const auto tokens = mailbox::return_path_tokens(message, "bounces@kaede.example");
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].ledger_id == 7);
  CHECK(tokens[1].ledger_id == 8);
  CHECK(mailbox::return_path_tokens(message, "other@kaede.example").empty());
}
