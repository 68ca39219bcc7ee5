#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tsuikyaku/app/workspace.hpp"

// `tsuikyaku campaigns check` (SPEC §6): every campaign file and template of the
// workspace validated, every problem reported; and `campaigns start`.

namespace tsuikyaku::app {

struct CampaignCheck {
  std::size_t campaigns = 0;        // files that parsed
  std::size_t enabled = 0;          // of those, enabled
  std::vector<std::string> errors;  // every problem, `file:line:col: message`
  // Sample content a send through a mail server would refuse; only when the config
  // sends to the outbox or a loopback server (else they are among errors).
  std::vector<std::string> samples;
};

// Loads the config (a config error throws, exit 78) and checks the campaigns. Needs no
// database.
CampaignCheck check_campaigns(const WorkspaceLocation& where);

// `tsuikyaku campaigns start NAME [--limit N]` (docs/sending.md, "A campaign's first run"):
// lets a marketing campaign's held first run go out from the next `send`, at most
// daily_limit messages a local day when given. Throws a usage error for an unknown,
// disabled or transactional campaign (transactional mail is never held).
struct CampaignStartRequest {
  std::string campaign;
  std::optional<std::int64_t> daily_limit;
  core::Instant now;
};
void start_campaign(Workspace& ws, const CampaignStartRequest& request);

}  // namespace tsuikyaku::app
