#include "tsuikyaku/store/send_lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
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

// The path the lock file of `database` has: beside the file with every symlink resolved.
fs::path lock_path(const fs::path& database) {
  std::error_code ec;
  fs::path path = fs::canonical(database, ec);
  if (ec) path = fs::weakly_canonical(database, ec);
  if (ec) path = database;
  path += ".send-lock";
  return path;
}

// The byte of the database file that a send locks (an open-file-description lock, F_OFD_*),
// far from the bytes SQLite locks (1 GiB and the 512 after it): every name of the file, a
// hard link or a bind mount of the file itself, reaches the same inode and so the same lock.
constexpr off_t k_database_byte = off_t{1} << 40;

struct flock byte_lock(short type, off_t start, off_t length) {
  struct flock lock {};
  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  lock.l_start = start;
  lock.l_len = length;
  return lock;
}

// One descriptor of each database file per process, opened on first use and never
// closed: closing a descriptor of a file drops every POSIX lock the process holds on it,
// SQLite's own included, so the descriptor stays open until the process ends.
int database_descriptor(const fs::path& database, dev_t device, ino_t inode) {
  static std::mutex mutex;
  static std::map<std::pair<dev_t, ino_t>, int> descriptors;
  const std::lock_guard guard(mutex);
  const auto found = descriptors.find({device, inode});
  if (found != descriptors.end()) return found->second;
  int fd = ::open(database.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) fd = ::open(database.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) descriptors[{device, inode}] = fd;
  return fd;
}

// The database file's descriptor, or -1 when it has none (not yet created, unreadable).
int database_descriptor(const fs::path& database) {
  struct stat info {};
  if (::stat(database.c_str(), &info) != 0) return -1;
  return database_descriptor(database, info.st_dev, info.st_ino);
}

std::string file_identity(const fs::path& database) {
  struct stat info {};
  if (::stat(database.c_str(), &info) != 0) return {};
  return fmt::format("{}:{}", static_cast<unsigned long long>(info.st_dev),
                     static_cast<unsigned long long>(info.st_ino));
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
  const fs::path path = lock_path(database);
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
  // The lock file's own lock again, as a record lock that `status` can ask about
  // without taking it (F_OFD_GETLK); and the database file's, which another name of the
  // same file (a hard link) reaches as well. A file system without such locks has the
  // flock() alone.
  struct flock whole = byte_lock(F_WRLCK, 0, 0);
  if (::fcntl(fd, F_OFD_SETLK, &whole) != 0 && errno != EINVAL) {
    throw core::Error(core::ErrorKind::internal,
                      fmt::format("cannot lock {}: {}", name, std::strerror(errno)));
  }
  const int db_fd = database_descriptor(database);
  struct flock byte = byte_lock(F_WRLCK, k_database_byte, 1);
  if (db_fd >= 0 && ::fcntl(db_fd, F_OFD_SETLK, &byte) != 0) {
    const int error = errno;
    if (error == EAGAIN || error == EACCES) {
      throw core::Error(core::ErrorKind::temp_fail,
                        fmt::format("another send is running on {}, reached by another name (a "
                                    "hard link, or a bind mount of the file); try again when it "
                                    "is done",
                                    core::display_path(database)));
    }
    if (error != EINVAL && error != EBADF) {
      throw core::Error(
          core::ErrorKind::internal,
          fmt::format("cannot lock {}: {}", core::display_path(database), std::strerror(error)));
    }
  }
  lock.m_database_fd = db_fd;
  const RunIdentity me = current_run_identity();
  const std::string text =
      fmt::format("pid={}\nhost={}\nstart={}\nsince={}\ndatabase={}\n", me.pid, me.host,
                  me.process_start, core::to_unix(now), file_identity(database));
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, text.data(), text.size(), 0) < 0) {
    throw core::Error(core::ErrorKind::internal,
                      fmt::format("cannot write {}: {}", name, std::strerror(errno)));
  }
  return lock;
}

LockProbe SendLock::probe(const fs::path& database) {
  // Any send takes the database file's lock, whatever name it reached the file by.
  const int db_fd = database_descriptor(database);
  if (db_fd < 0) return LockProbe::cannot_tell;
  struct flock byte = byte_lock(F_WRLCK, k_database_byte, 1);
  if (::fcntl(db_fd, F_OFD_GETLK, &byte) != 0) return LockProbe::cannot_tell;
  if (byte.l_type != F_UNLCK) return LockProbe::held;
  // A file system without record locks, or a run older than them, has only the lock
  // file's flock(), which cannot be asked about without taking it.
  const fs::path path = lock_path(database);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? LockProbe::free : LockProbe::cannot_tell;
  struct flock whole = byte_lock(F_WRLCK, 0, 0);
  const bool asked = ::fcntl(fd, F_OFD_GETLK, &whole) == 0;
  ::close(fd);
  if (!asked) return LockProbe::cannot_tell;
  return whole.l_type == F_UNLCK ? LockProbe::free : LockProbe::held;
}

void SendLock::release() noexcept {
  if (m_database_fd >= 0) {
    struct flock byte = byte_lock(F_UNLCK, k_database_byte, 1);
    ::fcntl(m_database_fd, F_OFD_SETLK, &byte);  // the descriptor itself stays open
  }
  if (m_fd >= 0) ::close(m_fd);
  m_fd = -1;
  m_database_fd = -1;
}

SendLock::SendLock(SendLock&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)),
      m_database_fd(std::exchange(other.m_database_fd, -1)),
      m_path(std::move(other.m_path)) {}

SendLock& SendLock::operator=(SendLock&& other) noexcept {
  if (this != &other) {
    release();
    m_fd = std::exchange(other.m_fd, -1);
    m_database_fd = std::exchange(other.m_database_fd, -1);
    m_path = std::move(other.m_path);
  }
  return *this;
}

SendLock::~SendLock() { release(); }

}  // namespace tsuikyaku::store
