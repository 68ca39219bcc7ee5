#include "tsuikyaku/campaign/suppression.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku::campaign;

TEST_CASE("suppression: each reason reads back from its name", "[campaign]") {
  for (const Suppression reason :
       {Suppression::unsubscribed, Suppression::bounced, Suppression::complained,
        Suppression::manual, Suppression::no_post}) {
    CHECK(parse_suppression(to_string(reason)) == reason);
  }
  CHECK(to_string(Suppression::bounced) == "bounced");
  CHECK_FALSE(parse_suppression("spam"));
  CHECK_FALSE(parse_suppression("Bounced"));  // the caller lower-cases what a user wrote
  CHECK(suppression_list() == "unsubscribed, bounced, complained, manual or no_post");
}
