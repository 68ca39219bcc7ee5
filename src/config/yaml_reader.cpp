#include "yaml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <vector>

#include "tsuikyaku/core/strings.hpp"
#include "yaml_slips.hpp"

namespace tsuikyaku::config::yaml {

core::SourceLocation location(const YAML::Node& node, const std::string& file) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {file, 1, 1};
  return {file, mark.line + 1, mark.column + 1};
}

YAML::Node parse(std::string_view text, const std::string& file) {
  if (const auto slip = find_ime_slip(text)) {
    throw core::config_error({file, slip->line, slip->column}, slip->message);
  }
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    const core::SourceLocation where{file, e.mark.line + 1, e.mark.column + 1};
    throw core::config_error(where, "invalid YAML: " + e.msg);
  }
}

core::Error error_at(const YAML::Node& node, const std::string& file, std::string_view key,
                     std::string_view message) {
  const std::string text = key.empty() ? std::string(message) : fmt::format("{}: {}", key, message);
  return core::config_error(location(node, file), text);
}

std::string scalar(const YAML::Node& node, const std::string& file, std::string_view key) {
  if (!node.IsScalar()) throw error_at(node, file, key, "expected a string");
  return node.Scalar();
}

MapReader::MapReader(YAML::Node node, std::string file, std::string what)
    : m_node(std::move(node)), m_file(std::move(file)), m_what(std::move(what)) {
  if (!m_node.IsMap()) throw error_at(m_node, m_file, m_what, "expected a mapping of keys");
}

void MapReader::allow(std::initializer_list<std::string_view> keys) const {
  std::vector<std::string> known(keys.begin(), keys.end());
  std::set<std::string> seen;
  for (auto it = m_node.begin(); it != m_node.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string{};
    const std::string prefix = m_what.empty() ? "" : m_what + ": ";
    if (!seen.insert(key).second) {
      throw core::config_error(location(it->first, m_file),
                               fmt::format("{}duplicate key '{}'", prefix, key));
    }
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    const std::string near = core::suggest(key, known);
    const std::string hint = near.empty()
                                 ? fmt::format("expected one of: {}", core::join(known, ", "))
                                 : fmt::format("did you mean '{}'?", near);
    throw core::config_error(location(it->first, m_file),
                             fmt::format("{}unknown key '{}'; {}", prefix, key, hint));
  }
}

bool MapReader::has(std::string_view key) const {
  const YAML::Node value = m_node[std::string(key)];
  return value.IsDefined() && !value.IsNull();
}

YAML::Node MapReader::get(std::string_view key) const { return m_node[std::string(key)]; }

std::string MapReader::string(std::string_view key) const {
  if (!has(key)) throw missing(key);
  return scalar(get(key), m_file, key);
}

std::optional<std::string> MapReader::optional_string(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  return scalar(get(key), m_file, key);
}

std::optional<std::int64_t> MapReader::optional_int(std::string_view key, std::int64_t min,
                                                    std::int64_t max) const {
  const auto text = optional_string(key);
  if (!text) return std::nullopt;
  const std::string expected = fmt::format("a whole number from {} to {}", min, max);
  std::int64_t value = 0;
  const char* first = text->data();
  const char* last = first + text->size();
  const auto [end, ec] = std::from_chars(first, last, value);
  if (ec != std::errc{} || end != last || value < min || value > max) {
    throw error(key, "expected " + expected);
  }
  return value;
}

std::optional<bool> MapReader::optional_bool(std::string_view key) const {
  const auto text = optional_string(key);
  if (!text) return std::nullopt;
  const std::string lowered = core::to_lower_ascii(*text);
  if (lowered == "true" || lowered == "yes") return true;
  if (lowered == "false" || lowered == "no") return false;
  throw error(key, "expected true or false");
}

core::Error MapReader::error(std::string_view key, std::string_view message) const {
  return error_at(get(key), m_file, key, message);
}

core::Error MapReader::missing(std::string_view key) const {
  const std::string text = fmt::format("missing required key '{}'", key);
  return error_at(m_node, m_file, m_what, text);
}

}  // namespace tsuikyaku::config::yaml
