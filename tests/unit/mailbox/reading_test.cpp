#include "tsuikyaku/mailbox/reading.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace tsuikyaku;

namespace {

mailbox::Reading read(const std::string& bytes) {
  return mailbox::read_message(mailbox::parse_message(bytes));
}

}  // namespace

TEST_CASE("mailbox: a qmail bounce is read from its notice, not the copy", "[mailbox]") {
  const auto reading = read(
      "From: MAILER-DAEMON@mx.example.jp\n"
      "To: shop@kaede.example\n"
      "Subject: failure notice\n"
      "\n"
      "Hi. This is the qmail-send program at mx.example.jp.\n"
      "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
      "\n"
      "<kijitora@example.ne.jp>:\n"
      "192.0.2.32 said: 550 Unknown user kijitora@example.ne.jp (#5.1.1)\n"
      "\n"
      "--- Below this line is a copy of the message.\n"
      "\n"
      "Return-Path: <shop@kaede.example>\n"
      "Message-ID: <m3@kaede.example>\n"
      "To: kijitora@example.ne.jp, other@example.ne.jp\n"
      "\n"
      "body\n");
  CHECK(reading.kind == mailbox::Kind::bounce);
  REQUIRE(reading.recipients.size() == 1);
  CHECK(reading.recipients[0].address == "kijitora@example.ne.jp");
  CHECK(reading.recipients[0].status == "5.1.1");
  CHECK(reading.recipients[0].reply == "550");
  CHECK(reading.recipients[0].hard);
  CHECK(reading.original_message_id == "m3@kaede.example");
}

TEST_CASE("mailbox: an ARF report is a complaint about the original recipient", "[mailbox]") {
  const auto reading = read(
      "From: abuse@isp.example\n"
      "Content-Type: multipart/report; report-type=feedback-report; boundary=x\n\n"
      "--x\nContent-Type: text/plain\n\nThis is an abuse report\n"
      "--x\nContent-Type: message/feedback-report\n\n"
      "Feedback-Type: abuse\nOriginal-Rcpt-To: <hanako@example.jp>\n"
      "--x\nContent-Type: message/rfc822\n\nMessage-ID: <m4@kaede.example>\n\nhi\n--x--\n");
  CHECK(reading.kind == mailbox::Kind::complaint);
  REQUIRE(reading.recipients.size() == 1);
  CHECK(reading.recipients[0].address == "hanako@example.jp");
  CHECK(reading.recipients[0].reason == "feedback");
  CHECK_FALSE(reading.recipients[0].hard);
  CHECK(reading.original_message_id == "m4@kaede.example");
}

TEST_CASE("mailbox: a delivered-only report and an unreadable bounce are other", "[mailbox]") {
  auto reading = read(
      "Content-Type: multipart/report; report-type=delivery-status; boundary=x\n\n"
      "--x\nContent-Type: message/delivery-status\n\n"
      "Reporting-MTA: dns; a.example\n\nFinal-Recipient: rfc822; a@example.jp\n"
      "Action: delivered\nStatus: 2.0.0\n--x--\n");
  CHECK(reading.kind == mailbox::Kind::other);
  CHECK(reading.recipients.empty());
  reading = read("From: MAILER-DAEMON@a.example\nSubject: Undelivered\n\nsomething broke\n");
  CHECK(reading.kind == mailbox::Kind::other);
  CHECK(reading.recipients.empty());
}

TEST_CASE("mailbox: auto replies, unsubscribe requests and replies", "[mailbox]") {
  CHECK(read("Auto-Submitted: auto-replied\nSubject: away\n\nback Monday\n").kind ==
        mailbox::Kind::auto_reply);
  CHECK(read("Subject: Out of Office: order\n\naway\n").kind == mailbox::Kind::auto_reply);
  CHECK(read("Subject: =?UTF-8?B?6YWN5L+h5YGc5q2i?=\n\n\n").kind ==
        mailbox::Kind::unsubscribe);  // 配信停止
  CHECK(read("Subject: hello\n\nUnsubscribe me please\n").kind == mailbox::Kind::unsubscribe);
  CHECK(read("Subject: Re: your order\n\nthanks\n").kind == mailbox::Kind::reply);
  CHECK(read("Subject: question\nIn-Reply-To: <a@b>\n\n?\n").kind == mailbox::Kind::reply);
  CHECK(read("Subject: hello\n\nwhat is this\n").kind == mailbox::Kind::other);
  CHECK(read("").kind == mailbox::Kind::other);
}

TEST_CASE("mailbox: the notice ends where the copy of the message begins", "[mailbox]") {
  const auto text = mailbox::notice_text(mailbox::parse_message(
      "Subject: x\n\nfailed: a@example.jp\n------ This is a copy of the message\nTo: b@c\n"));
  CHECK(text == "failed: a@example.jp\n");
}
