#include "tsuikyaku/mailbox/delivery_status.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;

TEST_CASE("mailbox: a delivery status body gives one entry per recipient group", "[mailbox]") {
  const auto recipients = mailbox::parse_delivery_status(
      "Reporting-MTA: dns; mx.example.net\r\n"
      "Arrival-Date: Wed, 18 Nov 2026 09:00:00 +0900\r\n"
      "\r\n"
      "Final-Recipient: RFC822; <nobody@example.jp>\r\n"
      "Action: Failed\r\n"
      "Status: 5.1.1 (user unknown)\r\n"
      "Diagnostic-Code: smtp; 550 5.1.1 unknown\r\n"
      "\r\n\r\n"
      "Original-Recipient: rfc822;late@example.jp\r\n"
      "Action: delayed\r\n"
      "Status: 4.4.7\r\n"
      "\r\n"
      "Action: failed\r\n");  // no address: skipped
  REQUIRE(recipients.size() == 2);
  CHECK(recipients[0].address == "nobody@example.jp");
  CHECK(recipients[0].action == "failed");
  CHECK(recipients[0].status == "5.1.1");
  CHECK(recipients[0].diagnostic == "550 5.1.1 unknown");
  CHECK(recipients[1].address == "late@example.jp");
  CHECK(recipients[1].action == "delayed");
  CHECK(mailbox::typed_address("rfc822; a@b") == "a@b");
}
