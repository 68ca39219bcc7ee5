#include "tsuikyaku/config/mapping.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "tsuikyaku/config/config.hpp"
#include "tsuikyaku/core/money.hpp"
#include "tsuikyaku/core/paths.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "yaml_reader.hpp"

namespace tsuikyaku::config {
namespace {

using yaml::MapReader;

// The text fields whose value may join several columns.
const std::set<ingest::Field> k_joinable{
    ingest::Field::order_id, ingest::Field::name,   ingest::Field::address, ingest::Field::address2,
    ingest::Field::city,     ingest::Field::region, ingest::Field::country, ingest::Field::carrier};

std::string header_at(const YAML::Node& node, const std::string& file, std::string_view key) {
  std::string header = yaml::scalar(node, file, key);
  if (core::trim(header).empty()) {
    throw yaml::error_at(node, file, key, "expected the header of a column");
  }
  return header;
}

void read_columns(const YAML::Node& node, const std::string& file, ingest::Mapping& out) {
  if (!node.IsMap()) throw yaml::error_at(node, file, "columns", "expected a mapping of keys");
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = yaml::scalar(it->first, file, "columns");
    const auto field = ingest::field_from_name(key);
    if (!field) {
      const std::string near = core::suggest(key, ingest::field_names());
      const std::string hint = near.empty() ? "expected a field of the generic preset"
                                            : fmt::format("did you mean '{}'?", near);
      throw core::config_error(yaml::location(it->first, file),
                               fmt::format("columns: unknown field '{}'; {}", key, hint));
    }
    std::string& column = out.columns[static_cast<std::size_t>(*field)];
    if (!column.empty()) {
      throw core::config_error(yaml::location(it->first, file),
                               fmt::format("columns: duplicate key '{}'", key));
    }
    const YAML::Node value = it->second;
    if (value.IsSequence() && k_joinable.contains(*field)) {
      if (value.size() == 0) {
        throw yaml::error_at(value, file, key, "expected the headers of its columns");
      }
      for (const auto& item : value) {
        std::string header = header_at(item, file, key);
        if (column.empty()) {
          column = std::move(header);
        } else {
          out.joined[static_cast<std::size_t>(*field)].push_back(std::move(header));
        }
      }
    } else {
      column = header_at(value, file, key);
    }
  }
}

// `postal_fallback:` the columns of a second address, read when the row's own postal
// columns are all empty.
void read_postal_fallback(const YAML::Node& node, const std::string& file, ingest::Mapping& out) {
  if (!node.IsMap()) {
    throw yaml::error_at(node, file, "postal_fallback", "expected a mapping of keys");
  }
  std::vector<std::string> names;
  for (const auto field : ingest::k_postal_fields) names.emplace_back(ingest::field_name(field));
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = yaml::scalar(it->first, file, "postal_fallback");
    const auto field = ingest::field_from_name(key);
    const bool postal =
        field && std::find(ingest::k_postal_fields.begin(), ingest::k_postal_fields.end(),
                           *field) != ingest::k_postal_fields.end();
    if (!postal) {
      const std::string near = core::suggest(key, names);
      throw core::config_error(
          yaml::location(it->first, file),
          fmt::format("postal_fallback: '{}' is not a postal field; {}", key,
                      near.empty() ? "expected one of: " + core::join(names, ", ")
                                   : fmt::format("did you mean '{}'?", near)));
    }
    out.postal_fallback[static_cast<std::size_t>(*field)] = header_at(it->second, file, key);
  }
}

void check_fields(const MapReader& map, const ingest::Mapping& out) {
  using ingest::Field;
  for (const Field field : {Field::order_id, Field::ordered_at}) {
    if (!out.mapped(field)) {
      throw map.error("columns",
                      fmt::format("expected a column for {}", ingest::field_name(field)));
    }
  }
  if (!out.mapped(Field::customer_id) && !out.mapped(Field::email)) {
    throw map.error("columns", "expected a column for customer_id or email");
  }
  if (out.mapped(Field::quantity) != out.mapped(Field::unit_price)) {
    throw map.error("columns", "expected quantity and unit_price together (a line-item export)");
  }
  if (!out.mapped(Field::total) && !out.mapped(Field::quantity)) {
    throw map.error("columns", "expected a column for total, or quantity and unit_price");
  }
}

std::vector<std::string> string_list(const YAML::Node& node, const std::string& file,
                                     std::string_view key) {
  if (!node.IsSequence()) throw yaml::error_at(node, file, key, "expected a list of headers");
  std::vector<std::string> out;
  for (const auto& item : node) out.push_back(yaml::scalar(item, file, key));
  return out;
}

}  // namespace

ingest::Mapping parse_mapping(std::string_view text, const std::string& display_name,
                              std::string mapping_name, bool preset) {
  const YAML::Node root = yaml::parse(text, display_name);
  if (!root.IsDefined() || root.IsNull()) {
    throw core::config_error({display_name, 1, 1}, "empty mapping: expected at least `columns:`");
  }
  const MapReader map(root, display_name, "");
  map.allow({"columns", "currency", "date_format", "statuses", "cancelled_id_prefix", "detect",
             "postal_fallback"});
  ingest::Mapping out;
  out.name = std::move(mapping_name);
  out.preset = preset;
  if (!map.has("columns")) throw map.missing("columns");
  read_columns(map.get("columns"), display_name, out);
  if (map.has("postal_fallback"))
    read_postal_fallback(map.get("postal_fallback"), display_name, out);
  check_fields(map, out);
  if (const auto code = map.optional_string("currency")) {
    if (core::find_currency(*code) == nullptr) {
      throw map.error("currency", core::currency_code_problem(*code));
    }
    out.currency = *code;
  }
  if (const auto pattern = map.optional_string("date_format")) {
    core::Result<ingest::DateFormat> format = ingest::DateFormat::compile(*pattern);
    if (!format) {
      throw map.error(
          "date_format",
          fmt::format("expected a strptime format like %d/%m/%Y %H:%M ({})", format.reason()));
    }
    out.date_format = std::move(format).value();
  }
  if (map.has("statuses")) {
    const MapReader statuses(map.get("statuses"), display_name, "statuses");
    for (auto it = statuses.node().begin(); it != statuses.node().end(); ++it) {
      const std::string from = yaml::scalar(it->first, display_name, "statuses");
      out.statuses.emplace_back(from,
                                core::to_lower_ascii(yaml::scalar(it->second, display_name, from)));
    }
  }
  out.cancelled_id_prefix = map.optional_string("cancelled_id_prefix").value_or("");
  if (map.has("detect")) out.detect = string_list(map.get("detect"), display_name, "detect");
  return out;
}

ingest::Mapping load_mapping(const std::filesystem::path& file) {
  const std::string name = core::display_path(file);
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw core::Error(core::ErrorKind::config,
                      fmt::format("cannot read mapping {}: no such file or not readable", name));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_mapping(text.str(), name, "mapping:" + name, false);
}

}  // namespace tsuikyaku::config
