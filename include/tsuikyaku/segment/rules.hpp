#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// Segment rules as the config states them (SPEC §5): tried in order, first match wins.

namespace tsuikyaku::segment {

enum class Scoring { percentile, quintile };

// An inclusive range; an absent bound is open.
struct Range {
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;

  bool contains(std::int64_t value) const {
    return (!min || value >= *min) && (!max || value <= *max);
  }
  bool empty() const { return !min && !max; }
};

struct Rule {
  std::string name;
  Range recency_days;
  Range frequency;
  Range monetary;  // minor units of the shop currency (the config writes major units)
  Range r, f, m;
  std::vector<int> rfm_codes;  // 555, 554 …; empty means any
};

// The rules SPEC §5 ships when the config has no `segments:`.
std::vector<Rule> default_rules();

// The name of a customer that matches no rule.
inline constexpr const char* k_other_segment = "other";

}  // namespace tsuikyaku::segment
