#include "tsuikyaku/segment/rules.hpp"

namespace tsuikyaku::segment {

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
