#include <catch2/catch.hpp>

#include "support.hpp"
#include "tsuikyaku/config/config.hpp"
#include "tsuikyaku/core/error.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;

namespace {

const std::string k_shop = R"(shop:
  name: "Kaede Tea"
  from: "Kaede Tea <hello@kaede.example>"
  timezone: Europe/London
  currency: GBP
)";

// The message of the config error that parsing text in dir raises.
std::string error_of(const std::string& text, const std::filesystem::path& dir = "/work/shop") {
  try {
    config::parse_config(text, "tsuikyaku.yaml", dir);
  } catch (const core::Error& e) {
    CHECK(e.kind() == core::ErrorKind::config);
    return e.what();
  }
  FAIL("no error for:\n" << text);
  return {};
}

}  // namespace

TEST_CASE("config: a rule may not be called other, the name of no match", "[config]") {
  CHECK_THAT(error_of(k_shop + "segments:\n  - name: other\n"),
             Equals("tsuikyaku.yaml:7:11: name: 'other' is reserved for the customers that "
                    "match no rule"));
}

TEST_CASE("config: an empty rfm code list is refused, not read as any code", "[config]") {
  CHECK_THAT(error_of(k_shop + "segments:\n  - name: a\n    when: { rfm: [] }\n"),
             Equals("tsuikyaku.yaml:8:18: rfm: expected a list of three-digit codes of scores "
                    "1-5, like [555, 554]"));
  CHECK_THAT(error_of(k_shop + "segments:\n  - name: a\n    when: { rfm: 555 }\n"),
             Equals("tsuikyaku.yaml:8:18: rfm: expected a list of three-digit codes of scores "
                    "1-5, like [555, 554]"));
}

TEST_CASE("config: segment names are one word of printable text", "[config]") {
  const std::string expected = "name: expected a name without spaces or commas, like loyal";
  CHECK_THAT(error_of(k_shop + "segments:\n  - name: at risk\n"),
             Equals("tsuikyaku.yaml:7:11: " + expected));
  CHECK_THAT(error_of(k_shop + "segments:\n  - name: \"a,b\"\n"),
             Equals("tsuikyaku.yaml:7:11: " + expected));
  CHECK_THAT(error_of(k_shop + "segments:\n  - name: \"a\\u0007\"\n"),
             Equals("tsuikyaku.yaml:7:11: " + expected));
  CHECK_NOTHROW(config::parse_config(k_shop + "segments:\n  - name: 休眠顧客\n", "t.yaml", "."));
}

TEST_CASE("config: monetary bounds are major units of the shop currency", "[config]") {
  const auto config = config::parse_config(
      k_shop + "segments:\n  - name: big\n    when: { monetary: { min: 49.99, max: 100 } }\n",
      "tsuikyaku.yaml", ".");
  CHECK(config.segments[0].monetary.min == 4999);
  CHECK(config.segments[0].monetary.max == 10000);
  CHECK_THAT(
      error_of(k_shop + "segments:\n  - name: a\n    when: { monetary: { min: 9, max: 1 } }\n"),
      Equals("tsuikyaku.yaml:8:30: min: 9 is above max 1"));
}

TEST_CASE("config: errors in a segment file name that file, line and column", "[config]") {
  testing::TempDir dir;
  testing::write_file(dir / "segments/bad.yaml",
                      "segments:\n  - name: best\n    when: { rfm: [555, 5x5] }\n");
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  const std::string message = error_of(k_shop + "segments: segments/bad.yaml\n", dir.path());
  const std::string missing = error_of(k_shop + "segments: segments/none.yaml\n", dir.path());
  std::filesystem::current_path(cwd);
  CHECK_THAT(message, Equals("segments/bad.yaml:3:24: rfm: expected a list of three-digit codes "
                             "of scores 1-5, like [555, 554]"));
  CHECK_THAT(missing, Equals("cannot read segments/none.yaml: no such file or not readable"));
}

TEST_CASE("config: the rfm-11 example has the eleven named segments with quintile scoring",
          "[config]") {
  const auto dir = testing::source_dir() / "examples";
  const auto config =
      config::parse_config(k_shop + "segments: segments/rfm-11.yaml\n", "tsuikyaku.yaml", dir);
  CHECK(config.scoring == segment::Scoring::quintile);
  std::vector<std::string> names;
  std::vector<int> seen(556, 0);
  for (const auto& rule : config.segments) {
    names.push_back(rule.name);
    for (const int code : rule.rfm_codes) ++seen[static_cast<std::size_t>(code)];
  }
  CHECK(names == std::vector<std::string>{"champions", "loyal", "potential-loyalist",
                                          "new-customers", "promising", "need-attention",
                                          "about-to-sleep", "at-risk", "cannot-lose-them",
                                          "hibernating", "lost"});
  // Every code 111..555 is in exactly one list, so nobody is `other`.
  for (int r = 1; r <= 5; ++r) {
    for (int f = 1; f <= 5; ++f) {
      for (int m = 1; m <= 5; ++m) {
        INFO(r << f << m);
        CHECK(seen[static_cast<std::size_t>(100 * r + 10 * f + m)] == 1);
      }
    }
  }
  CHECK(config.segments[0].rfm_codes == std::vector<int>{555, 554, 544, 545, 454, 455, 445});
  CHECK(config.segments[10].rfm_codes == std::vector<int>{111, 112, 121, 131, 141, 151});
  // The config's own rfm: wins over the file's.
  const auto percentile = config::parse_config(
      k_shop + "rfm: { scoring: percentile }\nsegments: segments/rfm-11.yaml\n", "t.yaml", dir);
  CHECK(percentile.scoring == segment::Scoring::percentile);
}
