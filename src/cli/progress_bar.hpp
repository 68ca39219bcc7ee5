#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

// The progress line of long commands on a terminal (SPEC §11: terminals only, never
// when piped): a count, its rate, and a percentage with a bar when the whole is known.

namespace tsuikyaku::cli {

// Draws on stderr, at most ten times a second.
class ProgressBar {
 public:
  explicit ProgressBar(std::ostream& err);

  // `count` things of `unit` so far; `part` of `whole` done (whole 0: unknown).
  void update(std::int64_t count, std::string_view unit, std::int64_t part, std::int64_t whole);
  // Removes the line, before other output or at the end.
  void clear();

 private:
  using Clock = std::chrono::steady_clock;
  std::ostream& m_err;
  Clock::time_point m_start, m_last;
  bool m_drawn = false;
};

}  // namespace tsuikyaku::cli
