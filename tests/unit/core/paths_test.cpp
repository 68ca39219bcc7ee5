#include "tsuikyaku/core/paths.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

using tsuikyaku::core::display_path;

TEST_CASE("display_path: inside the current directory, relative to it", "[core]") {
  const std::filesystem::path cwd = std::filesystem::current_path();
  CHECK(display_path(cwd / "campaigns" / "check-in.yaml") == "campaigns/check-in.yaml");
  CHECK(display_path("campaigns/./check-in.yaml") == "campaigns/check-in.yaml");
  CHECK(display_path("campaigns/x/../check-in.yaml") == "campaigns/check-in.yaml");
}

TEST_CASE("display_path: outside the current directory, as given", "[core]") {
  const std::filesystem::path outside =
      std::filesystem::current_path().root_path() / "no-such-folder-of-tsuikyaku" / "." / "shop.db";
  CHECK(display_path(outside) == "/no-such-folder-of-tsuikyaku/shop.db");
  CHECK(display_path("../shop.db") == "../shop.db");
}
