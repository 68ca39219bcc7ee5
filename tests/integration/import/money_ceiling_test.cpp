// Checked arithmetic for every sum of money (docs/import.md, "Money"): the import keeps the
// totals of all orders, without their signs, within a 64-bit sum, so no customer, segment,
// report or cohort sum can overflow.

#include <catch2/catch.hpp>

#include "import_support.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using testing::Shop;

TEST_CASE("import: a row whose total would overflow the sum of all totals is rejected",
          "[import]") {
  Shop shop;
  auto result = shop.import("orders.csv",
                            "order_id,email,name,ordered_at,total\n"
                            "A1,hanako@example.jp,花子,2026-10-01 10:00,9223372036854775000\n"
                            "A2,hanako@example.jp,花子,2026-10-02 10:00,808\n"
                            "A3,taro@example.jp,太郎,2026-10-03 10:00,-807\n");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err,
             Equals("orders.csv:3: the order's total 808 JPY would take the sum of all orders' "
                    "totals past 9223372036854775807 JPY, the most tsuikyaku adds up "
                    "(docs/import.md, \"Money\"); is the amount right?\n"));
  // A later import counts what is stored: one more yen does not fit either.
  result = shop.import("more.csv",
                       "order_id,email,name,ordered_at,total\n"
                       "B1,jiro@example.jp,次郎,2026-10-04 10:00,1\n");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err, Contains("more.csv:2: the order's total 1 JPY would take"));
  // Every sum of what was stored fits.
  result = shop.run({"segments", "--json"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("\"revenue\": \"9223372036854774193\""));
}
