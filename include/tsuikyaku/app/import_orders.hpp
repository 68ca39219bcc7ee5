#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/core/clock.hpp"
#include "tsuikyaku/import/order_record.hpp"
#include "tsuikyaku/store/orders.hpp"

// `tsuikyaku import` (SPEC §3): an order export into the database, in one transaction.

namespace tsuikyaku::app {

enum class EncodingChoice { detect, utf8, cp932 };  // --encoding auto|utf-8|cp932

struct ImportRequest {
  std::string source;                            // a file, or "-" for `input`
  std::istream* input = nullptr;                 // standard input, when source is "-"
  std::string preset;                            // --preset; empty: --mapping, else detected
  std::optional<std::filesystem::path> mapping;  // --mapping FILE
  EncodingChoice encoding = EncodingChoice::detect;
  std::optional<std::filesystem::path> rejects;  // --rejects FILE
  bool strict = false;                           // --strict: nothing unless every row is good
};

struct ImportProgress {
  std::int64_t rows = 0;
  std::uint64_t bytes = 0;
  std::uint64_t total_bytes = 0;  // 0 when unknown (a pipe)
};

struct ImportCallbacks {
  std::function<void(const ImportProgress&)> progress;     // every few thousand rows
  std::function<void(const ingest::RowReject&)> rejected;  // each rejected row, as found
};

struct ImportResult {
  std::string preset;    // as used: a preset name (presets/*.yaml) or mapping:FILE
  std::string encoding;  // utf-8 or cp932
  std::int64_t rows_read = 0;
  std::int64_t rejected = 0;
  store::ImportCounts counts;  // all zero when nothing was committed
  bool committed = false;      // false with --strict and a rejected row
};

// The presets built into the binary, in name order.
std::vector<std::string> preset_names();

// Throws core::Error: no_input when the file cannot be read, data when its header does not
// fit the preset or mapping (or none is detected), config for a bad mapping file, usage for
// an unknown preset.
ImportResult import_orders(const ImportRequest& request, Workspace& workspace,
                           const core::Clock& clock, const ImportCallbacks& callbacks);

}  // namespace tsuikyaku::app
