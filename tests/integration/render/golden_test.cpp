#include <catch2/catch.hpp>
#include <cstdlib>

#include "shipped.hpp"
#include "support.hpp"

// Every shipped campaign rendered with a fixed date and Message-ID, byte for byte
// (SPEC §7). To regenerate after an intended change, and review the difference:
//   TSUIKYAKU_UPDATE_GOLDEN=1 build/tests/tsuikyaku_integration_tests '[golden]'
//   git diff tests/data/golden/

using namespace tsuikyaku;

TEST_CASE("render: every shipped campaign renders exactly its golden .eml", "[render][golden]") {
  const bool update = std::getenv("TSUIKYAKU_UPDATE_GOLDEN") != nullptr;
  std::uint64_t n = 0;
  for (const std::string lang : {"ja", "en"}) {
    const testing::ShippedWorkspace workspace = testing::shipped_workspace(lang);
    REQUIRE(workspace.campaigns.size() == 6);
    for (const auto& campaign : workspace.campaigns) {
      const std::string name = lang == "ja" ? "山田 花子" : "Emma Clarke";
      const auto message =
          render::render_message(testing::sample_request(workspace, campaign, name, ++n));
      const auto golden =
          testing::source_dir() / "tests/data/golden" / (lang + "-" + campaign.name + ".eml");
      if (update) testing::write_file(golden, message.eml);
      INFO(golden.string());
      REQUIRE(std::filesystem::exists(golden));
      CHECK(testing::read_file(golden) == message.eml);
    }
  }
}
