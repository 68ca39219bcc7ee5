#include "tsuikyaku/mailbox/reason.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;

TEST_CASE("mailbox: a dead address is hard, by its words or its code", "[mailbox]") {
  auto verdict = mailbox::judge_failure(
      "550 5.1.1 <a@b.jp>: Recipient address rejected: User unknown in local recipient table",
      "5.1.1");
  CHECK(verdict.reason == "userunknown");
  CHECK(verdict.hard);
  // 5.4.4 (no route) lets the words decide; 5.4.1 and the rest of 5.4 are network trouble.
  CHECK(mailbox::judge_failure("Host or domain name not found", "5.4.4").hard);
  CHECK_FALSE(mailbox::judge_failure("Host or domain name not found", "5.4.6").hard);
  CHECK(mailbox::judge_failure("Host or domain name not found", "").reason == "hostunknown");
  CHECK(mailbox::judge_failure("", "5.1.2").reason == "hostunknown");
  CHECK(mailbox::judge_failure("", "5.1.6").hard);
  CHECK(mailbox::judge_failure("Domain example.jp does not accept mail (nullMX)", "").reason ==
        "notaccept");
}

TEST_CASE("mailbox: full, spam, policy, rate and expiry are soft even under 5.1.1", "[mailbox]") {
  CHECK(mailbox::judge_failure("550 5.1.1 Mailbox full", "5.1.1").reason == "mailboxfull");
  CHECK_FALSE(mailbox::judge_failure("550 5.1.1 Mailbox full", "5.1.1").hard);
  CHECK(mailbox::judge_failure("554 rejected as spam", "5.7.1").reason == "spamdetected");
  CHECK(mailbox::judge_failure("421 rate limit exceeded, try again later", "4.7.0").reason ==
        "toomanyconn");
  // A temporary code is never a dead address, whatever the words.
  CHECK_FALSE(mailbox::judge_failure("450 4.1.1 user unknown", "4.1.1").hard);
  CHECK_FALSE(mailbox::judge_failure("550 5.7.1 no such user here (policy)", "5.7.1").hard);
  CHECK(mailbox::judge_failure("something odd", "5.0.0").reason == "undefined");
  CHECK_FALSE(mailbox::judge_failure("", "").hard);
}

TEST_CASE("mailbox: status and reply codes are found, not parts of addresses", "[mailbox]") {
  CHECK(mailbox::find_status_code("host 192.0.2.153 said: 550 5.1.1 <a@b>") == "5.1.1");
  CHECK(mailbox::find_status_code("(#5.5.0)") == "5.5.0");
  CHECK(mailbox::find_status_code("version 2.4.5.6 only") == "");
  CHECK(mailbox::find_status_code("Status: 5.7.509") == "5.7.509");
  CHECK(mailbox::find_reply_code("192.0.2.40 said 550 for RCPT TO") == "550");
  CHECK(mailbox::find_reply_code("port 25 then 552-5.2.2 full") == "552");
  CHECK(mailbox::find_reply_code("id 1550 and #550x") == "");
}
