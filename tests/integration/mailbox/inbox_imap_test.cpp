#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "dovecot_server.hpp"
#include "planning/planning_fixture.hpp"
#include "smtp_server.hpp"

// `tsuikyaku inbox` against a real Dovecot (docs/mailbox.md): what came back is read over
// IMAP with TLS, suppresses and marks the ledger, is moved to the processed folder, and a
// rerun reads nothing twice.

using namespace tsuikyaku;
using namespace tsuikyaku::testing;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> k_customers{"dead@example.jp", "full@example.jp",
                                           "grumpy@example.jp", "leaving@example.jp",
                                           "away@example.jp"};

struct Sent {
  std::string envelope;    // MAIL FROM, as the SMTP server got it
  std::string message_id;  // without angle brackets
  std::int64_t row = 0;
};

// Kaede Tea with a return path, the SMTP test server and the Dovecot server; a thank-you
// sent to each customer.
struct World {
  SmtpTestServer smtp;
  DovecotServer imap;
  PlanningShop shop;
  std::map<std::string, Sent> sent;  // by recipient

  World()
      : shop("send:\n  quiet_hours: \"21:00-09:00\"\n  return_path: bounces@kaede.example\n" +
             smtp.config_yaml() + imap.config_yaml()) {
    shop.campaign("thank-you", k_thank_you_yaml);
    for (std::size_t i = 0; i < k_customers.size(); ++i) {
      const auto id = shop.customer("C-" + std::to_string(i + 1), k_customers[i], true);
      shop.order({std::to_string(1000 + i + 1), id, tokyo(11, 18, 10)});
    }
    CliRun run;
    run.args = {"send"};
    run.env = smtp.env();
    REQUIRE(run_cli(shop.path(), run).exit_code == 0);
    for (const ReceivedMessage& m : smtp.messages()) {
      const std::string to = m.rcpt_tos.at(0);
      const auto row =
          shop.rows("SELECT id || '|' || message_id FROM messages WHERE recipient = '" + to + "'");
      REQUIRE(row.size() == 1);
      const auto bar = row[0].find('|');
      sent[to] = {m.mail_from, row[0].substr(bar + 1), std::stoll(row[0].substr(0, bar))};
    }
  }

  CliResult inbox(std::map<std::string, std::string> env = {}) {
    CliRun run;
    run.args = {"inbox"};
    run.env = env.empty() ? imap.env() : env;
    return run_cli(shop.path(), run);
  }

  std::vector<std::string> suppressions() {
    return shop.rows(
        "SELECT address || ' ' || reason || ' ' || source FROM suppressions "
        "ORDER BY address");
  }
};

// A delivery status report to the envelope sender, about one recipient.
std::string report(const std::string& id, const std::string& to, const std::string& recipient,
                   const std::string& status, const std::string& diagnostic,
                   const std::string& returned_id = "") {
  std::string text =
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.jp>\r\nTo: " + to +
      "\r\nSubject: Undelivered Mail Returned to Sender\r\nMessage-ID: <" + id +
      ">\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; "
      "boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be "
      "delivered.\r\n\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; "
      "mx.example.jp\r\n\r\nFinal-Recipient: rfc822; " +
      recipient + "\r\nAction: failed\r\nStatus: " + status + "\r\nDiagnostic-Code: smtp; " +
      diagnostic + "\r\n\r\n";
  if (!returned_id.empty()) {
    text += "--B\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: hello@kaede.example\r\nTo: " +
            recipient + "\r\nMessage-ID: <" + returned_id + ">\r\nSubject: Thank you\r\n\r\n";
  }
  return text + "--B--\r\n";
}

std::string complaint(const std::string& returned_id) {
  return "From: feedback@fbl.example.net\r\nTo: abuse@kaede.example\r\nSubject: complaint\r\n"
         "Message-ID: <fbl-1@fbl.example.net>\r\nMIME-Version: 1.0\r\nContent-Type: "
         "multipart/report; report-type=feedback-report; boundary=\"F\"\r\n\r\n--F\r\n"
         "Content-Type: text/plain\r\n\r\nA complaint.\r\n\r\n--F\r\nContent-Type: "
         "message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nVersion: 1\r\n\r\n--F\r\n"
         "Content-Type: text/rfc822-headers\r\n\r\nFrom: hello@kaede.example\r\nTo: "
         "redacted@example.jp\r\nMessage-ID: <" +
         returned_id + ">\r\n\r\n--F--\r\n";
}

std::string personal(const std::string& from, const std::string& subject, const std::string& id,
                     const std::string& extra = "") {
  return "From: " + from + "\r\nTo: hello@kaede.example\r\nSubject: " + subject +
         "\r\nMessage-ID: <" + id + ">\r\n" + extra + "\r\nHello.\r\n";
}

}  // namespace

