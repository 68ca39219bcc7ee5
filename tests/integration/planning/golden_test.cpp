#include <catch2/catch.hpp>
#include <cstdlib>

#include "planning/planning_fixture.hpp"

// Every shipped campaign as `tsuikyaku preview … --format eml` prints it, byte for byte
// (SPEC §7), at a fixed clock: the Message-ID is made from the order's (or customer's) row
// id, so the files are stable. To regenerate after an intended change, and review the
// difference:
//   TSUIKYAKU_UPDATE_GOLDEN=1 build/tests/tsuikyaku_integration_tests '[golden]'
//   git diff tests/data/golden/

using namespace tsuikyaku;

namespace {

const char* const k_campaigns[] = {"check-in", "loyal-thanks", "review-request",
                                   "shipping", "thank-you",    "winback"};

}  // namespace

TEST_CASE("preview: every shipped campaign prints exactly its golden .eml", "[planning][golden]") {
  const bool update = std::getenv("TSUIKYAKU_UPDATE_GOLDEN") != nullptr;
  for (const std::string lang : {"ja", "en"}) {
    const bool ja = lang == "ja";
    const auto zone = *core::TimeZone::find(ja ? "Asia/Tokyo" : "Europe/London");
    const auto at = [&](int day, int hour, int minute) {
      return zone.to_instant(*core::make_local(2026, 11, day, hour, minute));
    };
    auto shop = testing::PlanningShop::shipped(lang);
    const auto customer = shop.customer("C-1001", ja ? "hanako@example.jp" : "emma@example.co.uk",
                                        true, ja ? "山田 花子" : "Emma Clarke");
    testing::OrderSpec order{"1001", customer, at(1, 10, 15)};
    order.total = ja ? 4980 : 2450;
    order.currency = ja ? "JPY" : "GBP";
    order.shipped_at = at(2, 16, 15);
    order.delivered_at = at(4, 11, 15);
    order.tracking_number = "4912-3456-7890";
    order.carrier = ja ? "ヤマト運輸" : "Royal Mail";
    shop.order(order);

    for (const std::string name : k_campaigns) {
      const bool scheduled = name == "loyal-thanks" || name == "winback";
      const auto result = testing::run_in(shop,
                                          {"preview", name, scheduled ? "--customer" : "--order",
                                           scheduled ? "C-1001" : "1001", "--format", "eml"},
                                          at(18, 9, 0));
      const auto golden =
          testing::source_dir() / "tests/data/golden" / (lang + "-" + name + ".eml");
      INFO(golden.string() << "\n" << result.err);
      REQUIRE(result.exit_code == 0);
      CHECK(result.err.empty());
      if (update) testing::write_file(golden, result.out);
      REQUIRE(std::filesystem::exists(golden));
      CHECK(testing::read_file(golden) == result.out);
    }
  }
}
