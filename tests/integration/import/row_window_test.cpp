// What an import refuses so that everything after it stays sane (docs/import.md, "Rejected
// rows"): dates outside 1970 .. a year after the import, and a rejects file that always
// reads back with its reason as a column of its own.

#include <catch2/catch.hpp>

#include "import_support.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;
using testing::Shop;

namespace {

const std::string k_header = "order_id,email,name,ordered_at,total,status,shipped_at\n";

}  // namespace

TEST_CASE("import: a date before 1970 or more than a year ahead is a rejected row", "[import]") {
  Shop shop;  // the import runs at 2026-11-18 20:06 in Tokyo
  const auto result =
      shop.import("orders.csv", k_header +
                                    "A1,a@example.jp,花子,1969-12-31 10:00,100,,\n"
                                    "A2,b@example.jp,太郎,2027-11-25 10:00,100,,\n"
                                    "A3,c@example.jp,次郎,2026-11-01 10:00,100,,2099-01-01\n"
                                    "A4,d@example.jp,三郎,2027-11-01 10:00,100,,\n");
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err,
             Equals("orders.csv:2: ordered_at: \"1969-12-31 10:00\" is before 1970; expected a "
                    "date from 1970-01-01\n"
                    "orders.csv:3: ordered_at: \"2027-11-25 10:00\" is more than a year after the "
                    "import; expected a date up to 2027-11-19\n"
                    "orders.csv:4: shipped_at: \"2099-01-01\" is more than a year after the "
                    "import; expected a date up to 2027-11-19\n"));
  CHECK(shop.query("SELECT group_concat(order_key) FROM orders") == "A4");
}

TEST_CASE("import: after a quote left open at the end, the rejects file reads back", "[import]") {
  Shop shop;
  auto result = shop.import("orders.csv",
                            k_header +
                                "A1,hanako@example.jp,花子,2025-12-01,1,,\n"
                                "A2,taro@example.jp,\"太郎,2025-12-01,1,,\n",
                            {"--rejects", "rejects.csv"});
  CHECK(result.exit_code == 65);
  CHECK(testing::read_file(shop / "rejects.csv") ==
        "order_id,email,name,ordered_at,total,status,shipped_at,reject_reason\n"
        "A2,taro@example.jp,\"太郎,2025-12-01,1,,\",\"a quoted field is not closed before the "
        "end of the file\"\n");
  // Read back as CSV, the reason is a field of its own after the row's four.
  result = shop.run({"import", "rejects.csv", "--rejects", "again.csv"});
  CHECK(result.exit_code == 65);
  CHECK_THAT(result.err, Equals("rejects.csv:2: 4 fields, but the header has 8\n"));
}
