#include "tsuikyaku/mail/delivery_pool.hpp"

#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "tsuikyaku/delivery/token_bucket.hpp"

namespace tsuikyaku::mail {
namespace {

class Pool {
 public:
  Pool(Transport& transport, const PoolOptions& options, const PoolCallbacks& callbacks)
      : m_transport(transport), m_callbacks(callbacks) {
    if (options.rate) m_bucket.emplace(*options.rate);
  }

  void work() {
    try {
      std::unique_ptr<Connection> connection;
      while (auto message = take()) {
        if (!connection) connection = m_transport.open_connection();
        const delivery::Outcome outcome =
            connection->deliver(*message, [this, &message] { hand_over(*message); });
        report(*message, outcome);
      }
    } catch (...) {
      const std::lock_guard lock(m_mutex);
      if (!m_error) m_error = std::current_exception();
      m_stopping = true;
    }
  }

  PoolResult finish() {
    if (m_error) std::rethrow_exception(m_error);
    return m_result;
  }

 private:
  // The rate slot comes first and the message second, so a run told to stop while a
  // thread waits for its slot leaves that message untouched in the queue.
  std::optional<OutgoingMessage> take() {
    if (m_bucket) {
      const auto slot = m_bucket->reserve(delivery::TokenBucket::Clock::now());
      std::this_thread::sleep_until(slot);
    }
    const std::lock_guard lock(m_mutex);
    if (m_stopping) return std::nullopt;
    auto message = m_callbacks.next();
    if (!message) m_stopping = true;
    return message;
  }

  void hand_over(const OutgoingMessage& message) {
    const std::lock_guard lock(m_mutex);
    if (m_callbacks.on_hand_over) m_callbacks.on_hand_over(message);
  }

  void report(const OutgoingMessage& message, const delivery::Outcome& outcome) {
    const std::lock_guard lock(m_mutex);
    ++m_result.delivered;
    if (m_callbacks.on_outcome(message, outcome) == Verdict::stop) {
      m_result.stopped = true;
      m_stopping = true;
    }
  }

  Transport& m_transport;
  const PoolCallbacks& m_callbacks;
  std::optional<delivery::TokenBucket> m_bucket;
  std::mutex m_mutex;
  bool m_stopping = false;
  PoolResult m_result;
  std::exception_ptr m_error;
};

}  // namespace

PoolResult deliver_all(Transport& transport, const PoolOptions& options,
                       const PoolCallbacks& callbacks) {
  Pool pool(transport, options, callbacks);
  std::vector<std::thread> threads;
  const int count = options.connections < 1 ? 1 : options.connections;
  threads.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) threads.emplace_back([&pool] { pool.work(); });
  for (auto& thread : threads) thread.join();
  return pool.finish();
}

}  // namespace tsuikyaku::mail
