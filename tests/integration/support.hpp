#pragma once

// Test worlds for the integration tests: a temporary folder, files in it, and the CLI
// run in-process with string streams, an environment map and a fixed clock, or the
// binary run as a process.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/core/clock.hpp"

namespace tsuikyaku::testing {

// A fresh folder under the system's temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(std::string_view relative) const { return m_path / relative; }

 private:
  std::filesystem::path m_path;
};

void write_file(const std::filesystem::path& path, std::string_view content);
std::string read_file(const std::filesystem::path& path);

struct CliResult {
  int exit_code = 0;
  std::string out;
  std::string err;
};

struct CliRun {
  std::vector<std::string> args;
  std::map<std::string, std::string> env;  // the whole environment the command sees
  std::string stdin_text;
  core::Instant now = core::from_unix(1'795'000'000);  // 2026-11-18
};

// The real binary as a process in `cwd`, with exactly `run.env` as its environment
// (run.now and run.stdin_text do not reach it: give --as-of for a moment). start_binary
// returns its pid at once, its stdout and stderr going to `output`.out and `output`.err;
// wait_binary waits for it and reads them (exit code -1 when a signal ended it).
int start_binary(const std::filesystem::path& cwd, const CliRun& run,
                 const std::filesystem::path& output);
CliResult wait_binary(int pid, const std::filesystem::path& output);
CliResult run_binary(const std::filesystem::path& cwd, const CliRun& run);

// Runs the CLI in-process in `cwd` (restored afterwards).
CliResult run_cli(const std::filesystem::path& cwd, const CliRun& run);

// Shorthand: args only, empty environment, in cwd.
CliResult run_cli(const std::filesystem::path& cwd, std::vector<std::string> args);

// The repository's folder (for examples/ and tests/data/).
std::filesystem::path source_dir();

// ../shared/data beside the repository, or $TSUIKYAKU_SHARED_DATA.
std::filesystem::path shared_data_dir();

}  // namespace tsuikyaku::testing
