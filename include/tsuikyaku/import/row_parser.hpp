#pragma once

#include <span>
#include <string>
#include <string_view>

#include "tsuikyaku/core/money.hpp"
#include "tsuikyaku/core/result.hpp"
#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/import/mapping.hpp"
#include "tsuikyaku/import/order_record.hpp"

// Row -> order record (SPEC §3): every value checked, a reason for the first bad one.

namespace tsuikyaku::ingest {

// How far after the import's now a date may be: a year and a day (leap years included).
inline constexpr core::Seconds k_future_window{366LL * 24 * 3600};

class RowParser {
 public:
  // currency: the import's (the mapping's, else the shop's); zone reads naive times.
  // now, when given, bounds every date-time (docs/import.md, "Rejected rows"): from
  // 1970-01-01 00:00 UTC to k_future_window after now.
  RowParser(const Mapping& mapping, const ColumnBinding& binding, const core::Currency& currency,
            core::TimeZone zone, std::optional<core::Instant> now = std::nullopt);

  // Reads the mapped values of one row (UTF-8 fields, in header order) into out. Fails
  // with the reason for the first bad value. Presence of required fields is left to
  // complete(), since in a line-item export they may be on another row of the order.
  core::Status parse(std::span<const std::string_view> fields, OrderRecord& out) const;

  // Checks that an order has what it needs (order id, time, total, a customer) and
  // settles identity and status. For a line-item order, lines have been summed into
  // total_minor by the caller when the export has no total column.
  core::Status complete(OrderRecord& order) const;

  const core::Currency& currency() const { return m_currency; }

 private:
  // The trimmed value of field in this row, empty when the file has no such column.
  std::string_view value_of(std::span<const std::string_view> fields, Field field) const;
  // The value of field read from the column at `at` and, when that is the field's own
  // column, the columns joined to it (Mapping::joined), into out.
  void text_of(std::span<const std::string_view> fields, Field field, int at,
               std::string& out) const;
  // The postal block: the row's own columns, else the mapping's postal_fallback ones.
  void read_postal(std::span<const std::string_view> fields, OrderRecord& out) const;
  core::Status one_line_values(std::span<const std::string_view> fields) const;
  core::Status no_bidi_controls(std::span<const std::string_view> fields) const;
  core::Status read_time(std::string_view text, Field field,
                         std::optional<core::Instant>& out) const;
  core::Status read_line_item(std::span<const std::string_view> fields, OrderRecord& out) const;
  const std::string& column(Field field) const { return m_binding.column(field); }

  const Mapping& m_mapping;
  const ColumnBinding& m_binding;
  const core::Currency& m_currency;
  core::TimeZone m_time_zone;
  std::optional<core::Instant> m_now;
  mutable core::InstantReader m_zone;  // remembers the zone's offset: not thread-safe
};

}  // namespace tsuikyaku::ingest
