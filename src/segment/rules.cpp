#include "tsuikyaku/segment/rules.hpp"

#include <algorithm>

namespace tsuikyaku::segment {
namespace {

bool scores_in_range(const Rule& rule, const Rfm& customer) {
  return rule.recency_days.contains(customer.recency_days) &&
         rule.frequency.contains(customer.frequency) && rule.monetary.contains(customer.monetary) &&
         rule.r.contains(customer.r) && rule.f.contains(customer.f) && rule.m.contains(customer.m);
}

std::size_t code_index(int r, int f, int m) {
  return static_cast<std::size_t>((r - 1) * 25 + (f - 1) * 5 + (m - 1));
}

bool valid_score(int score) { return score >= 1 && score <= 5; }

}  // namespace

const char* scoring_name(Scoring scoring) {
  return scoring == Scoring::quintile ? "quintile" : "percentile";
}

RuleMatcher::RuleMatcher(std::span<const Rule> rules) : m_rules(rules) {
  m_codes.reserve(rules.size());
  for (const Rule& rule : rules) {
    if (rule.rfm_codes.empty()) {
      m_codes.emplace_back();
      continue;
    }
    CodeSet set{};
    for (const int code : rule.rfm_codes) {
      const int r = code / 100, f = code / 10 % 10, m = code % 10;
      // The config accepts only digits 1-5; anything else can match no customer.
      if (valid_score(r) && valid_score(f) && valid_score(m)) set[code_index(r, f, m)] = true;
    }
    m_codes.emplace_back(set);
  }
}

bool RuleMatcher::matches(std::size_t rule, const Rfm& customer) const {
  if (!scores_in_range(m_rules[rule], customer)) return false;
  return !m_codes[rule] || (*m_codes[rule])[code_index(customer.r, customer.f, customer.m)];
}

std::size_t RuleMatcher::match(const Rfm& customer) const {
  for (std::size_t i = 0; i < m_rules.size(); ++i) {
    if (matches(i, customer)) return i;
  }
  return m_rules.size();
}

std::int64_t RuleMatcher::entry_recency(const Rfm& customer) const {
  // Only recency moves with time. The rule matched now holds over an interval of recency
  // that reaches today; an earlier rule that matched on some day before ends that run of
  // days (it cannot match today, or it would be the one matched).
  const std::size_t current = match(customer);
  std::int64_t from = 0;
  if (current < m_rules.size()) from = m_rules[current].recency_days.min.value_or(0);
  for (std::size_t j = 0; j < current; ++j) {
    const auto& until = m_rules[j].recency_days.max;
    if (!until || *until >= customer.recency_days || *until < from) continue;
    Rfm then = customer;
    then.recency_days = *until;
    if (matches(j, then)) from = *until + 1;
  }
  return std::max<std::int64_t>(from, 0);
}

std::vector<Rule> default_rules() {
  std::vector<Rule> rules(4);
  rules[0].name = "dormant";  // no order for three months
  rules[0].recency_days.min = 90;
  rules[1].name = "loyal";  // buys often and spends much
  rules[1].frequency.min = 3;
  rules[1].m.min = 4;
  rules[2].name = "repeat";
  rules[2].frequency.min = 2;
  rules[3].name = "new";
  rules[3].frequency.max = 1;
  return rules;
}

}  // namespace tsuikyaku::segment
