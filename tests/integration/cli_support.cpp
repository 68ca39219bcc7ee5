#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "support.hpp"
#include "tsuikyaku/cli/cli.hpp"

namespace tsuikyaku::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device seed;
  std::mt19937_64 random(seed());
  for (int attempt = 0; attempt < 100; ++attempt) {
    const fs::path candidate =
        fs::temp_directory_path() / ("tsuikyaku-test-" + std::to_string(random()));
    if (fs::create_directory(candidate)) {
      m_path = candidate;
      return;
    }
  }
  FAIL("cannot make a temporary folder");
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(m_path, ec);
}

void write_file(const fs::path& path, std::string_view content) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  REQUIRE(out.good());
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

CliResult run_cli(const fs::path& cwd, const CliRun& run) {
  // The CLI resolves relative paths against the current directory, as a shell would.
  const fs::path previous = fs::current_path();
  fs::current_path(cwd);
  std::istringstream in(run.stdin_text);
  std::ostringstream out;
  std::ostringstream err;
  cli::Io io{in, out, err, false, false};
  const core::FixedClock clock(run.now);
  int code = 0;
  try {
    code = cli::run(run.args, io, run.env, clock);
  } catch (...) {
    fs::current_path(previous);
    throw;
  }
  fs::current_path(previous);
  return {code, out.str(), err.str()};
}

CliResult run_cli(const fs::path& cwd, std::vector<std::string> args) {
  CliRun run;
  run.args = std::move(args);
  return run_cli(cwd, run);
}

fs::path source_dir() { return TSUIKYAKU_SOURCE_DIR; }

fs::path shared_data_dir() {
  if (const char* dir = std::getenv("TSUIKYAKU_SHARED_DATA")) return dir;
  return source_dir().parent_path() / "shared" / "data";
}

}  // namespace tsuikyaku::testing
