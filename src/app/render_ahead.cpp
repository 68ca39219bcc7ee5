#include "render_ahead.hpp"

#include "tsuikyaku/core/error.hpp"

namespace tsuikyaku::app {

RenderAhead::RenderAhead(std::span<const store::LedgerRow> rows, const RenderRow& render)
    : m_rows(rows), m_render(render), m_thread([this] { work(); }) {}

RenderAhead::~RenderAhead() { stop(); }

void RenderAhead::stop() {
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_changed.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

void RenderAhead::work() {
  for (std::size_t i = 0; i < m_rows.size(); ++i) {
    {
      std::unique_lock lock(m_mutex);
      m_changed.wait(lock, [this] { return m_stopping || m_ready.size() < k_ahead; });
      if (m_stopping) return;
    }
    Item item{i, std::nullopt, {}};
    std::exception_ptr error;
    try {
      item.message = m_render(m_rows[i]);
    } catch (const core::Error& e) {
      if (e.kind() != core::ErrorKind::data) error = std::current_exception();
      item.error = e.what();
    } catch (...) {
      error = std::current_exception();
    }
    {
      const std::lock_guard lock(m_mutex);
      if (error) {
        m_error = error;
      } else {
        m_ready.push_back(std::move(item));
      }
      ++m_rendered;
    }
    m_changed.notify_all();
    if (error) return;
  }
}

std::optional<RenderAhead::Item> RenderAhead::pop() {
  std::unique_lock lock(m_mutex);
  m_changed.wait(lock,
                 [this] { return !m_ready.empty() || m_error || m_rendered == m_rows.size(); });
  if (m_ready.empty()) {
    if (m_error) std::rethrow_exception(m_error);
    return std::nullopt;
  }
  Item item = std::move(m_ready.front());
  m_ready.pop_front();
  ++m_taken;
  lock.unlock();
  m_changed.notify_all();
  return item;
}

std::vector<RenderAhead::Item> RenderAhead::pop_ready(std::size_t max) {
  std::vector<Item> items;
  auto first = pop();
  if (!first) return items;
  items.push_back(std::move(*first));
  {
    const std::lock_guard lock(m_mutex);
    while (items.size() < max && !m_ready.empty()) {
      items.push_back(std::move(m_ready.front()));
      m_ready.pop_front();
      ++m_taken;
    }
  }
  m_changed.notify_all();
  return items;
}

}  // namespace tsuikyaku::app
