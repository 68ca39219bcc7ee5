// Writes that fail are errors (docs/cron.md, exit 74): stdout, --json, the segments CSV and
// `report --html` on a full disk never look like success, and a file is never left
// half-written under its name.

#include <fmt/format.h>
#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <fstream>
#include <sstream>

#include "../import/import_support.hpp"
#include "tsuikyaku/cli/cli.hpp"
#include "tsuikyaku/core/clock.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;
using testing::Shop;

namespace {

const std::string k_orders =
    "order_id,email,name,ordered_at,total\n"
    "A1,hanako@example.jp,花子,2026-10-01 10:00,4980\n"
    "A2,taro@example.jp,太郎,2026-11-01 10:00,1200\n";

// Runs the CLI in the shop with its standard output going to out.
int run_into(const Shop& shop, std::ostream& out, std::ostringstream& err,
             const std::vector<std::string>& args) {
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(shop.dir());
  std::istringstream in;
  cli::Io io{in, out, err, false, false};
  const core::FixedClock clock(core::from_unix(1'795'000'000));
  const int code = cli::run(args, io, {}, clock);
  std::filesystem::current_path(previous);
  return code;
}

}  // namespace

TEST_CASE("cli: standard output on a full disk exits 74, text, --json and CSV alike", "[cli]") {
  Shop shop;
  REQUIRE(shop.import("orders.csv", k_orders).exit_code == 0);
  for (const std::vector<std::string>& args : {std::vector<std::string>{"segments"},
                                               {"segments", "--json"},
                                               {"segments", "list", "--format", "csv"},
                                               {"customers", "show", "hanako@example.jp"}}) {
    INFO(args.back());
    std::ofstream full("/dev/full");
    REQUIRE(full.is_open());
    std::ostringstream err;
    CHECK(run_into(shop, full, err, args) == 74);
    CHECK_THAT(err.str(), Equals("tsuikyaku: error: cannot write standard output: No space "
                                 "left on device\n"));
  }
}

TEST_CASE("cli: report --html that cannot be written whole leaves the old file", "[cli]") {
  Shop shop;
  // Five years of orders: a page of some 160 KiB, with its cohort heat map.
  std::string orders = "order_id,email,name,ordered_at,total\n";
  for (int n = 0; n < 180; ++n) {
    orders += fmt::format("O{},c{}@example.jp,N{},{}-{:02}-1{} 10:00,{}\n", n, n % 40, n,
                          2022 + n / 36, n / 3 % 12 + 1, n % 3, 1000 + n);
  }
  REQUIRE(shop.import("orders.csv", orders).exit_code == 0);
  testing::write_file(shop / "report.html", "old");
  // A file may not grow past 40 KiB (the database is only read): the page's writes fail as
  // on a full disk.
  rlimit previous{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &previous) == 0);
  const auto handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = previous;
  small.rlim_cur = 40 * 1024;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  std::ostringstream out, err;
  const int code = run_into(shop, out, err, {"report", "--html", "report.html"});
  ::setrlimit(RLIMIT_FSIZE, &previous);
  std::signal(SIGXFSZ, handler);
  CHECK(code == 74);
  CHECK_THAT(err.str(), Equals("tsuikyaku: error: cannot write report.html: File too large\n"));
  CHECK(testing::read_file(shop / "report.html") == "old");
  for (const auto& entry : std::filesystem::directory_iterator(shop.dir())) {
    CHECK(entry.path().filename().string().find("report.html.tmp") == std::string::npos);
  }
}
