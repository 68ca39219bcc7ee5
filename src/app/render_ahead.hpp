#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "tsuikyaku/app/deliver.hpp"

// Renders the rows of a delivery run on a thread of its own, in order, a few messages
// ahead of the connections. Rendering (templates, Markdown, MIME) costs more than the
// ledger's two commits per message; done under the pool's lock it left the second core
// idle and halved the rate (docs/benchmarks.md). The render callback runs on this one
// thread only, one row at a time.

namespace tsuikyaku::app {

class RenderAhead {
 public:
  struct Item {
    std::size_t index = 0;                         // into the rows
    std::optional<mail::OutgoingMessage> message;  // rendered
    std::string error;                             // or a data error: the row cannot be sent
  };

  RenderAhead(std::span<const store::LedgerRow> rows, const RenderRow& render);
  ~RenderAhead();
  RenderAhead(const RenderAhead&) = delete;
  RenderAhead& operator=(const RenderAhead&) = delete;

  // The next row's rendering, waiting for it; nullopt after the last row. Rethrows what
  // the render callback threw, other than a core::Error of kind data.
  std::optional<Item> pop();

  // The next row's rendering as pop(), then those of the rows after it that are already
  // rendered, up to max in all; empty after the last row.
  std::vector<Item> pop_ready(std::size_t max);

  // Rows handed out by pop() so far: rows [0, taken()) are the ones handed out.
  std::size_t taken() const { return m_taken; }

 private:
  static constexpr std::size_t k_ahead = 64;

  void work();
  void stop();

  std::span<const store::LedgerRow> m_rows;
  const RenderRow& m_render;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<Item> m_ready;
  std::size_t m_rendered = 0;  // rows rendered (or failed) so far
  std::size_t m_taken = 0;
  bool m_stopping = false;
  std::exception_ptr m_error;
  std::thread m_thread;
};

}  // namespace tsuikyaku::app
