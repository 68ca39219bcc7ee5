#pragma once

// A record's fields lie one after another in the reader's (or the decoder's) buffer, so a
// byte test of a whole row can run once over all of them instead of once per field.
// Private to import.

#include <optional>
#include <span>
#include <string_view>

namespace tsuikyaku::ingest {

// The fields as one view when each begins where the one before it ends; else nullopt.
inline std::optional<std::string_view> adjacent_fields(std::span<const std::string_view> fields) {
  if (fields.empty()) return std::string_view{};
  for (std::size_t i = 1; i < fields.size(); ++i) {
    if (fields[i].data() != fields[i - 1].data() + fields[i - 1].size()) return std::nullopt;
  }
  const char* begin = fields.front().data();
  return std::string_view(
      begin, static_cast<std::size_t>(fields.back().data() - begin) + fields.back().size());
}

}  // namespace tsuikyaku::ingest
