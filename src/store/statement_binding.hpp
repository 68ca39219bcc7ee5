#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tsuikyaku/core/time.hpp"

// Small helpers between SQLiteCpp and the store's structs: NULL is an empty or absent
// value, times are Unix seconds. Private to the store module.

namespace tsuikyaku::store {

inline std::string text_or_empty(const SQLite::Column& column) {
  return column.isNull() ? std::string() : column.getString();
}

inline std::optional<std::int64_t> optional_int(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

inline std::optional<core::Instant> optional_time(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return core::from_unix(column.getInt64());
}

inline void bind_or_null(SQLite::Statement& statement, int index,
                         const std::optional<std::string>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);
  }
}

inline void bind_or_null(SQLite::Statement& statement, int index,
                         const std::optional<std::int64_t>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind(index);
  }
}

// Empty text and a zero code are stored as NULL: "none" rather than a value.
inline void bind_text_or_null(SQLite::Statement& statement, int index, std::string_view text) {
  if (text.empty()) {
    statement.bind(index);
  } else {
    statement.bind(index, std::string(text));
  }
}

inline void bind_nonzero_or_null(SQLite::Statement& statement, int index, std::int64_t value) {
  if (value == 0) {
    statement.bind(index);
  } else {
    statement.bind(index, value);
  }
}

inline void bind_or_null(SQLite::Statement& statement, int index,
                         const std::optional<core::Instant>& value) {
  bind_or_null(statement, index,
               value ? std::optional<std::int64_t>(core::to_unix(*value)) : std::nullopt);
}

}  // namespace tsuikyaku::store
