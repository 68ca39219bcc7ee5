#include "tsuikyaku/store/send_lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>

#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/paths.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::store {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string host_name() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size() - 1) != 0) return "unknown";
  return name.data();
}

// Field 22 of /proc/PID/stat, the start time in clock ticks since boot. The command
// name (field 2) may hold spaces and parentheses, so counting starts after the last ')'.
std::string start_ticks(int pid) {
  const std::string stat = read_text(fmt::format("/proc/{}/stat", pid));
  const auto close = stat.rfind(')');
  if (close == std::string::npos) return {};
  std::istringstream fields(stat.substr(close + 1));
  std::string field;
  for (int index = 3; index <= 22 && fields >> field; ++index) {
    if (index == 22) return field;
  }
  return {};
}

std::string boot_id() {
  return std::string(core::trim(read_text("/proc/sys/kernel/random/boot_id")));
}

std::string process_start(int pid) {
  const std::string ticks = start_ticks(pid);
  if (ticks.empty()) return {};
  return boot_id() + ":" + ticks;
}

// The lock file's lines, "key=value".
std::string field(std::string_view text, std::string_view key) {
  for (std::string_view line : core::split(text, '\n')) {
    if (core::starts_with(line, key) && line.size() > key.size() && line[key.size()] == '=') {
      return std::string(line.substr(key.size() + 1));
    }
  }
  return {};
}

// The lock file's text when it names a live process, else "". The holder writes who it
// is just after taking the lock, so a run started at the same moment may find the file
// still empty, or naming the holder before it, which has ended: it looks again for a
// moment, and rather names nobody than the wrong process.
std::string holder_text(const fs::path& path) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string text = read_text(path);
    RunIdentity holder;
    const std::string pid = field(text, "pid");
    std::from_chars(pid.data(), pid.data() + pid.size(), holder.pid);
    holder.host = field(text, "host");
    holder.process_start = field(text, "start");
    if (holder.pid > 0 && is_alive(holder)) return text;
    std::this_thread::sleep_for(std::chrono::milliseconds{5});
  }
  return {};
}

std::string describe_holder(std::string_view text, const core::TimeZone& zone) {
  const std::string pid = field(text, "pid");
  if (pid.empty()) return "";
  std::string out = fmt::format(": process {} on {}", pid, field(text, "host"));
  try {
    const std::int64_t since = std::stoll(field(text, "since"));
    out += " since " + core::format_iso(core::from_unix(since), zone);
  } catch (const std::exception&) {
    // An unreadable time is left out; who holds the lock is what matters.
  }
  return out;
}

}  // namespace

RunIdentity current_run_identity() {
  RunIdentity run;
  run.pid = static_cast<int>(::getpid());
  run.host = host_name();
  run.process_start = process_start(run.pid);
  return run;
}

bool is_alive(const RunIdentity& run) {
  if (run.host != host_name()) return true;
  if (run.pid <= 0) return false;
  const std::string start = process_start(run.pid);
  return !start.empty() && start == run.process_start;
}

bool ran_since_boot(const RunIdentity& run) {
  const std::string boot = boot_id();
  return !boot.empty() && run.process_start.starts_with(boot + ":");
}

SendLock SendLock::acquire(const fs::path& database, core::Instant now,
                           const core::TimeZone& zone) {
  // The lock belongs to the file, not to the name it was reached by: a symlink to the
  // database, or the workspace reached through a symlinked folder, locks the same file.
  std::error_code ec;
  fs::path path = fs::canonical(database, ec);
  if (ec) path = fs::weakly_canonical(database, ec);
  if (ec) path = database;
  path += ".send-lock";
  const std::string name = core::display_path(path);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw core::Error(core::ErrorKind::no_input,
                      fmt::format("cannot open the send lock {}: {}", name, std::strerror(errno)));
  }
  SendLock lock(fd, path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error != EWOULDBLOCK) {
      throw core::Error(core::ErrorKind::internal,
                        fmt::format("cannot lock {}: {}", name, std::strerror(error)));
    }
    throw core::Error(
        core::ErrorKind::temp_fail,
        fmt::format("another send is running on {}{}; try again when it is done",
                    core::display_path(database), describe_holder(holder_text(path), zone)));
  }
  const RunIdentity me = current_run_identity();
  const std::string text = fmt::format("pid={}\nhost={}\nstart={}\nsince={}\n", me.pid, me.host,
                                       me.process_start, core::to_unix(now));
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, text.data(), text.size(), 0) < 0) {
    throw core::Error(core::ErrorKind::internal,
                      fmt::format("cannot write {}: {}", name, std::strerror(errno)));
  }
  return lock;
}

SendLock::SendLock(SendLock&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_path(std::move(other.m_path)) {}

SendLock& SendLock::operator=(SendLock&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = std::exchange(other.m_fd, -1);
    m_path = std::move(other.m_path);
  }
  return *this;
}

SendLock::~SendLock() {
  if (m_fd >= 0) ::close(m_fd);
}

}  // namespace tsuikyaku::store
