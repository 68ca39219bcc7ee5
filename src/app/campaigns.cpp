#include "tsuikyaku/app/campaigns.hpp"

#include <fmt/format.h>

#include "planning_internal.hpp"
#include "tsuikyaku/config/campaigns.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/store/campaign_starts.hpp"

namespace tsuikyaku::app {

CampaignCheck check_campaigns(const WorkspaceLocation& where) {
  const config::Config config = config::load_config(config_path(where));
  config::CampaignSet set = config::load_campaigns(config);
  CampaignCheck check;
  check.campaigns = set.campaigns.size();
  for (const auto& campaign : set.campaigns) check.enabled += campaign.enabled ? 1 : 0;
  check.errors = std::move(set.errors);
  if (config::sends_to_mail_server(config)) {
    check.errors.insert(check.errors.end(), set.samples.begin(), set.samples.end());
  } else {
    check.samples = std::move(set.samples);
  }
  return check;
}

void start_campaign(Workspace& ws, const CampaignStartRequest& request) {
  const std::vector<campaign::Campaign> all = config::load_valid_campaigns(ws.config);
  const campaign::Campaign& chosen = find_campaign(all, request.campaign);
  if (chosen.kind != campaign::Kind::marketing) {
    throw core::Error(core::ErrorKind::usage,
                      fmt::format("campaign '{}' is transactional: it is never held and needs no "
                                  "start",
                                  chosen.name));
  }
  planned(all, chosen.name);  // a disabled campaign is a usage error, as for --campaign
  store::record_campaign_start(ws.db, chosen.name,
                               {request.now, store::StartedBy::command, request.daily_limit});
}

}  // namespace tsuikyaku::app
