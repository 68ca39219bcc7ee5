#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

// Segment rules as the config states them (SPEC §5): tried in order, first match wins.

namespace tsuikyaku::segment {

enum class Scoring { percentile, quintile };

// "percentile" or "quintile", as the config and JSON output write it.
const char* scoring_name(Scoring scoring);

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

// What a rule is tested against: one customer's metrics and scores (SPEC §5).
struct Rfm {
  std::int64_t recency_days = 0;  // whole days from the last order to the as-of moment
  std::int64_t frequency = 0;     // qualifying orders
  std::int64_t monetary = 0;      // their totals, minor units
  int r = 1, f = 1, m = 1;        // scores 1..5

  int code() const { return 100 * r + 10 * f + m; }  // 555, 554 …
};

// The rules prepared for matching many customers: code lists become lookup tables.
// Holds a view of the rules, which must outlive it.
class RuleMatcher {
 public:
  explicit RuleMatcher(std::span<const Rule> rules);

  // The index of the first rule that matches, or the number of rules when none does
  // (the customer is `other`).
  std::size_t match(const Rfm& customer) const;

  // When the customer entered the segment it is in, as far as time alone moves it: the
  // fewest whole days since its last order from which, its orders and scores as they are,
  // it has matched the same rule (or none) every day up to its recency. Exact for rules
  // on recency_days, frequency and monetary; the r score is taken as it is now.
  std::int64_t entry_recency(const Rfm& customer) const;

 private:
  bool matches(std::size_t rule, const Rfm& customer) const;

  using CodeSet = std::array<bool, 125>;  // indexed by (r-1)*25 + (f-1)*5 + (m-1)

  std::span<const Rule> m_rules;
  std::vector<std::optional<CodeSet>> m_codes;  // nullopt: the rule has no code list
};

// The rules SPEC §5 ships when the config has no `segments:`.
std::vector<Rule> default_rules();

// The name of a customer that matches no rule; no rule may be called so.
inline constexpr const char* k_other_segment = "other";

}  // namespace tsuikyaku::segment
