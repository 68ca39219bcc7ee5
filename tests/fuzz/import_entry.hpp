#pragma once

// The one entry point of the import fuzzer: bytes -> CSV reader -> decoding -> row parser
// -> line-item grouping, as `tsuikyaku import` runs them, without the database. libFuzzer
// calls it (import_fuzz.cpp), and a unit test replays tests/data/import/fuzz-corpus through
// it, so every input that once found something stays a regression test.
//
// The first byte picks the set-up: bit 0 the encoding (UTF-8 or CP932), bit 1 the mapping
// (the generic preset's one row per order, or a line-item export with a date_format).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/import/csv_reader.hpp"
#include "tsuikyaku/import/encoding.hpp"
#include "tsuikyaku/import/line_items.hpp"
#include "tsuikyaku/import/row_parser.hpp"

namespace tsuikyaku::fuzz {

inline ingest::Mapping fuzz_mapping(bool line_items) {
  using ingest::Field;
  ingest::Mapping mapping;
  mapping.name = line_items ? "line-items" : "generic";
  const auto set = [&](Field field, std::string_view column) {
    mapping.columns[static_cast<std::size_t>(field)] = std::string(column);
  };
  set(Field::order_id, "order_id");
  set(Field::customer_id, "customer_id");
  set(Field::email, "email");
  set(Field::name, "name");
  set(Field::ordered_at, "ordered_at");
  set(Field::currency, "currency");
  set(Field::status, "status");
  set(Field::shipped_at, "shipped_at");
  set(Field::accepts_marketing, "accepts_marketing");
  set(Field::postal_code, "postal_code");
  if (line_items) {
    set(Field::quantity, "quantity");
    set(Field::unit_price, "unit_price");
    mapping.date_format = ingest::DateFormat::compile("%d/%m/%Y %H:%M").value();
    mapping.cancelled_id_prefix = "C";
  } else {
    set(Field::total, "total");
  }
  mapping.statuses = {{"キャンセル", "cancelled"}};
  return mapping;
}

inline void run_import_input(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const bool cp932 = (data[0] & 1) != 0;
  const bool line_items = (data[0] & 2) != 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  ingest::StringSource source(bytes);
  ingest::CsvReader reader(source, "fuzz.csv");
  ingest::Decoder decoder(cp932 ? ingest::Encoding::cp932 : ingest::Encoding::utf8);
  ingest::CsvRecord record;
  std::vector<std::string_view> fields;
  try {
    if (!reader.next(record) || !decoder.decode_fields(record.fields, fields)) return;
    const ingest::Mapping mapping = fuzz_mapping(line_items);
    const std::vector<std::string> header(fields.begin(), fields.end());
    const core::Result<ingest::ColumnBinding> bound = ingest::bind_columns(mapping, header);
    if (!bound) return;
    const ingest::ColumnBinding& binding = bound.value();
    const ingest::RowParser parser(mapping, binding, *core::find_currency("USD"),
                                   core::TimeZone::utc());
    ingest::OrderRecord order;
    ingest::OrderRecord row;
    while (reader.next(record)) {
      if (!decoder.decode_fields(record.fields, fields)) continue;
      row.clear();
      if (!parser.parse(fields, row)) continue;
      if (!line_items) {
        (void)parser.complete(row);
        continue;
      }
      ingest::merge_row(order, std::move(row));
    }
    if (ingest::total_from_lines(order, parser.currency())) (void)parser.complete(order);
  } catch (const core::Error&) {
    // A record longer than 1 MiB stops an import: an expected outcome.
  }
}

}  // namespace tsuikyaku::fuzz
