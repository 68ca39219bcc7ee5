#include <fmt/format.h>

#include <set>

#include "config_parts.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::config {
namespace {

using yaml::MapReader;

segment::Range parse_range(const MapReader& when, std::string_view key, std::int64_t lo,
                           std::int64_t hi) {
  const MapReader range(when.get(key), when.file(), std::string(key));
  range.allow({"min", "max"});
  segment::Range out;
  out.min = range.optional_int("min", lo, hi);
  out.max = range.optional_int("max", lo, hi);
  if (out.min && out.max && *out.min > *out.max) {
    throw range.error("min", fmt::format("{} is above max {}", *out.min, *out.max));
  }
  return out;
}

// monetary is written in major units of the shop currency ("5000", "49.99").
segment::Range parse_money_range(const MapReader& when, const core::Currency& currency) {
  const MapReader range(when.get("monetary"), when.file(), "monetary");
  range.allow({"min", "max"});
  const auto amount = [&](std::string_view key) -> std::optional<std::int64_t> {
    const auto text = range.optional_string(key);
    if (!text) return std::nullopt;
    const core::AmountParse parsed = core::parse_amount(*text, currency);
    if (!parsed.ok) {
      throw range.error(key, fmt::format("expected an amount in {} like {}", currency.code,
                                         currency.exponent == 0 ? "5000" : "49.99"));
    }
    return parsed.minor;
  };
  segment::Range out{amount("min"), amount("max")};
  if (out.min && out.max && *out.min > *out.max) {
    throw range.error("min", fmt::format("{} is above max {}", *range.optional_string("min"),
                                         *range.optional_string("max")));
  }
  return out;
}

std::vector<int> parse_codes(const MapReader& when) {
  const YAML::Node list = when.get("rfm");
  const std::string_view expected =
      "expected a list of three-digit codes of scores 1-5, like [555, 554]";
  if (!list.IsSequence() || list.size() == 0) throw when.error("rfm", expected);
  std::vector<int> codes;
  for (const auto& item : list) {
    const std::string text = yaml::scalar(item, when.file(), "rfm");
    const bool ok = text.size() == 3 && text.find_first_not_of("12345") == std::string::npos;
    if (!ok) throw yaml::error_at(item, when.file(), "rfm", expected);
    codes.push_back(std::stoi(text));
  }
  return codes;
}

segment::Rule parse_rule(const YAML::Node& item, const std::string& file,
                         const core::Currency& currency) {
  const MapReader rule(item, file, "segments");
  rule.allow({"name", "when"});
  segment::Rule out;
  out.name = rule.string("name");
  if (out.name.empty() || out.name.find_first_of(" \t,") != std::string::npos ||
      core::has_control_chars(out.name)) {
    throw rule.error("name", "expected a name without spaces or commas, like loyal");
  }
  if (out.name == segment::k_other_segment) {
    throw rule.error("name", "'other' is reserved for the customers that match no rule");
  }
  if (!rule.has("when")) return out;  // a rule without conditions matches everyone
  const MapReader when(rule.get("when"), file, "when");
  when.allow({"recency_days", "frequency", "monetary", "r", "f", "m", "rfm"});
  constexpr std::int64_t k_huge = 1'000'000'000;
  if (when.has("recency_days")) out.recency_days = parse_range(when, "recency_days", 0, k_huge);
  if (when.has("frequency")) out.frequency = parse_range(when, "frequency", 0, k_huge);
  if (when.has("monetary")) out.monetary = parse_money_range(when, currency);
  if (when.has("r")) out.r = parse_range(when, "r", 1, 5);
  if (when.has("f")) out.f = parse_range(when, "f", 1, 5);
  if (when.has("m")) out.m = parse_range(when, "m", 1, 5);
  if (when.has("rfm")) out.rfm_codes = parse_codes(when);
  return out;
}

}  // namespace

std::vector<segment::Rule> parse_segment_rules(const YAML::Node& list, const std::string& file,
                                               const core::Currency& currency) {
  if (!list.IsSequence() || list.size() == 0) {
    throw yaml::error_at(list, file, "segments",
                         "expected a list of rules like - { name: loyal, when: {...} }, or the "
                         "name of a segment file");
  }
  std::vector<segment::Rule> rules;
  std::set<std::string> names;
  for (const auto& item : list) {
    segment::Rule rule = parse_rule(item, file, currency);
    if (!names.insert(rule.name).second) {
      throw yaml::error_at(item["name"], file, "name",
                           fmt::format("duplicate segment name '{}'", rule.name));
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

}  // namespace tsuikyaku::config
