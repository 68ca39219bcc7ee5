#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/campaign/campaign.hpp"
#include "tsuikyaku/campaign/shop.hpp"

// The rules of SPEC §6 that span a campaign, its templates, the other campaigns and the
// config: `campaigns check` reports every one of them, not only the first.

namespace tsuikyaku::campaign {

struct ValidationContext {
  const Shop* shop = nullptr;
  std::vector<std::string> segments;  // the config's rule names; `other` is always known
};

// Every problem of the campaigns, as located messages (`file:line:col: message`), in the
// order of the campaigns: a transactional campaign with a coupon; marketing without the
// shop's postal address or an unsubscribe address (only when enabled: a disabled campaign
// sends nothing); a name used twice; an unknown segment (with the nearest suggested);
// malformed template tags, unknown variables, and variables the campaign cannot fill (an
// order in a scheduled campaign, a coupon it does not have, a shop setting left empty).
std::vector<std::string> validate(const std::vector<Campaign>& campaigns,
                                  const ValidationContext& context);

// The problem of a shop whose unsubscribe links are signed (shop.unsubscribe_token: hmac)
// when the workspace secret is missing, and its fix. validate reports it when an enabled
// marketing campaign would need it.
std::string missing_unsubscribe_secret();

// The problems of a template no campaign uses (a twin in templates/en/): malformed tags
// and unknown variables.
std::vector<std::string> check_template(std::string_view text, const std::string& file);

}  // namespace tsuikyaku::campaign
