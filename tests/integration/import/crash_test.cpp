#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
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

// What a kill must leave as it was: the counts of every table an import writes, and the
// file sound.
std::string import_state(testing::Shop& shop) {
  return shop.query(
             "SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM customers), "
             "(SELECT count(*) FROM order_lines), (SELECT count(*) FROM imports), "
             "(SELECT sum(total_minor) FROM orders)") +
         " " + shop.query("PRAGMA integrity_check");
}

}  // namespace

TEST_CASE("import: a bulk load killed at several points leaves the database as it was",
          "[import]") {
  // A file much larger than the database: the import drops the secondary indexes in its
  // transaction and builds them again before commit. The process is killed as soon as its
  // write-ahead log appears, then when it has 1 MiB and 4 MiB of the transaction's pages.
  std::string rows = "order_id,email,name,ordered_at,total,shipped_at,carrier\n";
  for (int i = 0; i < 200'000; ++i) {
    rows += "K" + std::to_string(i) + ",c" + std::to_string(i % 60'000) +
            "@example.jp,山田 花子,2025-12-02 10:00," + std::to_string(1000 + i % 5000) +
            ",2025-12-03 15:00,ヤマト運輸\n";
  }
  for (const std::uintmax_t wal_bytes :
       {std::uintmax_t{1}, std::uintmax_t{1} << 20, std::uintmax_t{4} << 20}) {
    INFO("killed at " << wal_bytes << " bytes of log");
    testing::Shop shop;
    REQUIRE(shop.import("first.csv",
                        "order_id,email,ordered_at,total\n"
                        "A1,hanako@example.jp,2025-12-01 10:00,4980\n")
                .exit_code == 0);
    const std::string before = import_state(shop);
    CHECK(before == "1|1|0|1|4980 ok");
    testing::write_file(shop / "big.csv", rows);
    const testing::TempDir logs;
    testing::CliRun run;
    run.args = {"import", "big.csv", "-q"};
    const auto wal = shop / "tsuikyaku.db-wal";
    const int pid = testing::start_binary(shop.dir(), run, logs / "big");
    bool ended = false;
    for (;;) {
      std::error_code ec;
      const std::uintmax_t size = std::filesystem::file_size(wal, ec);
      if (!ec && size >= wal_bytes) break;
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        ended = true;
        break;
      }
      ::usleep(1000);
    }
    REQUIRE_FALSE(ended);  // the import must still be in its transaction
    REQUIRE(::kill(pid, SIGKILL) == 0);
    const testing::CliResult killed = testing::wait_binary(pid, logs / "big");
    CHECK(killed.exit_code == -1);
    CHECK(import_state(shop) == before);
    if (wal_bytes > 1) continue;
    // And the next import of the file is whole.
    REQUIRE(shop.run({"import", "big.csv", "-q"}).exit_code == 0);
    CHECK(shop.query("SELECT count(*) FROM orders") == "200001");
  }
}

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

TEST_CASE("import: two first imports at once into a workspace without a database both import",
          "[import]") {
  // The first creates tsuikyaku.db and turns it to WAL while the second opens it: the
  // second waits for the first (the busy timeout) instead of giving up on a locked file.
  for (int round = 0; round < 8; ++round) {
    INFO("round " << round);
    testing::Shop shop;
    testing::write_file(shop / "a.csv",
                        "order_id,email,ordered_at,total\nA1,hanako@example.jp,2025-12-01 "
                        "10:00,4980\n");
    testing::write_file(shop / "b.csv",
                        "order_id,email,ordered_at,total\nB1,taro@example.jp,2025-12-01 "
                        "11:00,1980\n");
    const testing::TempDir logs;
    testing::CliRun first;
    first.args = {"import", "a.csv", "-q"};
    testing::CliRun second;
    second.args = {"import", "b.csv", "-q"};
    const int a = testing::start_binary(shop.dir(), first, logs / "a");
    const int b = testing::start_binary(shop.dir(), second, logs / "b");
    const testing::CliResult a_result = testing::wait_binary(a, logs / "a");
    const testing::CliResult b_result = testing::wait_binary(b, logs / "b");
    INFO(a_result.err << b_result.err);
    CHECK(a_result.exit_code == 0);
    CHECK(b_result.exit_code == 0);
    CHECK(a_result.err.empty());
    CHECK(b_result.err.empty());
    CHECK(shop.query("SELECT group_concat(order_key, ',') FROM (SELECT order_key FROM orders "
                     "ORDER BY order_key)") == "A1,B1");
  }
}
