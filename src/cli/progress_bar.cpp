#include "progress_bar.hpp"

#include <fmt/format.h>

#include <ostream>

#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::cli {

ProgressBar::ProgressBar(std::ostream& err) : m_err(err), m_start(Clock::now()), m_last(m_start) {}

void ProgressBar::update(std::int64_t count, std::string_view unit, std::int64_t part,
                         std::int64_t whole) {
  const auto now = Clock::now();
  if (now - m_last < std::chrono::milliseconds(100)) return;
  m_last = now;
  const double seconds = std::chrono::duration<double>(now - m_start).count();
  std::string line = fmt::format(
      "\r\033[K  {} {}  {} {}/s", core::format_count(count), unit,
      core::format_count(static_cast<std::int64_t>(static_cast<double>(count) / seconds)), unit);
  if (whole > 0) {
    const auto percent = static_cast<int>(100 * part / whole);
    const auto filled = static_cast<std::size_t>(percent / 4);
    line += fmt::format("  {:3}% [{}{}]", percent, std::string(filled, '#'),
                        std::string(25 - filled, '.'));
  }
  m_err << line << std::flush;
  m_drawn = true;
}

void ProgressBar::clear() {
  if (m_drawn) m_err << "\r\033[K" << std::flush;
  m_drawn = false;
}

}  // namespace tsuikyaku::cli
