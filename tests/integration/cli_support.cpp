#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "support.hpp"
#include "tsuikyaku/cli/cli.hpp"
#include "tsuikyaku/core/i18n.hpp"

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
  // The catalogs the build made (the binary finds them beside itself; this test binary is
  // elsewhere), and English again afterwards for code a test calls directly.
  core::set_catalog_dir(TSUIKYAKU_BUILD_LOCALEDIR);
  int code = 0;
  try {
    code = cli::run(run.args, io, run.env, clock);
  } catch (...) {
    fs::current_path(previous);
    core::set_ui_language("en");
    throw;
  }
  fs::current_path(previous);
  core::set_ui_language("en");
  return {code, out.str(), err.str()};
}

int start_binary(const fs::path& cwd, const CliRun& run, const fs::path& output) {
  std::vector<std::string> args{TSUIKYAKU_BINARY};
  args.insert(args.end(), run.args.begin(), run.args.end());
  std::vector<std::string> env;
  for (const auto& [name, value] : run.env) env.push_back(name + "=" + value);
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (const auto& entry : env) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);
  const fs::path out = output.string() + ".out";
  const fs::path err = output.string() + ".err";
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int in_fd = ::open("/dev/null", O_RDONLY);
    if (out_fd < 0 || err_fd < 0 || in_fd < 0 || ::chdir(cwd.c_str()) != 0) ::_exit(127);
    ::dup2(in_fd, STDIN_FILENO);
    ::dup2(out_fd, STDOUT_FILENO);
    ::dup2(err_fd, STDERR_FILENO);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  return pid;
}

CliResult wait_binary(int pid, const fs::path& output) {
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(output.string() + ".out"),
          read_file(output.string() + ".err")};
}

CliResult run_binary(const fs::path& cwd, const CliRun& run) {
  const TempDir logs;
  return wait_binary(start_binary(cwd, run, logs / "run"), logs / "run");
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
