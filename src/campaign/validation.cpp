#include "tsuikyaku/campaign/validation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "tsuikyaku/campaign/template.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::campaign {
namespace {

std::string unknown_variable(const std::string& name) {
  std::vector<std::string> known(known_variables().begin(), known_variables().end());
  const std::string near = core::suggest(name, known);
  if (!near.empty()) return fmt::format("unknown variable '{}'; did you mean '{}'?", name, near);
  return fmt::format("unknown variable '{}'; expected one of: {}", name, core::join(known, ", "));
}

// Why a known variable would be empty in this campaign's mail, or "" when it is not.
std::string unavailable(std::string_view name, const Campaign& campaign, const Shop& shop) {
  if (core::starts_with(name, "order.") && !campaign.trigger) {
    return fmt::format("{} is not available in a scheduled campaign: it has no order", name);
  }
  if (name == "coupon.code" && !campaign.coupon) {
    return "coupon.code is not available: the campaign has no coupon:";
  }
  if (name == "unsubscribe_url" && campaign.channel != Channel::email) {
    return "unsubscribe_url is for mail: an insert or a postcard has no link to follow";
  }
  if (name == "unsubscribe_url" && !shop.unsubscribe.any()) {
    return "unsubscribe_url is empty: set shop.unsubscribe in tsuikyaku.yaml";
  }
  if ((name == "shop.url" && shop.url.empty()) ||
      (name == "shop.address" && shop.address.empty())) {
    return fmt::format("{} is empty: set {} under shop: in tsuikyaku.yaml", name, name.substr(5));
  }
  return {};
}

bool is_known(std::string_view name) {
  const auto known = known_variables();
  return std::find(known.begin(), known.end(), name) != known.end();
}

// A field of a products section that is open ({{name}} inside {{#order.items}}).
bool is_open_field(std::string_view name, const std::vector<std::string>& open) {
  return std::any_of(open.begin(), open.end(), [&](const std::string& section) {
    const auto fields = section_fields(section);
    return std::find(fields.begin(), fields.end(), name) != fields.end();
  });
}

// Scans one template; with a campaign, also checks that it can fill every variable.
void check_text(std::string_view text, const core::SourceLocation& start, const Campaign* campaign,
                const Shop* shop, std::vector<std::string>& errors) {
  TemplateScan scan = scan_template(text, start);
  errors.insert(errors.end(), scan.errors.begin(), scan.errors.end());
  std::vector<std::string> open;  // the sections open at the tag (closes match: scanned)
  for (const Tag& tag : scan.tags) {
    if (tag.type == TagType::close) {
      if (!open.empty()) open.pop_back();
      continue;
    }
    const bool field = is_open_field(tag.name, open);
    if (tag.type != TagType::variable) open.push_back(tag.name);
    if (field) continue;
    if (tag.type == TagType::variable && !section_fields(tag.name).empty()) {
      errors.push_back(core::located(
          tag.where, fmt::format("{} is not text: write {{{{#{}}}}}…{{{{/{}}}}} with its "
                                 "fields inside, like {{{{name}}}}",
                                 tag.name, tag.name, tag.name)));
    } else if (!is_known(tag.name)) {
      errors.push_back(core::located(tag.where, unknown_variable(tag.name)));
    } else if (campaign != nullptr && shop != nullptr) {
      const std::string why = unavailable(tag.name, *campaign, *shop);
      if (!why.empty()) errors.push_back(core::located(tag.where, why));
    }
  }
}

void check_segments(const Campaign& campaign, const ValidationContext& context,
                    std::vector<std::string>& errors) {
  std::vector<std::string> known = context.segments;
  known.emplace_back("other");
  for (std::size_t i = 0; i < campaign.segments.size(); ++i) {
    const std::string& name = campaign.segments[i];
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    const std::string near = core::suggest(name, known);
    const std::string hint = near.empty() ? "expected one of: " + core::join(known, ", ")
                                          : fmt::format("did you mean '{}'?", near);
    const core::SourceLocation where =
        i < campaign.places.segments.size() ? campaign.places.segments[i] : campaign.places.file;
    errors.push_back(
        core::located(where, fmt::format("audience: unknown segment '{}'; {}", name, hint)));
  }
}

void check_compliance(const Campaign& campaign, const Shop& shop,
                      std::vector<std::string>& errors) {
  if (campaign.kind == Kind::transactional && campaign.coupon) {
    errors.push_back(core::located(campaign.places.coupon,
                                   "coupon: a transactional campaign cannot carry a coupon (a "
                                   "coupon is advertising); make it kind: marketing"));
  }
  if (campaign.kind != Kind::marketing || !campaign.enabled) return;
  if (shop.address.empty()) {
    errors.push_back(core::located(campaign.places.kind,
                                   "kind: marketing mail needs the sender's postal address: set "
                                   "shop.address in tsuikyaku.yaml"));
  }
  // An unsubscribe link is for mail; a postcard or an insert carries the shop's address.
  if (!shop.unsubscribe.any() && campaign.channel == Channel::email) {
    errors.push_back(core::located(campaign.places.kind,
                                   "kind: marketing mail needs a way to unsubscribe: set "
                                   "shop.unsubscribe in tsuikyaku.yaml"));
  }
}

// A shop that signs its unsubscribe links cannot send marketing mail without the secret.
bool lacks_secret(const std::vector<Campaign>& campaigns, const Shop& shop) {
  if (!shop.unsubscribe.per_recipient || !shop.unsubscribe.secret.empty()) return false;
  return std::any_of(campaigns.begin(), campaigns.end(), [](const Campaign& campaign) {
    return campaign.kind == Kind::marketing && campaign.enabled &&
           campaign.channel == Channel::email;
  });
}

}  // namespace

std::string missing_unsubscribe_secret() {
  return "shop.unsubscribe_token: hmac signs each recipient's unsubscribe link with the "
         "workspace secret tsuikyaku.secret, which is missing; run `tsuikyaku init` in the "
         "workspace to make it (init keeps every file that exists)";
}

std::vector<std::string> validate(const std::vector<Campaign>& campaigns,
                                  const ValidationContext& context) {
  std::vector<std::string> errors;
  if (context.shop != nullptr && lacks_secret(campaigns, *context.shop)) {
    errors.push_back(missing_unsubscribe_secret());
  }
  std::map<std::string, const Campaign*> by_name;
  for (const Campaign& campaign : campaigns) {
    const auto [it, inserted] = by_name.emplace(campaign.name, &campaign);
    if (!inserted) {
      errors.push_back(core::located(
          campaign.places.name, fmt::format("name: '{}' is already the name of {}", campaign.name,
                                            it->second->places.file.file)));
    }
    if (context.shop != nullptr) check_compliance(campaign, *context.shop, errors);
    check_segments(campaign, context, errors);
    check_text(campaign.subject, campaign.places.subject, &campaign, context.shop, errors);
    check_text(campaign.body, {campaign.body_file, 1, 1}, &campaign, context.shop, errors);
  }
  return errors;
}

std::vector<std::string> check_template(std::string_view text, const std::string& file) {
  std::vector<std::string> errors;
  check_text(text, {file, 1, 1}, nullptr, nullptr, errors);
  return errors;
}

}  // namespace tsuikyaku::campaign
