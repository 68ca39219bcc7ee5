#pragma once

// Nullable columns read as the project's types. Private to the store.

#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>

#include "tsuikyaku/core/time.hpp"

namespace tsuikyaku::store {

inline std::string text_or_empty(const SQLite::Column& column) {
  return column.isNull() ? std::string() : column.getString();
}

inline std::optional<core::Instant> instant_or_null(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return core::from_unix(column.getInt64());
}

}  // namespace tsuikyaku::store
