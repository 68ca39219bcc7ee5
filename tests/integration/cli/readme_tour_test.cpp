// The README's tour, run as written from a fresh `init` in each language: every command
// of its ```sh blocks, and every `$ tsuikyaku …` line of its other blocks with the output
// shown under it compared exactly.

#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>
#include <sstream>

#include "support.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;

namespace {

struct TourStep {
  std::vector<std::string> words;  // after "tsuikyaku"; "cd" steps hold the folder
  bool cd = false;
  std::string redirect;              // "> FILE"
  std::optional<std::string> shown;  // the output the README shows, when it shows one
};

// "tsuikyaku send --dry-run   # a comment" -> {"send", "--dry-run"}.
std::vector<std::string> words_of(std::string_view line) {
  std::vector<std::string> words;
  std::istringstream in{std::string(line)};
  for (std::string word; in >> word;) {
    if (word.starts_with('#')) break;
    words.push_back(word);
  }
  return words;
}

std::vector<TourStep> tour_steps(const std::string& readme) {
  std::vector<TourStep> steps;
  std::istringstream in(readme);
  bool in_block = false, sh = false;
  TourStep* showing = nullptr;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("```")) {
      in_block = !in_block;
      sh = in_block && line == "```sh";
      showing = nullptr;
      continue;
    }
    if (!in_block) continue;
    const bool prompt = line.starts_with("$ ");
    std::string_view command = prompt ? std::string_view(line).substr(2) : std::string_view(line);
    if ((sh || prompt) && (command.starts_with("tsuikyaku ") || command.starts_with("cd "))) {
      std::vector<std::string> words = words_of(command);
      TourStep step;
      step.cd = words.front() == "cd";
      const auto arrow = std::find(words.begin(), words.end(), ">");
      if (arrow != words.end() && arrow + 1 != words.end()) step.redirect = *(arrow + 1);
      words.erase(arrow, words.end());
      step.words.assign(words.begin() + 1, words.end());
      if (prompt) step.shown = "";
      steps.push_back(std::move(step));
      showing = prompt ? &steps.back() : nullptr;
    } else if (showing != nullptr) {
      *showing->shown += line + "\n";
    }
  }
  return steps;
}

}  // namespace

TEST_CASE("README: the tour runs as written from a fresh init, in both languages", "[cli]") {
  const auto steps = tour_steps(testing::read_file(testing::source_dir() / "README.md"));
  REQUIRE(steps.size() > 10);
  REQUIRE(steps.front().words.front() == "init");
  for (const char* lang : {"en", "ja"}) {
    INFO(lang);
    testing::TempDir dir;
    std::filesystem::path cwd = dir.path();
    testing::CliRun run;
    // 10:00 on 2026-11-18 in the workspace's zone (Europe/London, Asia/Tokyo): after
    // the quiet hours of the shipped config.
    run.now = core::from_unix(std::string_view(lang) == "en" ? 1'794'996'000    // 10:00 UTC
                                                             : 1'794'963'600);  // 01:00 UTC
    for (const TourStep& step : steps) {
      if (step.cd) {
        cwd /= step.words.front();
        continue;
      }
      run.args = step.words;
      if (run.args.front() == "init") {
        const auto at = std::find(run.args.begin(), run.args.end(), "en");
        if (at != run.args.end()) *at = lang;
      }
      std::string shown_command;
      for (const auto& word : step.words) shown_command += word + " ";
      INFO("tsuikyaku " << shown_command);
      const auto result = testing::run_cli(cwd, run);
      CHECK(result.err.find("error") == std::string::npos);  // preview names its pick there
      CHECK(result.exit_code == 0);
      if (!step.redirect.empty()) testing::write_file(cwd / step.redirect, result.out);
      // The README is in English: its outputs are those of the English workspace (the
      // Japanese check-in names its sample text a line further down).
      if (step.shown && std::string_view(lang) == "en") CHECK_THAT(result.out, Equals(*step.shown));
    }
  }
}
