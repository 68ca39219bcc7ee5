#include <algorithm>

#include "tsuikyaku/report/report.hpp"
#include "tsuikyaku/segment/rules.hpp"

// Segment sizes and movement between two stored runs (SPEC §5, §9). The store groups
// the rows; this puts them in the order a shop owner reads them: the rules' order.

namespace tsuikyaku::report {
namespace {

// The rules' names, then `other` and every other name seen, alphabetically after it.
std::vector<std::string> axis(const std::vector<std::string>& rules,
                              const std::vector<std::string>& seen) {
  std::vector<std::string> names = rules;
  const auto in = [](const std::vector<std::string>& list, std::string_view name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  if (in(seen, segment::k_other_segment) && !in(names, segment::k_other_segment)) {
    names.emplace_back(segment::k_other_segment);
  }
  std::vector<std::string> extra;
  for (const std::string& name : seen) {
    if (!in(names, name) && !in(extra, name)) {
      extra.push_back(name);
    }
  }
  std::sort(extra.begin(), extra.end());
  names.insert(names.end(), extra.begin(), extra.end());
  return names;
}

std::size_t position(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

}  // namespace

SegmentSummary summarize_segments(SegmentRun run, std::vector<SegmentTally> tallies) {
  std::vector<std::string> seen;
  for (const SegmentTally& tally : tallies) seen.push_back(tally.name);
  SegmentSummary summary;
  for (const std::string& name : axis(run.rules, seen)) {
    const auto it = std::find_if(tallies.begin(), tallies.end(),
                                 [&](const SegmentTally& tally) { return tally.name == name; });
    SegmentTally tally = it == tallies.end() ? SegmentTally{name, 0, 0, 0} : *it;
    summary.totals.customers += tally.customers;
    summary.totals.orders += tally.orders;
    summary.totals.revenue += tally.revenue;
    summary.segments.push_back(std::move(tally));
  }
  summary.run = std::move(run);
  return summary;
}

Movement summarize_movement(SegmentRun from, SegmentRun to, std::vector<Move> cells) {
  std::vector<std::string> seen = from.rules;
  for (const Move& move : cells) {
    if (!move.from.empty()) seen.push_back(move.from);
    if (!move.to.empty()) seen.push_back(move.to);
  }
  Movement movement;
  movement.names = axis(to.rules, seen);
  movement.names.emplace_back();
  std::erase_if(cells, [](const Move& move) { return move.customers == 0; });
  std::sort(cells.begin(), cells.end(), [&](const Move& a, const Move& b) {
    const auto key = [&](const Move& move) {
      return std::pair{position(movement.names, move.from), position(movement.names, move.to)};
    };
    return key(a) < key(b);
  });
  movement.moves = std::move(cells);
  movement.from = std::move(from);
  movement.to = std::move(to);
  return movement;
}

std::int64_t Movement::count(std::string_view from_name, std::string_view to_name) const {
  std::int64_t total = 0;
  for (const Move& move : moves) {
    if (move.from == from_name && move.to == to_name) total += move.customers;
  }
  return total;
}

std::optional<std::int64_t> Movement::named(std::string_view from_name,
                                            std::string_view to_name) const {
  const auto has = [](const SegmentRun& run, std::string_view name) {
    return std::find(run.rules.begin(), run.rules.end(), name) != run.rules.end();
  };
  if (!has(from, from_name) || !has(to, to_name)) return std::nullopt;
  return count(from_name, to_name);
}

double ratio(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::int64_t average_minor(std::int64_t total, std::int64_t count) {
  if (count <= 0) return 0;
  std::int64_t quotient = total / count;
  std::int64_t remainder = total % count;
  if (remainder < 0) remainder = -remainder;
  const std::int64_t twice = remainder * 2;
  const std::int64_t away = total < 0 ? -1 : 1;
  if (twice > count || (twice == count && quotient % 2 != 0)) quotient += away;
  return quotient;
}

}  // namespace tsuikyaku::report
