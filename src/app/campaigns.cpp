#include "tsuikyaku/app/campaigns.hpp"

#include "tsuikyaku/config/campaigns.hpp"

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

}  // namespace tsuikyaku::app
