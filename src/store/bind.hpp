#pragma once

// Binding helpers for the store's statements. Private to store.

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace tsuikyaku::store {

// An empty text is NULL: "not known" (SPEC §3: an export that leaves a value out).
// The text must outlive the statement's next step.
inline void bind_text(SQLite::Statement& stmt, int index, std::string_view text) {
  if (text.empty()) {
    stmt.bind(index);
  } else {
    stmt.bindNoCopy(index, text.data(), static_cast<int>(text.size()));
  }
}

inline void bind_optional(SQLite::Statement& stmt, int index,
                          const std::optional<std::int64_t>& value) {
  if (value) {
    stmt.bind(index, *value);
  } else {
    stmt.bind(index);
  }
}

}  // namespace tsuikyaku::store
