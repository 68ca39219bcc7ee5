#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "import_support.hpp"

// SPEC §3: an import is one transaction, so a crash or Ctrl-C leaves the database as it was.
// The real binary reads a long export from a pipe; once most of it has gone through, the
// process is killed in the middle of its transaction.

using namespace tsuikyaku;

namespace {

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    REQUIRE(n > 0);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

TEST_CASE("import: a killed or interrupted import leaves the database as it was", "[import]") {
  for (const int signal : {SIGKILL, SIGINT}) {
    INFO("signal " << signal);
    testing::Shop shop;
    REQUIRE(shop.import("first.csv",
                        "order_id,email,ordered_at,total\n"
                        "A1,hanako@example.jp,2025-12-01 10:00,4980\n")
                .exit_code == 0);
    const auto fifo = shop / "export.pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);

    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      if (::chdir(shop.dir().c_str()) != 0) ::_exit(127);
      const int in = ::open(fifo.c_str(), O_RDONLY);
      if (in < 0 || ::dup2(in, STDIN_FILENO) < 0) ::_exit(127);
      ::execl(TSUIKYAKU_BINARY, "tsuikyaku", "import", "-", "-q", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    const int out = ::open(fifo.c_str(), O_WRONLY);
    REQUIRE(out >= 0);
    std::string rows = "order_id,email,name,ordered_at,total\n";
    for (int i = 0; i < 100'000; ++i) {
      rows += "K" + std::to_string(i) + ",c" + std::to_string(i % 20'000) +
              "@example.jp,山田 花子,2025-12-02 10:00,1980\n";
    }
    // When the last write returns, the import has read all but a pipe's and a buffer's worth:
    // tens of thousands of rows are in its open transaction. The pipe stays open, so the
    // import waits for more.
    write_all(out, rows);
    REQUIRE(::kill(pid, signal) == 0);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    ::close(out);
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == signal);
    CHECK(shop.query("SELECT count(*) FROM orders") == "1");
    CHECK(shop.query("SELECT count(*) FROM customers") == "1");
    CHECK(shop.query("SELECT count(*) FROM imports") == "1");
  }
}
