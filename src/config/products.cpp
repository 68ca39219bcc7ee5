#include "tsuikyaku/config/products.hpp"

#include <fmt/format.h>

#include <map>

#include "config_parts.hpp"
#include "tsuikyaku/core/paths.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "yaml_reader.hpp"

namespace tsuikyaku::config {
namespace {

using yaml::MapReader;
namespace fs = std::filesystem;

// A value that is one line of text, not empty.
std::optional<std::string> one_line(const MapReader& map, std::string_view key,
                                    std::string_view expected) {
  auto value = map.optional_string(key);
  if (value && (value->empty() || core::has_control_chars(*value))) {
    throw map.error(key, expected);
  }
  return value;
}

std::string read_care(const MapReader& map, const fs::path& dir, const std::string& text) {
  const fs::path file = workspace_file(map, "care", dir, text, "care/sencha.md");
  std::error_code ec;
  const auto care = fs::is_directory(file, ec) ? std::nullopt : read_text(file);
  if (!care) throw map.error("care", fmt::format("cannot read {}: no such file", text));
  if (!core::is_valid_utf8(*care)) {
    throw core::config_error({core::display_path(file), 1, 1}, "expected UTF-8 text");
  }
  return *care;
}

bool is_web_link(std::string_view url) {
  const bool scheme = core::starts_with(url, "https://") || core::starts_with(url, "http://");
  return scheme && url.size() > 8 && !core::has_control_chars(url) &&
         url.find_first_of(" <>\"") == std::string_view::npos &&
         url.find("{{") == std::string_view::npos;
}

segment::CatalogEntry parse_entry(const YAML::Node& item, const std::string& file,
                                  const fs::path& dir) {
  const MapReader map(item, file, "products");
  map.allow(
      {"sku", "category", "care", "review_url", "reorder_days", "reorder_group", "no_followup"});
  segment::CatalogEntry entry;
  entry.where = yaml::location(item, file);
  if (!map.has("sku")) throw map.missing("sku");
  entry.pattern = *one_line(map, "sku", "expected a SKU, or a glob like TEA-SEN-*");
  entry.category =
      one_line(map, "category", "expected a category name like green-tea").value_or("");
  if (const auto care = map.optional_string("care")) entry.care = read_care(map, dir, *care);
  if (const auto url = map.optional_string("review_url")) {
    if (!is_web_link(*url)) {
      throw map.error("review_url",
                      "expected an https:// URL like https://kaede.example/sencha#reviews");
    }
    entry.review_url = *url;
  }
  entry.reorder_days = map.optional_int("reorder_days", 1, 3650);
  if (const auto group = map.optional_string("reorder_group")) {
    if (group->empty() || group->find_first_of(" \t,") != std::string::npos ||
        core::has_control_chars(*group)) {
      throw map.error("reorder_group", "expected a name without spaces or commas, like sencha");
    }
    entry.reorder_group = *group;
  }
  entry.no_followup = map.optional_bool("no_followup").value_or(false);
  return entry;
}

}  // namespace

segment::Catalog parse_products(std::string_view text, const std::string& display_name,
                                const fs::path& dir) {
  const YAML::Node root = yaml::parse(text, display_name);
  segment::Catalog catalog;
  if (!root.IsDefined() || root.IsNull()) return catalog;
  const MapReader top(root, display_name, "");
  top.allow({"products"});
  if (!top.has("products")) throw top.missing("products");
  const YAML::Node list = top.get("products");
  if (!list.IsSequence()) {
    throw yaml::error_at(list, display_name, "products",
                         "expected a list of entries like - { sku: TEA-SEN-*, category: "
                         "green-tea }");
  }
  std::map<std::string, int> lines;
  for (const auto& item : list) {
    segment::CatalogEntry entry = parse_entry(item, display_name, dir);
    const auto [it, inserted] = lines.emplace(entry.pattern, entry.where.line);
    if (!inserted) {
      throw yaml::error_at(item["sku"], display_name, "sku",
                           fmt::format("'{}' is listed twice (line {}): only the first entry "
                                       "would count; merge them",
                                       entry.pattern, it->second));
    }
    catalog.entries.push_back(std::move(entry));
  }
  return catalog;
}

segment::Catalog load_products(const fs::path& dir) {
  const fs::path file = dir / k_products_file;
  std::error_code ec;
  if (!fs::exists(file, ec)) return {};
  const auto text = fs::is_directory(file, ec) ? std::nullopt : read_text(file);
  if (!text) {
    throw core::Error(core::ErrorKind::config,
                      fmt::format("cannot read {}: not a readable file", core::display_path(file)));
  }
  return parse_products(*text, core::display_path(file), dir);
}

}  // namespace tsuikyaku::config
