#include "tsuikyaku/delivery/classify.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku::delivery;

TEST_CASE("delivery: a reply is parsed into code, enhanced code and text", "[delivery]") {
  const Reply reply = parse_reply("250 2.0.0 Ok: queued as 4XyZ1\r\n");
  CHECK(reply.code == 250);
  CHECK(reply.enhanced == "2.0.0");
  CHECK(reply.text == "Ok: queued as 4XyZ1");

  const Reply plain = parse_reply("451 Try again later\n");
  CHECK(plain.code == 451);
  CHECK(plain.enhanced.empty());
  CHECK(plain.text == "Try again later");
}

TEST_CASE("delivery: a multi-line reply keeps the enhanced code once and joins the text",
          "[delivery]") {
  const Reply reply = parse_reply(
      "550-5.1.1 The email account that you tried to reach does not exist.\r\n"
      "550 5.1.1 Please try double-checking the recipient's address.\r\n");
  CHECK(reply.code == 550);
  CHECK(reply.enhanced == "5.1.1");
  CHECK(reply.text ==
        "The email account that you tried to reach does not exist. Please try "
        "double-checking the recipient's address.");
  CHECK(format_reply(reply) == "550 5.1.1 " + reply.text);
}

TEST_CASE("delivery: an enhanced code of another class than the reply is ignored", "[delivery]") {
  const Reply reply = parse_reply("550 4.1.1 odd server\r\n");
  CHECK(reply.enhanced.empty());
  CHECK(reply.text == "4.1.1 odd server");
  CHECK(parse_reply("250 2.0.0\r\n").enhanced == "2.0.0");
  CHECK(parse_reply("250 2.0.0x\r\n").enhanced.empty());
  CHECK(parse_reply("221 2.0.0 Bye").text == "Bye");
}

TEST_CASE("delivery: text that is not a reply has code 0", "[delivery]") {
  CHECK(parse_reply("").code == 0);
  CHECK(parse_reply("hello\r\n").code == 0);
  CHECK(parse_reply("25 short\r\n").code == 0);
  CHECK(parse_reply("250x text\r\n").code == 0);
  CHECK(format_reply(parse_reply("")).empty());
}

TEST_CASE("delivery: 2xx is sent with the queue id", "[delivery]") {
  const Outcome outcome = classify_reply(parse_reply("250 2.0.0 Ok: queued as 4XyZ1"));
  CHECK(outcome.status == Status::sent);
  CHECK(outcome.server_id == "4XyZ1");
  CHECK(outcome.error.empty());
}

TEST_CASE("delivery: 4xx is deferred", "[delivery]") {
  const Outcome outcome = classify_reply(parse_reply("451 4.3.0 Try again later"));
  CHECK(outcome.status == Status::deferred);
  CHECK_FALSE(outcome.dead_address);
  CHECK(outcome.error == "451 4.3.0 Try again later");
}

TEST_CASE("delivery: 5.1.1, 5.1.2 and 5.1.3 are failed dead addresses", "[delivery]") {
  for (const char* text : {"550 5.1.1 No such user", "550 5.1.2 Bad destination system",
                           "553 5.1.3 Bad destination mailbox address syntax"}) {
    INFO(text);
    const Outcome outcome = classify_reply(parse_reply(text));
    CHECK(outcome.status == Status::failed);
    CHECK(outcome.dead_address);
    CHECK(outcome.error == text);
  }
}

TEST_CASE("delivery: other 5xx are failed without suppression", "[delivery]") {
  for (const char* text :
       {"554 5.7.1 Message rejected as spam", "550 5.1.0 Sender rejected",
        "552 5.3.4 Message too big", "500 5.5.2 Syntax error", "550 No such user here"}) {
    INFO(text);
    const Outcome outcome = classify_reply(parse_reply(text));
    CHECK(outcome.status == Status::failed);
    CHECK_FALSE(outcome.dead_address);
  }
}

TEST_CASE("delivery: a reply that is no final reply is a protocol failure", "[delivery]") {
  const Outcome outcome = classify_reply(parse_reply("354 End data with <CR><LF>.<CR><LF>"));
  CHECK(outcome.status == Status::failed);
  CHECK(outcome.error == "unexpected reply from the server: 354 End data with <CR><LF>.<CR><LF>");
}

TEST_CASE("delivery: a refused login stops the run, a temporary one is deferred", "[delivery]") {
  const Outcome refused =
      classify_auth_refusal(parse_reply("535 5.7.8 Authentication credentials invalid"));
  CHECK(refused.login_refused);
  CHECK(refused.session_failed());
  CHECK(refused.status == Status::deferred);
  CHECK(refused.error ==
        "the server refused the login: 535 5.7.8 Authentication credentials invalid");

  const Outcome later = classify_auth_refusal(parse_reply("454 4.7.0 Temporary failure"));
  CHECK_FALSE(later.login_refused);
  CHECK(later.status == Status::deferred);
  CHECK(later.error == "the server cannot check the login now: 454 4.7.0 Temporary failure");
}

TEST_CASE("delivery: the queue id is the word after queued as, else the reply text", "[delivery]") {
  CHECK(queue_id(parse_reply("250 2.0.0 Ok: queued as 4XyZ1")) == "4XyZ1");
  CHECK(queue_id(parse_reply("250 OK id=1rABCD-0001 Queued As X")) == "X");
  CHECK(queue_id(parse_reply("250 Ok 0100018c-abc-000000")) == "Ok 0100018c-abc-000000");
  CHECK(queue_id(parse_reply("250 2.0.0 OK")) == "");
  CHECK(queue_id(parse_reply("250 OK.")) == "");
  CHECK(queue_id(parse_reply("250 " + std::string(300, 'x'))).size() == 200);
}
