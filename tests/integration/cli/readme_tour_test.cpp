// The READMEs' tours, each run as written from a fresh `init` in its own language
// (README.md in an `init --lang en` workspace, README.ja.md in an `init --lang ja` one):
// every command of their ```sh blocks, and every `$ tsuikyaku …` line of their other
// blocks with the output shown under it compared exactly. And every relative link of the
// READMEs and of docs/ja/ leads to a file that exists.
//
// The output a README shows lives in that README only. When what a command prints changes
// on purpose (a reworded line, the terminal output translated into Japanese), rewrite the
// shown blocks with what the commands print now, and review the difference:
//   TSUIKYAKU_UPDATE_GOLDEN=1 build/tests/tsuikyaku_integration_tests '[readme]'
//   git diff README.md README.ja.md

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
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
  std::size_t shown_from = 0;        // the README's lines that show it: [shown_from, shown_to)
  std::size_t shown_to = 0;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

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

std::vector<TourStep> tour_steps(const std::vector<std::string>& lines) {
  std::vector<TourStep> steps;
  bool in_block = false, sh = false;
  TourStep* showing = nullptr;
  for (std::size_t at = 0; at < lines.size(); ++at) {
    const std::string& line = lines[at];
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
      step.shown_from = step.shown_to = at + 1;
      steps.push_back(std::move(step));
      showing = prompt ? &steps.back() : nullptr;
    } else if (showing != nullptr) {
      *showing->shown += line + "\n";
      showing->shown_to = at + 1;
    }
  }
  return steps;
}

// Runs the tour of `readme` in a fresh workspace and compares the output it shows, or
// with TSUIKYAKU_UPDATE_GOLDEN rewrites it. The README's `init` must make a `lang`
// workspace. 10:00 on 2026-11-18 in the workspace's zone (Europe/London, Asia/Tokyo):
// after the quiet hours of the shipped config.
void run_tour(const std::string& readme, const std::string& lang, core::Instant now) {
  const auto path = testing::source_dir() / readme;
  std::vector<std::string> lines = lines_of(testing::read_file(path));
  const auto steps = tour_steps(lines);
  REQUIRE(steps.size() > 10);
  const std::vector<std::string>& init = steps.front().words;
  REQUIRE(init.front() == "init");
  const auto lang_flag = std::find(init.begin(), init.end(), "--lang");
  REQUIRE(lang_flag != init.end());
  REQUIRE(lang_flag + 1 != init.end());
  REQUIRE(*(lang_flag + 1) == lang);

  const bool update = std::getenv("TSUIKYAKU_UPDATE_GOLDEN") != nullptr;
  std::vector<std::pair<const TourStep*, std::string>> printed;
  testing::TempDir dir;
  std::filesystem::path cwd = dir.path();
  testing::CliRun run;
  run.now = now;
  for (const TourStep& step : steps) {
    if (step.cd) {
      cwd /= step.words.front();
      continue;
    }
    run.args = step.words;
    std::string shown_command;
    for (const auto& word : step.words) shown_command += word + " ";
    INFO(readme << ": tsuikyaku " << shown_command);
    const auto result = testing::run_cli(cwd, run);
    CHECK(result.err.find("error") == std::string::npos);  // preview names its pick there
    CHECK(result.exit_code == 0);
    if (!step.redirect.empty()) testing::write_file(cwd / step.redirect, result.out);
    if (!step.shown) continue;
    if (update)
      printed.emplace_back(&step, result.out);
    else
      CHECK_THAT(result.out, Equals(*step.shown));
  }
  if (!update) return;
  std::reverse(printed.begin(), printed.end());  // from the end, so line numbers hold
  for (const auto& [step, out] : printed) {
    const auto from = lines.begin() + static_cast<std::ptrdiff_t>(step->shown_from);
    const auto to = lines.begin() + static_cast<std::ptrdiff_t>(step->shown_to);
    const auto replacement = lines_of(out);
    lines.insert(lines.erase(from, to), replacement.begin(), replacement.end());
  }
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  testing::write_file(path, text);
}

// The targets of the Markdown links [text](target) outside code that lead into the
// repository: without a scheme (https:, mailto:), a bare #anchor, or the anchor itself.
std::vector<std::string> relative_links(const std::string& markdown) {
  std::vector<std::string> links;
  bool fenced = false;
  for (const auto& line : lines_of(markdown)) {
    if (line.starts_with("```")) fenced = !fenced;
    if (fenced) continue;
    bool code = false;
    for (std::size_t at = 0; at < line.size(); ++at) {
      if (line[at] == '`') code = !code;
      if (code || line.compare(at, 2, "](") != 0) continue;
      const std::size_t end = line.find_first_of(") ", at + 2);
      std::string target = line.substr(at + 2, end - (at + 2));
      target = target.substr(0, target.find('#'));
      if (target.empty() || target.find(':') != std::string::npos) continue;
      links.push_back(target);
    }
  }
  return links;
}

}  // namespace

TEST_CASE("README.md: the tour runs as written from a fresh init --lang en, as shown",
          "[cli][readme]") {
  run_tour("README.md", "en", core::from_unix(1'794'996'000));  // 10:00 UTC
}

TEST_CASE("README.ja.md: the tour runs as written from a fresh init --lang ja, as shown",
          "[cli][readme]") {
  run_tour("README.ja.md", "ja", core::from_unix(1'794'963'600));  // 01:00 UTC
}

TEST_CASE("README: every relative link of the READMEs and docs/ja/ leads to a file",
          "[cli][readme]") {
  const auto source = testing::source_dir();
  std::vector<std::filesystem::path> pages = {source / "README.md", source / "README.ja.md"};
  for (const auto& entry : std::filesystem::directory_iterator(source / "docs/ja"))
    if (entry.path().extension() == ".md") pages.push_back(entry.path());
  std::sort(pages.begin() + 2, pages.end());
  for (const char* page : {"quickstart", "import", "campaigns", "sending", "cron", "report"})
    CHECK(std::filesystem::exists(source / "docs/ja" / (std::string(page) + ".md")));

  for (const auto& page : pages) {
    const auto links = relative_links(testing::read_file(page));
    INFO(std::filesystem::relative(page, source).string());
    CHECK(!links.empty());
    for (const auto& link : links) {
      INFO(link);
      CHECK(std::filesystem::exists(page.parent_path() / link));
    }
  }
  const auto readme_links = relative_links(testing::read_file(source / "README.md"));
  CHECK(std::find(readme_links.begin(), readme_links.end(), "README.ja.md") != readme_links.end());
}
