#include "tsuikyaku/delivery/run_guard.hpp"

#include <catch2/catch.hpp>

#include "tsuikyaku/delivery/classify.hpp"

using namespace tsuikyaku;
using namespace tsuikyaku::delivery;

namespace {

Outcome reply(const char* text) { return classify_reply(parse_reply(text)); }

Outcome no_reply(Status status, const char* error) {
  Outcome outcome;
  outcome.status = status;
  outcome.error = error;
  return outcome;
}

}  // namespace

TEST_CASE("delivery: the exit code follows SPEC 8.3, first match wins", "[delivery]") {
  RunTally tally;
  CHECK(exit_code(tally) == core::ExitCode::ok);
  tally.add(reply("250 ok"));
  tally.add(reply("550 5.1.1 No such user"));
  CHECK(tally.sent == 1);
  CHECK(tally.bounced == 1);
  CHECK(exit_code(tally) == core::ExitCode::ok);
  tally.add(reply("451 4.3.0 Later"));
  CHECK(exit_code(tally) == core::ExitCode::temp_fail);
  tally.add(no_reply(Status::unknown, "no reply after the data"));
  CHECK(exit_code(tally) == core::ExitCode::failure);
  tally.unknown = 0;
  tally.add(reply("554 5.7.1 Spam"));
  CHECK(tally.failed == 1);
  CHECK(exit_code(tally) == core::ExitCode::failure);
  tally.add(classify_auth_refusal(parse_reply("535 5.7.8 Bad credentials")));
  CHECK(tally.login_refused);
  CHECK(exit_code(tally) == core::ExitCode::config);
  Outcome down = no_reply(Status::deferred, "cannot connect");
  down.unreachable = true;
  tally.add(down);
  CHECK(tally.deferred == 1);
  CHECK(exit_code(tally) == core::ExitCode::unavailable);
}

TEST_CASE("delivery: ten equal failures in a row stop the run", "[delivery]") {
  CircuitBreaker breaker;
  for (int i = 0; i < 9; ++i) CHECK_FALSE(breaker.record(reply("451 4.7.1 Rate limited")));
  const auto reason = breaker.record(reply("451 4.7.1 Rate limited"));
  REQUIRE(reason);
  CHECK(*reason ==
        "10 deliveries in a row ended deferred the same way (451 4.7.1 Rate limited); the rest "
        "stays queued");
  CHECK(breaker.record(reply("250 ok")) == reason);
}

TEST_CASE("delivery: a different failure or a success starts the row again", "[delivery]") {
  CircuitBreaker breaker(3);
  CHECK_FALSE(breaker.record(reply("550 5.1.1 No such user")));
  CHECK_FALSE(breaker.record(reply("550 5.1.1 Unknown user, other text")));
  CHECK_FALSE(breaker.record(reply("554 5.7.1 Spam")));
  CHECK_FALSE(breaker.record(reply("550 5.1.1 No such user")));
  CHECK_FALSE(breaker.record(reply("550 5.1.1 No such user")));
  CHECK_FALSE(breaker.record(reply("250 ok")));
  CHECK_FALSE(breaker.record(reply("550 5.1.1 No such user")));
  CHECK_FALSE(breaker.record(reply("550 5.1.1 No such user")));
  CHECK(breaker.record(reply("550 5.1.1 No such user")));
}

TEST_CASE("delivery: failures without a reply count by their status", "[delivery]") {
  CircuitBreaker breaker(2);
  CHECK_FALSE(breaker.record(no_reply(Status::unknown, "no reply after the data")));
  CHECK_FALSE(breaker.record(no_reply(Status::deferred, "connection lost before the data")));
  const auto reason = breaker.record(no_reply(Status::deferred, "connection lost before the data"));
  REQUIRE(reason);
  CHECK(*reason ==
        "2 deliveries in a row ended deferred the same way (connection lost before the data); "
        "the rest stays queued");
}

TEST_CASE("delivery: a refused login or an unreachable server stops the run at once",
          "[delivery]") {
  CircuitBreaker breaker;
  const auto reason = breaker.record(classify_auth_refusal(parse_reply("535 5.7.8 Bad login")));
  REQUIRE(reason);
  CHECK(*reason == "the server refused the login: 535 5.7.8 Bad login; the rest stays queued");
}
