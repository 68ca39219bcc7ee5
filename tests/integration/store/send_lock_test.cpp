#include "tsuikyaku/store/send_lock.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "support.hpp"
#include "tsuikyaku/core/error.hpp"

using namespace tsuikyaku;
using namespace tsuikyaku::testing;

namespace {

const core::Instant k_now = core::from_unix(1'795'000'000);  // 2026-11-18 11:06:40 UTC

std::string holder_message(const std::string& db, int pid) {
  return "another send is running on " + db + ": process " + std::to_string(pid) + " on " +
         store::current_run_identity().host +
         " since 2026-11-18T11:06:40+00:00; try again when it is done";
}

// A child process that takes the lock, says so through a pipe, and waits to be killed.
pid_t child_holding_lock(const std::filesystem::path& db) {
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(ready[0]);
    try {
      const auto lock = store::SendLock::acquire(db, k_now, core::TimeZone::utc());
      (void)!::write(ready[1], "x", 1);
      for (;;) ::pause();
    } catch (...) {
      ::_exit(1);
    }
  }
  ::close(ready[1]);
  char byte = 0;
  REQUIRE(::read(ready[0], &byte, 1) == 1);
  ::close(ready[0]);
  return pid;
}

}  // namespace

TEST_CASE("store: a second send lock fails at once, naming the holder", "[store]") {
  const TempDir dir;
  const auto db = dir / "shop.db";
  const auto first = store::SendLock::acquire(db, k_now, core::TimeZone::utc());
  CHECK(first.path() == dir / "shop.db.send-lock");
  try {
    store::SendLock::acquire(db, k_now, core::TimeZone::utc());
    FAIL("the second lock was granted");
  } catch (const core::Error& e) {
    CHECK(e.kind() == core::ErrorKind::temp_fail);
    CHECK(std::string(e.what()) == holder_message(db.string(), ::getpid()));
  }
}

TEST_CASE("store: the send lock of a killed process is taken over", "[store]") {
  const TempDir dir;
  const auto db = dir / "shop.db";
  const pid_t child = child_holding_lock(db);
  try {
    store::SendLock::acquire(db, k_now, core::TimeZone::utc());
    FAIL("the lock of a live process was granted");
  } catch (const core::Error& e) {
    CHECK(std::string(e.what()) == holder_message(db.string(), child));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  const auto lock = store::SendLock::acquire(db, k_now, core::TimeZone::utc());
  CHECK(read_file(lock.path()).rfind("pid=" + std::to_string(::getpid()) + "\n", 0) == 0);
}

TEST_CASE("store: the lock is free again when its holder is gone", "[store]") {
  const TempDir dir;
  const auto db = dir / "shop.db";
  { const auto lock = store::SendLock::acquire(db, k_now, core::TimeZone::utc()); }
  CHECK_NOTHROW(store::SendLock::acquire(db, k_now, core::TimeZone::utc()));
}

TEST_CASE("store: a run is alive while its process runs with the same start", "[store]") {
  const store::RunIdentity me = store::current_run_identity();
  CHECK(me.pid == ::getpid());
  CHECK_FALSE(me.host.empty());
  CHECK(me.process_start.find(':') != std::string::npos);
  CHECK(store::is_alive(me));

  store::RunIdentity restarted = me;  // the same pid, started at another time
  restarted.process_start += "1";
  CHECK_FALSE(store::is_alive(restarted));

  store::RunIdentity elsewhere = me;  // nothing here can tell: counted as alive
  elsewhere.host = me.host + "-other";
  elsewhere.process_start = "x";
  CHECK(store::is_alive(elsewhere));
}

TEST_CASE("store: a run whose process has ended is dead", "[store]") {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const std::string start = store::current_run_identity().process_start;
    (void)!::write(pipe_fds[1], start.data(), start.size());
    ::close(pipe_fds[1]);
    for (;;) ::pause();
  }
  ::close(pipe_fds[1]);
  std::string start;
  char buffer[128];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) {
    start.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  store::RunIdentity child = store::current_run_identity();
  child.pid = pid;
  child.process_start = start;
  CHECK(store::is_alive(child));
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK_FALSE(store::is_alive(child));
}
