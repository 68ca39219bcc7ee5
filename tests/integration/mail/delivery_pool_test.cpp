#include "tsuikyaku/mail/delivery_pool.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <deque>
#include <set>
#include <stdexcept>
#include <thread>

#include "smtp_server.hpp"
#include "tsuikyaku/delivery/classify.hpp"
#include "tsuikyaku/delivery/run_guard.hpp"
#include "tsuikyaku/mail/smtp_transport.hpp"

using namespace tsuikyaku;
using namespace tsuikyaku::testing;
using delivery::Outcome;
using delivery::Status;

namespace {

mail::OutgoingMessage numbered(int n) {
  mail::OutgoingMessage message;
  message.ledger_id = n;
  message.sender = "hello@kaede.test";
  message.recipient = "customer" + std::to_string(n) + "@example.test";
  message.message_id = "m" + std::to_string(n) + "@kaede.test";
  message.data = "From: <hello@kaede.test>\r\nTo: <" + message.recipient +
                 ">\r\nSubject: " + std::to_string(n) + "\r\n\r\nHello.\r\n";
  return message;
}

// The caller's side of the pool: a queue of n messages and the outcomes reported.
struct Queue {
  std::deque<mail::OutgoingMessage> waiting;
  std::vector<std::pair<std::int64_t, Outcome>> reported;
  std::vector<std::int64_t> handed_over;
  std::vector<std::chrono::steady_clock::time_point> taken;  // when next() handed one out
  std::atomic<int> inside{0};                                // callbacks running at this moment
  bool overlapped = false;

  explicit Queue(int n) {
    for (int i = 1; i <= n; ++i) waiting.push_back(numbered(i));
  }
  mail::PoolCallbacks callbacks(delivery::CircuitBreaker* breaker = nullptr) {
    mail::PoolCallbacks out;
    out.next = [this]() -> std::optional<mail::OutgoingMessage> {
      const Guard guard(*this);
      if (waiting.empty()) return std::nullopt;
      taken.push_back(std::chrono::steady_clock::now());
      auto message = waiting.front();
      waiting.pop_front();
      return message;
    };
    out.on_hand_over = [this](const mail::OutgoingMessage& message) {
      const Guard guard(*this);
      handed_over.push_back(message.ledger_id);
    };
    out.on_outcome = [this, breaker](const mail::OutgoingMessage& message, const Outcome& outcome) {
      const Guard guard(*this);
      reported.emplace_back(message.ledger_id, outcome);
      const bool stop = breaker != nullptr && breaker->record(outcome).has_value();
      return stop ? mail::Verdict::stop : mail::Verdict::go_on;
    };
    return out;
  }

 private:
  struct Guard {
    Queue& queue;
    explicit Guard(Queue& q) : queue(q) {
      if (++queue.inside > 1) queue.overlapped = true;
      std::this_thread::yield();
    }
    ~Guard() { --queue.inside; }
  };
};

// Answers by recipient number: multiples of `refuse_every` get 451, the rest 250.
class FakeTransport final : public mail::Transport {
 public:
  explicit FakeTransport(int refuse_every = 0) : m_refuse_every(refuse_every) {}
  std::string_view name() const override { return "fake"; }
  std::unique_ptr<mail::Connection> open_connection() override {
    ++opened;
    return std::make_unique<FakeConnection>(*this);
  }
  std::atomic<int> opened{0};
  std::atomic<bool> throw_at_5{false};

 private:
  class FakeConnection final : public mail::Connection {
   public:
    explicit FakeConnection(FakeTransport& owner) : m_owner(owner) {}

   private:
    Outcome transfer(const mail::OutgoingMessage& message,
                     const mail::HandOver& hand_over) override {
      if (m_owner.throw_at_5) {
        if (message.ledger_id == 5) throw std::runtime_error("disk full");
        // A delivery takes a little time, as a real one does: without it the other
        // connection could run through a hundred messages while the exception unwinds
        // (seen in 4 runs of 60), and the test would measure the unwinding.
        std::this_thread::sleep_for(std::chrono::microseconds{200});
      }
      const bool refuse =
          m_owner.m_refuse_every > 0 && message.ledger_id % m_owner.m_refuse_every == 0;
      if (!refuse) hand_over();  // as a server that refuses at RCPT never gets the data
      return delivery::classify_reply(
          delivery::parse_reply(refuse ? "451 4.7.1 Slow down" : "250 2.0.0 Ok: queued as X"));
    }

