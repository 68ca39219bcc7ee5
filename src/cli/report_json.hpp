#pragma once

#include <nlohmann/json.hpp>

#include "tsuikyaku/report/render.hpp"

// `tsuikyaku report --json` (SPEC §11, docs/json.md): snake_case names in a stable order,
// amounts as decimal strings in major units, times as local ISO 8601.

namespace tsuikyaku::cli {

nlohmann::ordered_json report_json(const report::Report& report, const report::ShopView& shop);

}  // namespace tsuikyaku::cli
