#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tsuikyaku/core/result.hpp"
#include "tsuikyaku/import/date_format.hpp"

// How an export's columns map to the order model (SPEC §3). Presets (presets/*.yaml:
// generic, shopify, base, woocommerce) are mapping files shipped in the binary;
// `--mapping FILE` is one the user wrote.
// config::parse_mapping reads them; this header is the model they are read into.

namespace tsuikyaku::ingest {

// The model fields of the generic preset, plus the line-item fields of SPEC §3.
enum class Field : std::uint8_t {
  order_id,
  customer_id,
  email,
  name,
  ordered_at,
  total,
  currency,
  status,
  shipped_at,
  delivered_at,
  cancelled_at,
  tracking_number,
  carrier,
  accepts_marketing,
  postal_code,
  address,
  phone,
  discount_code,
  quantity,
  unit_price,
  sku,
  description,
  address2,  // the second address line: building, apartment (建物名)
  city,      // town or city (市区町村)
  region,    // state, province or prefecture (都道府県)
  country,
};
inline constexpr std::size_t k_field_count = 26;

// The fields of a postal address, which an order gives as one block (SPEC §3 as extended
// in docs/import.md, "Postal addresses").
inline constexpr std::array<Field, 6> k_postal_fields{Field::postal_code, Field::address,
                                                      Field::address2,    Field::city,
                                                      Field::region,      Field::country};

std::string_view field_name(Field field);  // "order_id"
std::optional<Field> field_from_name(std::string_view name);
const std::vector<std::string>& field_names();  // every name, for "did you mean"

struct Mapping {
  std::string name;  // "generic", "shopify", "base", or "mapping:FILE"
  bool preset = false;
  // Header per field; empty: not mapped. "A|B" names alternatives: the first that the
  // file's header has.
  std::array<std::string, k_field_count> columns;
  // More headers whose values join the field's, in order, with a space between the
  // non-empty ones (`address: [Address1, Street No]`, `name: [姓, 名]`).
  std::array<std::vector<std::string>, k_field_count> joined;
  // Postal fields read instead when the row's own postal fields are all empty (Shopify:
  // the billing address for an order without a shipping address).
  std::array<std::string, k_field_count> postal_fallback;
  std::vector<std::string> detect;        // headers that all appear in this preset's exports
  std::string currency;                   // ISO 4217 code; empty: the shop's currency
  std::optional<DateFormat> date_format;  // absent: ISO 8601 and YYYY/MM/DD HH:MM
  // Status values as the platform writes them -> the model's (compared ignoring ASCII case).
  std::vector<std::pair<std::string, std::string>> statuses;
  std::string cancelled_id_prefix;  // an order id starting with it is a cancellation ("C")

  const std::string& column(Field field) const { return columns[static_cast<std::size_t>(field)]; }
  bool mapped(Field field) const { return !column(field).empty(); }
  // quantity + unit_price mapped: rows with one order id form one order (SPEC §3).
  bool line_items() const { return mapped(Field::quantity); }
};

// Which column of the file holds each mapped field.
struct ColumnBinding {
  std::array<int, k_field_count> index{};              // -1: not in this file
  std::array<std::vector<int>, k_field_count> joined;  // Mapping::joined, those in the file
  std::array<int, k_field_count> fallback{};           // Mapping::postal_fallback; -1: none
  std::vector<std::string> header;                     // the file's header, decoded to UTF-8
  std::size_t width = 0;                               // fields in the header

  int at(Field field) const { return index[static_cast<std::size_t>(field)]; }
  bool has(Field field) const { return at(field) >= 0; }
  // The column name as the file writes it, for reasons ("メールアドレス: …").
  const std::string& column(Field field) const {
    return header[static_cast<std::size_t>(at(field))];
  }
};

// Binds a mapping to a header (names compared after trimming, ignoring ASCII case).
// Fails when the header cannot carry orders: required columns missing ("no column for
// ordered_at (expected 'Created at')"), or a column a user mapping names that the file
// lacks. Preset columns that a file lacks are simply not read.
core::Result<ColumnBinding> bind_columns(const Mapping& mapping,
                                         const std::vector<std::string>& header);

// The preset a file built into the binary defines: "presets/shopify.yaml" is "shopify";
// nullopt for any other file.
std::optional<std::string_view> preset_name_of(std::string_view resource_path);

// The first preset whose `detect` headers all appear in header, or nullptr.
const Mapping* detect_preset(const std::vector<Mapping>& presets,
                             const std::vector<std::string>& header);

}  // namespace tsuikyaku::ingest
