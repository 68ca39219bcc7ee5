#include "tsuikyaku/import/mapping.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku::ingest;

TEST_CASE("mapping: a preset's name is its file's name under presets/", "[import]") {
  CHECK(preset_name_of("presets/shopify.yaml") == "shopify");
  CHECK(preset_name_of("presets/base.yaml") == "base");
  CHECK_FALSE(preset_name_of("presets/README.md"));
  CHECK_FALSE(preset_name_of("campaigns/check-in.yaml"));
  CHECK_FALSE(preset_name_of("presets/.yaml"));
  CHECK_FALSE(preset_name_of("presets/old/shopify.yaml"));
  CHECK_FALSE(preset_name_of("shopify.yaml"));
}
