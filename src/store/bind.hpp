#pragma once

// Helpers of the import's statements. Private to store.

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>

namespace tsuikyaku::store {

// An empty text is NULL: "not known" (SPEC §3: an export that leaves a value out).
// No copy: text must outlive the statement's next step. (Only the std::string overload of
// SQLiteCpp's bindNoCopy binds a text with a length; pointer and size bind a blob.)
inline void bind_text(SQLite::Statement& stmt, int index, const std::string& text) {
  if (text.empty()) {
    stmt.bind(index);
  } else {
    stmt.bindNoCopy(index, text);
  }
}

// A value an export leaves out (empty, unset) never erases a known one (SPEC §3 upsert).
template <typename T>
void keep_known(T& value, const T& known) {
  if (value == T{}) value = known;
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
