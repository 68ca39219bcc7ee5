#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "tsuikyaku/import/mapping.hpp"

// Mapping files (SPEC §3 `--mapping FILE`) and the presets, which are mapping files built
// into the binary (presets/*.yaml). Errors are config errors (exit 78) at
// `file:line:col: key: expected …`. docs/import.md is the reference of the keys.

namespace tsuikyaku::config {

// Parses mapping text. display_name names the file in messages; mapping_name becomes
// Mapping::name ("shopify", "mapping:retail.yaml"); a preset may leave columns of an
// export's optional fields unmatched, a user's mapping may not.
ingest::Mapping parse_mapping(std::string_view text, const std::string& display_name,
                              std::string mapping_name, bool preset);

// Reads `--mapping FILE`; a missing or unreadable file is a config error.
ingest::Mapping load_mapping(const std::filesystem::path& file);

}  // namespace tsuikyaku::config