    FakeTransport& m_owner;
  };
  int m_refuse_every;
};

}  // namespace

TEST_CASE("mail: the pool delivers every message once, callbacks one at a time", "[mail]") {
  FakeTransport transport;
  Queue queue(200);
  const auto result = mail::deliver_all(transport, {4, std::nullopt}, queue.callbacks());
  CHECK(result.delivered == 200);
  CHECK_FALSE(result.stopped);
  CHECK(queue.reported.size() == 200);
  std::set<std::int64_t> ids;
  for (const auto& [id, outcome] : queue.reported) ids.insert(id);
  CHECK(ids.size() == 200);
  CHECK(transport.opened <= 4);
  CHECK_FALSE(queue.overlapped);
}

TEST_CASE("mail: a connection's hand-over reaches the caller under the lock, once each", "[mail]") {
  FakeTransport transport(3);  // every third refused, as at RCPT: never handed over
  Queue queue(90);
  mail::deliver_all(transport, {4, std::nullopt}, queue.callbacks());
  std::set<std::int64_t> expected;
  for (std::int64_t id = 1; id <= 90; ++id) {
    if (id % 3 != 0) expected.insert(id);
  }
  CHECK(queue.handed_over.size() == 60);
  CHECK(std::set<std::int64_t>(queue.handed_over.begin(), queue.handed_over.end()) == expected);
  CHECK_FALSE(queue.overlapped);
}

TEST_CASE("mail: a stop from the outcome callback leaves the rest queued", "[mail]") {
  FakeTransport transport(1);  // every message 451
  Queue queue(100);
  delivery::CircuitBreaker breaker;
  const auto result = mail::deliver_all(transport, {3, std::nullopt}, queue.callbacks(&breaker));
  CHECK(result.stopped);
  // The tenth equal failure stops the run; deliveries already under way on the other
  // two connections still finish and are reported.
  CHECK(result.delivered >= 10);
  CHECK(result.delivered <= 12);
  CHECK(queue.waiting.size() == static_cast<std::size_t>(100 - result.delivered));
}

TEST_CASE("mail: an exception in a connection stops the pool and reaches the caller", "[mail]") {
  FakeTransport transport;
  transport.throw_at_5 = true;
  Queue queue(1000);
  CHECK_THROWS_WITH(mail::deliver_all(transport, {2, std::nullopt}, queue.callbacks()),
                    "disk full");
  CHECK(queue.waiting.size() > 900);
}

TEST_CASE("mail: several SMTP connections in parallel keep to the rate", "[mail]") {
  const SmtpTestServer server;
  mail::SmtpSettings settings;
  settings.server = server.smtp_config();
  settings.password = server.options().password;
  mail::SmtpTransport transport(settings);
  Queue queue(24);
  const core::Rate rate{40, std::chrono::seconds{1}};
  const auto start = std::chrono::steady_clock::now();
  const auto result = mail::deliver_all(transport, {4, rate}, queue.callbacks());
  CHECK(result.delivered == 24);
  for (const auto& [id, outcome] : queue.reported) CHECK(outcome.status == Status::sent);
  const auto received = server.messages();
  REQUIRE(received.size() == 24);
  std::set<std::string> recipients;
  std::set<int> connections;
  for (const auto& message : received) {
    recipients.insert(message.rcpt_tos.at(0));
    connections.insert(message.connection);
  }
  CHECK(recipients.size() == 24);
  CHECK(connections.size() <= 4);
  CHECK(server.connections() <= 4);
  // At 40/s the i-th message is taken no earlier than i × 25 ms after the start: a
  // bound the token bucket guarantees, not a speed.
  REQUIRE(queue.taken.size() == 24);
  for (std::size_t i = 0; i < queue.taken.size(); ++i) {
    CHECK(queue.taken[i] - start >= static_cast<int>(i) * std::chrono::milliseconds{25});
  }
}
