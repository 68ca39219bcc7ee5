#pragma once

#include <iosfwd>
#include <string>

#include "tsuikyaku/app/planning.hpp"

// How `tsuikyaku campaigns` and `tsuikyaku plan` print what campaigns will send (SPEC §6).
// The JSON of `plan --json` is documented in docs/json.md.

namespace tsuikyaku::cli {

// "delivered or shipped +10d", "ordered", "every 180d", "on 2026-12-20".
std::string describe_start(const campaign::Campaign& campaign);

// Each campaign with what `send` would queue now, what waits and what it would skip by
// reason, then coupon pools running low and the disabled campaigns.
void print_campaigns_overview(std::ostream& out, const app::CampaignsOverview& overview,
                              const config::Config& config);

// Campaign by campaign, day by day, each message with why it qualifies; with quiet, only
// the count lines.
void print_forecast(std::ostream& out, const app::ForecastResult& forecast,
                    const config::Config& config, bool quiet);

void print_forecast_json(std::ostream& out, const app::ForecastResult& forecast,
                         const config::Config& config);

}  // namespace tsuikyaku::cli
