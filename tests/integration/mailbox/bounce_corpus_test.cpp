#include <catch2/catch.hpp>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"

// The acceptance test of docs/mailbox.md: the real bounces of shared/data/bounces (some 80
// mail systems, from sisimai's set-of-emails) read by `inbox scan --json` agree with
// sisimai's reading (expected.tsv) on the kind and on hard or soft for every recipient for
// at least 90% of the messages, and no recipient sisimai calls soft is called hard.

using namespace tsuikyaku;

namespace {

struct Expected {
  std::string reason;
  bool hard = false;
};

// sisimai's reason as one of our kinds (docs/mailbox.md).
std::string kind_of(const std::string& reason) {
  if (reason == "feedback") return "complaint";
  if (reason == "vacation" || reason == "autoreply") return "auto-reply";
  if (reason == "not-a-bounce" || reason == "delivered") return "other";
  return "bounce";
}

std::map<std::string, std::vector<Expected>> read_expected(const std::filesystem::path& file) {
  std::map<std::string, std::vector<Expected>> expected;
  std::istringstream lines(testing::read_file(file));
  std::string line;
  std::getline(lines, line);  // the header
  while (std::getline(lines, line)) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (std::size_t tab = line.find('\t'); tab != std::string::npos;
         tab = line.find('\t', start)) {
      cells.push_back(line.substr(start, tab - start));
      start = tab + 1;
    }
    cells.push_back(line.substr(start));
    REQUIRE(cells.size() == 6);
    expected[cells[0]].push_back({cells[4], cells[5] == "1"});
  }
  return expected;
}

}  // namespace

TEST_CASE("mailbox: the real bounce corpus reads as sisimai reads it", "[mailbox]") {
  const auto dir = testing::shared_data_dir() / "bounces";
  if (!std::filesystem::is_directory(dir / "maildir")) {
    WARN("skipped: " << dir.string()
                     << "/maildir not found (set TSUIKYAKU_SHARED_DATA to the shared data)");
    return;
  }
  const auto expected = read_expected(dir / "expected.tsv");
  testing::TempDir cwd;
  const auto result =
      testing::run_cli(cwd.path(), {"inbox", "scan", "--json", (dir / "maildir").string()});
  REQUIRE(result.exit_code == 0);
  const auto document = nlohmann::json::parse(result.out);

  std::size_t messages = 0;
  std::size_t agreeing = 0;
  std::size_t soft_called_hard = 0;
  std::ostringstream disagreements;
  for (const auto& message : document["messages"]) {
    const std::string file =
        std::filesystem::path(message["file"].get<std::string>()).filename().string();
    const auto found = expected.find(file);
    if (found == expected.end()) continue;
    ++messages;
    const std::vector<Expected>& want = found->second;
    const std::string want_kind = kind_of(want.front().reason);
    const auto& got = message["recipients"];
    bool any_hard_expected = false;
    for (const Expected& entry : want) any_hard_expected = any_hard_expected || entry.hard;
    bool agrees = message["kind"] == want_kind;
    bool violation = false;
    if (want_kind == "bounce") agrees = agrees && got.size() == want.size();
    for (std::size_t i = 0; i < got.size(); ++i) {
      const bool hard = got[i]["hard"].get<bool>();
      const bool expected_hard = i < want.size() ? want[i].hard : false;
      if (want_kind == "bounce" && i < want.size() && hard != expected_hard) agrees = false;
      if (want_kind != "bounce" && hard) agrees = false;
      if (hard && (i < want.size() ? !expected_hard : !any_hard_expected)) {
        ++soft_called_hard;
        violation = true;
      }
    }
    if (!agrees || violation) {
      disagreements << (violation ? "SOFT CALLED HARD " : "") << file << ": want " << want_kind;
      for (const Expected& entry : want)
        disagreements << " " << entry.reason << (entry.hard ? "/hard" : "/soft");
      disagreements << "; got " << message["kind"].get<std::string>();
      for (const auto& recipient : got) {
        disagreements << " " << recipient["address"].get<std::string>() << " "
                      << recipient["reason"].get<std::string>()
                      << (recipient["hard"].get<bool>() ? "/hard" : "/soft");
      }
      disagreements << "\n";
    }
    if (agrees) ++agreeing;
  }
  const double share =
      messages == 0 ? 0.0 : 100.0 * static_cast<double>(agreeing) / static_cast<double>(messages);
  std::cout << "bounce corpus: " << agreeing << " of " << messages << " messages agree (" << share
            << "%); soft recipients called hard: " << soft_called_hard << "\n";
  INFO(disagreements.str());
  CHECK(messages == expected.size());
  CHECK(share >= 90.0);
  CHECK(soft_called_hard == 0);
}
