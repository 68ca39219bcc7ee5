#include "tsuikyaku/campaign/occurrence.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;
using std::chrono::days;

namespace {

const core::TimeZone k_tokyo = *core::TimeZone::find("Asia/Tokyo");

campaign::Campaign scheduled(std::string name, campaign::Schedule schedule) {
  campaign::Campaign c;
  c.name = std::move(name);
  c.kind = campaign::Kind::marketing;
  c.schedule = schedule;
  return c;
}

core::Instant tokyo(int month, int day, int hour) {
  return k_tokyo.to_instant(*core::make_local(2026, month, day, hour, 0));
}

}  // namespace

TEST_CASE("occurrence: an `on` date begins at its local midnight, whenever asked", "[campaign]") {
  campaign::Schedule on;
  on.on = core::make_local(2026, 12, 20);
  const campaign::Campaign c = scheduled("loyal-thanks", on);
  for (const core::Instant at : {tokyo(11, 1, 0), tokyo(12, 20, 10), tokyo(12, 31, 23)}) {
    const campaign::Occurrence o = campaign::occurrence_at(c, k_tokyo, at);
    CHECK(o.name == "on-2026-12-20");
    CHECK(o.start == tokyo(12, 20, 0));
  }
}

TEST_CASE("occurrence: `every` cuts time into periods from the Unix epoch, named in UTC",
          "[campaign]") {
  const campaign::Campaign c = scheduled("winback", {std::nullopt, days{30}, days{3}});
  const campaign::Occurrence o = campaign::occurrence_at(c, k_tokyo, tokyo(11, 18, 12));
  CHECK(o.name == "every-2026-11-03");
  CHECK(o.start == core::from_unix(1793664000));
  // The period's first second is in it; the one before is in the previous period.
  CHECK(campaign::occurrence_at(c, k_tokyo, o.start).name == "every-2026-11-03");
  CHECK(campaign::occurrence_at(c, k_tokyo, o.start - std::chrono::seconds{1}).name ==
        "every-2026-10-04");
  CHECK(campaign::occurrence_at(c, k_tokyo, o.start + days{30}).name == "every-2026-12-03");
}

TEST_CASE("occurrence: dedup keys of orders and of a schedule's customers", "[campaign]") {
  campaign::Campaign check_in;
  check_in.name = "check-in";
  CHECK(campaign::order_dedup_key(check_in, "1001") == "check-in:order:1001");
  const campaign::Campaign winback = scheduled("winback", {std::nullopt, days{30}, days{3}});
  const campaign::Occurrence o{"every-2026-11-03", core::from_unix(1793664000)};
  CHECK(campaign::customer_dedup_key(winback, o, "C1") == "winback:every-2026-11-03:customer:C1");
}

TEST_CASE("occurrence: the key range of an `on` date holds its keys only", "[campaign]") {
  campaign::Schedule on;
  on.on = core::make_local(2026, 12, 20);
  const campaign::Campaign c = scheduled("loyal-thanks", on);
  const campaign::Occurrence o = campaign::occurrence_at(c, k_tokyo, tokyo(12, 20, 10));
  const campaign::KeyRange range = campaign::schedule_keys_from(c, o);
  CHECK(range.from == "loyal-thanks:on-2026-12-20:");
  CHECK(range.until == "loyal-thanks:on-2026-12-20;");
  const std::string key = campaign::customer_dedup_key(c, o, "C2");
  CHECK(key.starts_with(range.from));
  CHECK(key < range.until);
  CHECK_FALSE(std::string("loyal-thanks:on-2026-12-21:customer:C2") < range.until);
}

TEST_CASE("occurrence: the key range of `every` holds this period's keys and later ones",
          "[campaign]") {
  const campaign::Campaign c = scheduled("winback", {std::nullopt, days{30}, days{3}});
  const campaign::Occurrence now = campaign::occurrence_at(c, k_tokyo, tokyo(11, 18, 12));
  const campaign::KeyRange range = campaign::schedule_keys_from(c, now);
  CHECK(range.from == "winback:every-2026-11-03:");
  CHECK(range.until == "winback:every.");
  const campaign::Occurrence next = campaign::occurrence_at(c, k_tokyo, now.start + days{30});
  for (const campaign::Occurrence& o : {now, next}) {
    const std::string key = campaign::customer_dedup_key(c, o, "C1");
    CHECK(key >= range.from);
    CHECK(key < range.until);
  }
  const campaign::Occurrence before = campaign::occurrence_at(c, k_tokyo, now.start - days{1});
  CHECK(campaign::customer_dedup_key(c, before, "C1") < range.from);
}
