#include "tsuikyaku/delivery/smtp_transfer.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku::delivery;

namespace {

// A fresh connection's transaction up to the data: greeting, EHLO, MAIL, RCPT, DATA.
TransferLog up_to_data() {
  TransferLog log;
  for (const char* line :
       {"220 mx ESMTP\r\n", "250-mx\r\n", "250 AUTH PLAIN\r\n", "250 2.1.0 Ok\r\n",
        "250 2.1.5 Ok\r\n", "354 End data with <CR><LF>.<CR><LF>\r\n"}) {
    log.add_line(line);
  }
  return log;
}

TransferResult failure(FailureKind kind, bool reused = false) {
  return TransferResult{kind, "Recv failure: Connection reset by peer", reused};
}

}  // namespace

TEST_CASE("delivery: reply lines are gathered into complete replies", "[delivery]") {
  const TransferLog log = up_to_data();
  CHECK(log.replies == 5);
  CHECK(log.last.code == 354);
  CHECK_FALSE(log.reply_after_data);
}

TEST_CASE("delivery: a 250 after the data is sent", "[delivery]") {
  TransferLog log = up_to_data();
  log.data_done = true;
  log.add_line("250 2.0.0 Ok: queued as 4XyZ1\r\n");
  const Outcome outcome = judge(log, TransferResult{}, "mx:587", "pw");
  CHECK(outcome.status == Status::sent);
  CHECK(outcome.server_id == "4XyZ1");
}

TEST_CASE("delivery: no reply after the end of the data is unknown", "[delivery]") {
  TransferLog log = up_to_data();
  log.data_done = true;
  const Outcome outcome = judge(log, failure(FailureKind::other), "mx:587", "pw");
  CHECK(outcome.status == Status::unknown);
  CHECK(outcome.error ==
        "no reply from mx:587 after the end of the data (Recv failure: Connection reset by "
        "peer); the server may have accepted the message");
  CHECK(judge(log, failure(FailureKind::timeout), "mx:587", "pw").status == Status::unknown);
}

TEST_CASE("delivery: a reply after the data decides even when the library failed", "[delivery]") {
  TransferLog log = up_to_data();
  log.data_done = true;
  log.add_line("554 5.7.1 Rejected as spam\r\n");
  log.add_line("221 2.0.0 Bye\r\n");
  const Outcome outcome = judge(log, failure(FailureKind::other), "mx:587", "pw");
  CHECK(outcome.status == Status::failed);
  CHECK(outcome.error == "554 5.7.1 Rejected as spam");
}

TEST_CASE("delivery: a connection lost before the end of the data is deferred", "[delivery]") {
  const TransferLog log = up_to_data();
  const Outcome outcome = judge(log, failure(FailureKind::other), "mx:587", "pw");
  CHECK(outcome.status == Status::deferred);
  CHECK_FALSE(outcome.session_failed());
  CHECK(outcome.error ==
        "the connection to mx:587 was lost before the data was sent (Recv failure: Connection "
        "reset by peer)");
  CHECK(worth_a_fresh_connection(outcome, true));
  CHECK_FALSE(worth_a_fresh_connection(outcome, false));
}

TEST_CASE("delivery: a refused RCPT is judged by its reply, not by curl's QUIT", "[delivery]") {
  TransferLog log;
  for (const char* line :
       {"220 mx\r\n", "250 mx\r\n", "250 Ok\r\n", "550 5.1.1 No such user\r\n", "221 Bye\r\n"}) {
    log.add_line(line);
  }
  const Outcome outcome = judge(log, failure(FailureKind::other), "mx:587", "pw");
  CHECK(outcome.status == Status::failed);
  CHECK(outcome.dead_address);
}

TEST_CASE("delivery: a 421 on a reused connection earns one fresh try", "[delivery]") {
  TransferLog log;
  log.add_line("421 4.7.0 Too many messages, closing\r\n");
  const Outcome outcome = judge(log, failure(FailureKind::other, true), "mx:587", "pw");
  CHECK(outcome.status == Status::deferred);
  CHECK(outcome.reply.code == 421);
  CHECK(worth_a_fresh_connection(outcome, true));
}

TEST_CASE("delivery: a refusing greeting makes the server unreachable", "[delivery]") {
  TransferLog log;
  log.add_line("554 5.7.1 Your address is blocked\r\n");
  const Outcome outcome = judge(log, failure(FailureKind::other), "mx:587", "pw");
  CHECK(outcome.unreachable);
  CHECK(outcome.error == "mx:587 refuses connections: 554 5.7.1 Your address is blocked");
}

TEST_CASE("delivery: sessions that cannot start are unreachable or a refused login", "[delivery]") {
  const TransferLog empty;
  CHECK(judge(empty, failure(FailureKind::connect), "mx:587", "pw").error ==
        "cannot connect to mx:587: Recv failure: Connection reset by peer");
  CHECK(judge(empty, failure(FailureKind::timeout), "mx:587", "pw").unreachable);
  CHECK(judge(empty, failure(FailureKind::tls), "mx:587", "pw").unreachable);
  CHECK(judge(empty, failure(FailureKind::no_starttls), "mx:587", "pw").unreachable);
  TransferLog log;
  log.add_line("220 mx\r\n");
  log.add_line("535 5.7.8 Bad credentials\r\n");
  CHECK(judge(log, failure(FailureKind::login), "mx:587", "pw").login_refused);
}

TEST_CASE("delivery: the password never appears in an outcome", "[delivery]") {
  TransferLog log;
  log.add_line("220 mx\r\n");
  log.add_line("535 5.7.8 Bad credentials for hunter2-secret\r\n");
  TransferResult result = failure(FailureKind::login);
  const Outcome outcome = judge(log, result, "mx:587", "hunter2-secret");
  CHECK(outcome.error == "the server refused the login: 535 5.7.8 Bad credentials for ***");
  CHECK(outcome.reply.text == "Bad credentials for ***");
}
