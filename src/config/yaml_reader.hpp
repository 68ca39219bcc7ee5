#pragma once

// Reading YAML mappings with errors that point at the place in the file (SPEC §2:
// `file:line:col: key: expected …`). Private to the config module: yaml-cpp stays out of
// the public headers.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "tsuikyaku/core/error.hpp"

namespace tsuikyaku::config::yaml {

// The 1-based place of a node; line 1, column 1 when yaml-cpp has none (a missing node).
core::SourceLocation location(const YAML::Node& node, const std::string& file);

// Parses text; a syntax error becomes a config error at its place, and so does a slip of
// a Japanese IME (yaml_slips.hpp) before yaml-cpp would misread it.
YAML::Node parse(std::string_view text, const std::string& file);

class MapReader {
 public:
  // `what` names the mapping in messages ("shop", "trigger"); empty for the top level.
  // Throws `what: expected a mapping` when node is not one.
  MapReader(YAML::Node node, std::string file, std::string what);

  // Rejects duplicate keys and keys not listed, suggesting the nearest known key.
  void allow(std::initializer_list<std::string_view> keys) const;

  bool has(std::string_view key) const;  // present and not null
  YAML::Node get(std::string_view key) const;

  // Scalars. The required forms throw `what: missing required key 'k'` when absent.
  std::string string(std::string_view key) const;
  std::optional<std::string> optional_string(std::string_view key) const;
  std::optional<std::int64_t> optional_int(std::string_view key, std::int64_t min,
                                           std::int64_t max) const;
  std::optional<bool> optional_bool(std::string_view key) const;

  // A scalar run through parse (string -> std::optional<T>); nullopt from parse becomes
  // `key: expected <expected>` at the value.
  template <typename Parse>
  auto optional_parsed(std::string_view key, Parse parse, std::string_view expected) const
      -> decltype(parse(std::string{})) {
    const auto text = optional_string(key);
    if (!text) return std::nullopt;
    auto value = parse(*text);
    if (!value) throw error(key, "expected " + std::string(expected));
    return value;
  }

  // `key: message` at the key's value.
  core::Error error(std::string_view key, std::string_view message) const;
  core::Error missing(std::string_view key) const;

  const std::string& file() const { return m_file; }
  const YAML::Node& node() const { return m_node; }

 private:
  YAML::Node m_node;
  std::string m_file;
  std::string m_what;
};

// `message` at node, prefixed with the key: "file:l:c: key: message".
core::Error error_at(const YAML::Node& node, const std::string& file, std::string_view key,
                     std::string_view message);

// The scalar text of node, or `key: expected a string` when it is a list or a mapping.
std::string scalar(const YAML::Node& node, const std::string& file, std::string_view key);

}  // namespace tsuikyaku::config::yaml
