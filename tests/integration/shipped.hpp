#pragma once

// The shipped campaigns (campaigns/<lang>/ of the repository) loaded as a workspace, and
// a customer and order to render them for: the world of the golden and hostile tests.

#include <string>
#include <vector>

#include "tsuikyaku/campaign/campaign.hpp"
#include "tsuikyaku/config/config.hpp"
#include "tsuikyaku/render/message.hpp"

namespace tsuikyaku::testing {

struct ShippedWorkspace {
  config::Config config;
  std::vector<campaign::Campaign> campaigns;  // by file name
};

// campaigns/<lang>/ of the source tree, loaded and validated (the test fails on errors).
ShippedWorkspace shipped_workspace(const std::string& lang);

// A message request for campaign with a sample customer (named `name`) and order in the
// workspace's language, dated 2026-11-18 09:00 in the shop's zone, with token number n.
render::MessageRequest sample_request(const ShippedWorkspace& workspace,
                                      const campaign::Campaign& campaign, const std::string& name,
                                      std::uint64_t n);

}  // namespace tsuikyaku::testing
