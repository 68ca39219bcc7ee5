#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/campaign/campaign.hpp"
#include "tsuikyaku/config/config.hpp"

// The campaign files of a workspace (SPEC §6: campaigns/*.yaml, templates/, coupon
// pools), parsed into campaign::Campaign with `file:line:col` errors.

namespace tsuikyaku::config {

// Parses one campaign file and reads its body template (relative to dir). Throws a config
// error at the first problem of the file (`campaigns/check-in.yaml:7:12: delay: expected
// a duration like 10d`).
campaign::Campaign parse_campaign(std::string_view text, const std::string& display_name,
                                  const std::filesystem::path& dir);

// A coupon pool file (SPEC §6): a CSV whose first column holds one code per line, with an
// optional header `code`; blank lines are skipped. Codes are letters, digits, '-' and
// '_', each listed once. Throws a config error naming the line.
std::vector<std::string> read_coupon_pool(const std::filesystem::path& file);

struct CampaignSet {
  std::vector<campaign::Campaign> campaigns;  // the files that parsed, by file name
  std::vector<std::string> errors;            // every problem found, located
  // Sample content still in the workspace (Config::samples, sample coupon codes, sample
  // template text), located. Not among errors: plan and preview work with it; campaigns
  // check and send refuse it for a mail server (refuse_sample_content).
  std::vector<std::string> samples;
  std::size_t files = 0;  // campaign files read
};

// Reads campaigns/*.yaml of the config's workspace (in file name order), their templates
// and coupon pools, validates them against the config (campaign::validate), and checks
// every other template under templates/ for malformed tags and unknown variables. Never
// throws for a problem in those files: each is an entry of `errors`.
CampaignSet load_campaigns(const Config& config);

// Before a send to customers: a config error (exit 78) naming the first piece of sample
// content left (CampaignSet::samples) and how many more, when the config sends to a mail
// server (sends_to_mail_server). The outbox and a loopback test server take samples.
void refuse_sample_content(const Config& config);

// load_campaigns, throwing a config error with the first problem (and how many more) when
// there is any: for the commands that need valid campaigns to run.
std::vector<campaign::Campaign> load_valid_campaigns(const Config& config);

}  // namespace tsuikyaku::config
