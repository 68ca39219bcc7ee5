#include "tsuikyaku/import/mapping.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::ingest {
namespace {

constexpr std::array<std::string_view, k_field_count> k_names{
    "order_id",     "customer_id",
    "email",        "name",
    "ordered_at",   "total",
    "currency",     "status",
    "shipped_at",   "delivered_at",
    "cancelled_at", "tracking_number",
    "carrier",      "accepts_marketing",
    "postal_code",  "address",
    "phone",        "discount_code",
    "quantity",     "unit_price",
    "sku",          "description",
    "address2",     "city",
    "region",       "country",
};

int find_one_column(const std::vector<std::string>& header, std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (core::iequals_ascii(core::trim(header[i]), core::trim(name))) return static_cast<int>(i);
  }
  return -1;
}

// "A|B": the first alternative the header has.
int find_column(const std::vector<std::string>& header, std::string_view names) {
  while (true) {
    const auto bar = names.find('|');
    const int at = find_one_column(header, names.substr(0, bar));
    if (at >= 0 || bar == std::string_view::npos) return at;
    names.remove_prefix(bar + 1);
  }
}

std::string expected(const Mapping& mapping, Field field) {
  return fmt::format("no column for {} (expected '{}')", field_name(field),
                     mapping.column(field).empty() ? field_name(field) : mapping.column(field));
}

}  // namespace

std::string_view field_name(Field field) { return k_names[static_cast<std::size_t>(field)]; }

std::optional<Field> field_from_name(std::string_view name) {
  for (std::size_t i = 0; i < k_names.size(); ++i) {
    if (k_names[i] == name) return static_cast<Field>(i);
  }
  return std::nullopt;
}

const std::vector<std::string>& field_names() {
  static const std::vector<std::string> k_all(k_names.begin(), k_names.end());
  return k_all;
}

core::Result<ColumnBinding> bind_columns(const Mapping& mapping,
                                         const std::vector<std::string>& header) {
  ColumnBinding binding;
  binding.header = header;
  binding.width = header.size();
  binding.index.fill(-1);
  for (std::size_t i = 0; i < k_field_count; ++i) {
    const auto field = static_cast<Field>(i);
    if (!mapping.mapped(field)) continue;
    binding.index[i] = find_column(header, mapping.column(field));
    if (binding.index[i] < 0 && !mapping.preset) {
      return core::Failure{fmt::format("no column '{}' for {} in the header", mapping.column(field),
                                       field_name(field))};
    }
    binding.joined[i].clear();
    for (const std::string& more : mapping.joined[i]) {
      const int at = find_column(header, more);
      if (at < 0 && !mapping.preset) {
        return core::Failure{
            fmt::format("no column '{}' for {} in the header", more, field_name(field))};
      }
      if (at >= 0) binding.joined[i].push_back(at);
    }
  }
  binding.fallback.fill(-1);
  for (const Field field : k_postal_fields) {
    const std::string& name = mapping.postal_fallback[static_cast<std::size_t>(field)];
    if (!name.empty()) {
      binding.fallback[static_cast<std::size_t>(field)] = find_column(header, name);
    }
  }
  for (const Field field : {Field::order_id, Field::ordered_at}) {
    if (!binding.has(field)) return core::Failure{expected(mapping, field)};
  }
  if (mapping.line_items()) {
    if (!binding.has(Field::unit_price) && !binding.has(Field::total)) {
      return core::Failure{expected(mapping, Field::unit_price)};
    }
  } else if (!binding.has(Field::total)) {
    return core::Failure{expected(mapping, Field::total)};
  }
  if (!binding.has(Field::customer_id) && !binding.has(Field::email)) {
    return core::Failure{fmt::format(
        "no column for customer_id or email (expected '{}' or '{}')",
        mapping.mapped(Field::customer_id) ? mapping.column(Field::customer_id) : "customer_id",
        mapping.mapped(Field::email) ? mapping.column(Field::email) : "email")};
  }
  return binding;
}

std::optional<std::string_view> preset_name_of(std::string_view resource_path) {
  constexpr std::string_view k_prefix = "presets/";
  constexpr std::string_view k_suffix = ".yaml";
  if (!resource_path.starts_with(k_prefix) || !resource_path.ends_with(k_suffix) ||
      resource_path.size() == k_prefix.size() + k_suffix.size()) {
    return std::nullopt;
  }
  resource_path.remove_prefix(k_prefix.size());
  resource_path.remove_suffix(k_suffix.size());
  if (resource_path.find('/') != std::string_view::npos) return std::nullopt;
  return resource_path;
}

const Mapping* detect_preset(const std::vector<Mapping>& presets,
                             const std::vector<std::string>& header) {
  for (const Mapping& preset : presets) {
    if (preset.detect.empty()) continue;
    const bool all = std::all_of(preset.detect.begin(), preset.detect.end(),
                                 [&](const std::string& h) { return find_column(header, h) >= 0; });
    if (all) return &preset;
  }
  return nullptr;
}

}  // namespace tsuikyaku::ingest
