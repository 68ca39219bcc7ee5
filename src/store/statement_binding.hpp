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

// An empty text is NULL: "not known" (SPEC §3: an export that leaves a value out).
// No copy: text must outlive the statement's next step. (Only the std::string overload of
// SQLiteCpp's bindNoCopy binds a text with a length; pointer and size bind a blob.) The
// import's hot path; elsewhere bind_text_or_null below.
inline void bind_text(SQLite::Statement& statement, int index, const std::string& text) {
  if (text.empty()) {
    statement.bind(index);
  } else {
    statement.bindNoCopy(index, text);
  }
}

// A value an export leaves out (empty, unset) never erases a known one (SPEC §3 upsert).
template <typename T>
void keep_known(T& value, const T& known) {
  if (value == T{}) value = known;
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
