#include <catch2/catch.hpp>

#include "shipped.hpp"
#include "support.hpp"
#include "tsuikyaku/config/campaigns.hpp"

namespace tsuikyaku::testing {

ShippedWorkspace shipped_workspace(const std::string& lang) {
  ShippedWorkspace workspace;
  workspace.config = config::load_config(source_dir() / "campaigns" / lang / "tsuikyaku.yaml");
  config::CampaignSet set = config::load_campaigns(workspace.config);
  INFO("errors: " << set.errors.size() << (set.errors.empty() ? "" : ": " + set.errors.front()));
  REQUIRE(set.errors.empty());
  workspace.campaigns = std::move(set.campaigns);
  return workspace;
}

render::MessageRequest sample_request(const ShippedWorkspace& workspace,
                                      const campaign::Campaign& campaign, const std::string& name,
                                      std::uint64_t n) {
  const campaign::Shop& shop = workspace.config.shop;
  const bool ja = campaign.language == campaign::Language::ja;
  const auto at = [&](int day, int hour) {
    return shop.timezone.to_instant(*core::make_local(2026, 11, day, hour, 15));
  };
  render::MessageRequest request;
  request.campaign = &campaign;
  request.shop = &shop;
  request.customer = {"C-1001", name, ja ? "hanako@example.jp" : "emma@example.co.uk",
                      campaign.segments.empty() ? "new" : campaign.segments.front()};
  if (campaign.trigger) {
    render::OrderInfo order;
    order.id = "1001";
    order.total = core::Money(ja ? 4980 : 2450, *shop.currency);
    order.ordered_at = at(1, 10);
    order.shipped_at = at(2, 16);
    order.delivered_at = at(4, 11);
    order.tracking_number = "4912-3456-7890";
    order.carrier = ja ? "ヤマト運輸" : "Royal Mail";
    request.order = order;
  }
  if (campaign.coupon) request.coupon_code = ja ? "SAMPLE-KAEDE-0001" : "SAMPLE-KAEDE-0002";
  request.date = shop.timezone.to_instant(*core::make_local(2026, 11, 18, 9, 0));
  request.message_token = render::make_message_token(request.date, n);
  return request;
}

}  // namespace tsuikyaku::testing