TEST_CASE("inbox: what comes back is read over IMAP, acted on once, and filed away",
          "[inbox][imap]") {
  World world;
  REQUIRE(world.sent.size() == 5);
  const Sent& dead = world.sent.at("dead@example.jp");
  // The envelope sender names the row, with a check from its Message-ID.
  CHECK(dead.envelope == "bounces+" + std::to_string(dead.row) + "-" +
                             dead.envelope.substr(dead.envelope.find('-') + 1));
  CHECK(dead.envelope.ends_with("@kaede.example"));
  CHECK(dead.envelope.size() ==
        std::string("bounces+-@kaede.example").size() + std::to_string(dead.row).size() + 8);

  // A hard bounce that only the return path leads back (no Message-ID of ours in it).
  world.imap.deliver(report("b1@mx.example.jp", dead.envelope, "dead@example.jp", "5.1.1",
                            "550 5.1.1 <dead@example.jp>: Recipient address rejected: User "
                            "unknown"));
  // Three soft bounces: the third suppresses.
  for (int i = 1; i <= 3; ++i) {
    world.imap.deliver(report("s" + std::to_string(i) + "@mx.example.jp", "hello@kaede.example",
                              "full@example.jp", "5.2.2", "552 5.2.2 Mailbox full",
                              world.sent.at("full@example.jp").message_id));
  }
  // A forged bounce: a token whose check is wrong, and a bounce of nobody we mailed.
  world.imap.deliver(report(
      "f1@mx.example.jp",
      "bounces+" + std::to_string(world.sent.at("away@example.jp").row) + "-00000000@kaede.example",
      "away@example.jp", "5.1.1", "550 5.1.1 User unknown"));
  world.imap.deliver(complaint(world.sent.at("grumpy@example.jp").message_id));
  world.imap.deliver(personal("leaving@example.jp", "unsubscribe", "u1@example.jp"));
  world.imap.deliver(personal("away@example.jp", "Out of Office", "a1@example.jp",
                              "Auto-Submitted: auto-replied\r\n"));
  world.imap.deliver(
      personal("away@example.jp", "Re: Thank you", "r1@example.jp",
               "In-Reply-To: <" + world.sent.at("away@example.jp").message_id + ">\r\n"));
  world.imap.deliver(personal("someone@example.org", "A question", "o1@example.org"));

  const CliResult first = world.inbox();
  CHECK(first.err.empty());
  CHECK(first.exit_code == 0);
  CHECK(first.out ==
        "inbox: 10 messages read: 5 bounces (2 hard), 1 complaint, 1 unsubscribe request, 1 auto "
        "reply, 1 reply, 1 other; 4 addresses suppressed\n");
  CHECK(world.suppressions() == std::vector<std::string>{"dead@example.jp bounced inbox",
                                                         "full@example.jp bounced inbox",
                                                         "grumpy@example.jp complained inbox",
                                                         "leaving@example.jp unsubscribed inbox"});
  CHECK(world.shop.rows("SELECT detail FROM suppressions WHERE address = 'dead@example.jp'") ==
        std::vector<std::string>{"5.1.1 userunknown in bounce <b1@mx.example.jp>"});
  CHECK(world.shop.rows("SELECT detail FROM suppressions WHERE address = 'full@example.jp'") ==
        std::vector<std::string>{"3 soft bounces within 30 days, the last 5.2.2 mailboxfull in "
                                 "bounce <s3@mx.example.jp>"});
  CHECK(world.shop.rows("SELECT state || ' ' || enhanced_code || ' ' || last_error FROM messages "
                        "WHERE id = " +
                        std::to_string(dead.row)) ==
        std::vector<std::string>{
            "failed 5.1.1 bounced: 5.1.1 userunknown in bounce <b1@mx.example.jp>"});
  CHECK(world.shop.scalar("SELECT count(*) FROM messages WHERE state = 'sent'") == 4);
  // Handled mail is in Processed; the one left to a person stays, unread.
  CHECK(world.imap.messages("Processed").size() == 9);
  REQUIRE(world.imap.messages("INBOX").size() == 1);
  CHECK(world.imap.messages("INBOX")[0].find("A question") != std::string::npos);

  // status lists the replies, for the owner to read.
  const CliResult status = run_cli(world.shop.path(), {"status"});
  CHECK(status.out.find("\nReplies from customers (1; read them in your mailbox):\n"
                        "  2026-11-18T20:06:40+09:00  away@example.jp  Re: Thank you\n") !=
        std::string::npos);

  // A rerun reads nothing.
  const CliResult again = world.inbox();
  CHECK(again.exit_code == 0);
  CHECK(again.out ==
        "inbox: 0 messages read: 0 bounces (0 hard), 0 complaints, 0 unsubscribe requests, 0 "
        "auto replies, 0 replies, 0 other; 0 addresses suppressed\n");
  CHECK(world.shop.scalar("SELECT count(*) FROM inbox_messages") == 10);

  // The folder renumbered, with an old message put back and a new reply: the old one is
  // not handled twice.
  world.imap.deliver(personal("leaving@example.jp", "unsubscribe", "u1@example.jp"));
  world.imap.deliver(personal("full@example.jp", "Re: Thank you", "r2@example.jp",
                              "References: <x@kaede.example>\r\n"));
  world.imap.renumber();
  const CliResult renumbered = world.inbox();
  CHECK(renumbered.exit_code == 0);
  CHECK(renumbered.out ==
        "The folder's UIDVALIDITY changed: it was read again from the start; messages read "
        "before were not handled twice.\n"
        "inbox: 1 message read: 0 bounces (0 hard), 0 complaints, 0 unsubscribe requests, 0 "
        "auto replies, 1 reply, 0 other; 0 addresses suppressed\n");
  CHECK(world.imap.messages("Processed").size() == 11);
  CHECK(world.shop.scalar("SELECT count(*) FROM inbox_messages WHERE kind = 'reply'") == 2);

  // send skips them now: a bounced address gets nothing, an unsubscribed one its orders'
  // transactional mail.
  world.shop.order({"2001",
                    world.shop.scalar("SELECT id FROM customers WHERE email = "
                                      "'dead@example.jp'"),
                    tokyo(11, 18, 11)});
  world.shop.order({"2002",
                    world.shop.scalar("SELECT id FROM customers WHERE email = "
                                      "'leaving@example.jp'"),
                    tokyo(11, 18, 11)});
  CliRun send;
  send.args = {"send"};
  send.env = world.smtp.env();
  const CliResult sent = run_cli(world.shop.path(), send);
  CHECK(sent.exit_code == 0);
  CHECK(world.shop.rows("SELECT state || ' ' || coalesce(skip_reason, '-') FROM messages WHERE "
                        "id > (SELECT max(id) - 2 FROM messages) ORDER BY id") ==
        std::vector<std::string>{"skipped bounced", "sent -"});
}

TEST_CASE("inbox: a wrong password exits 78 and never shows it; no server exits 69",
          "[inbox][imap]") {
  World world;
  const CliResult refused = world.inbox({{"TSUIKYAKU_IMAP_PASSWORD", "Wrong-Pass-5521"}});
  CHECK(refused.exit_code == 78);
  CHECK(refused.out.empty());
  CHECK(refused.err == "tsuikyaku: error: inbox: 127.0.0.1:" + std::to_string(world.imap.port()) +
                           " refused the login of shop; check inbox.username and the password\n");
  CHECK(refused.err.find("Wrong-Pass-5521") == std::string::npos);
  CHECK(world.shop.scalar("SELECT count(*) FROM inbox_folders") == 0);

  const int closed = closed_port();
  std::string yaml = read_file(world.shop.path() / "tsuikyaku.yaml");
  const std::string port = ":" + std::to_string(world.imap.port()) + "/INBOX";
  yaml.replace(yaml.find(port), port.size(), ":" + std::to_string(closed) + "/INBOX");
  write_file(world.shop.path() / "tsuikyaku.yaml", yaml);
  const CliResult unreachable = world.inbox();
  CHECK(unreachable.exit_code == 69);
  CHECK(unreachable.err.starts_with(
      "tsuikyaku: error: inbox: cannot reach 127.0.0.1:" + std::to_string(closed) + ": "));
}

TEST_CASE("inbox: real bounces of some 80 mail systems that lead to no message suppress nobody",
          "[inbox][imap]") {
  const fs::path corpus = shared_data_dir() / "bounces/maildir";
  if (!fs::is_directory(corpus)) {
    WARN("no bounce corpus at " + corpus.string() + ": skipped");
    return;
  }
  World world;
  std::size_t delivered = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    world.imap.deliver(read_file(entry.path()));
    ++delivered;
  }
  const CliResult first = world.inbox();
  CHECK(first.exit_code == 0);
  CHECK(first.err.empty());
  CHECK(first.out.starts_with("inbox: "));
  CHECK(first.out.ends_with("; 0 addresses suppressed\n"));
  CHECK(world.suppressions().empty());
  CHECK(world.shop.scalar("SELECT count(*) FROM messages WHERE state = 'sent'") == 5);
  CHECK(world.imap.messages("Processed").size() + world.imap.messages("INBOX").size() == delivered);
  CHECK(world.inbox().out.starts_with("inbox: 0 messages read: "));
}
