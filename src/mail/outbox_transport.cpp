#include "tsuikyaku/mail/outbox_transport.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <utility>

#include "tsuikyaku/core/paths.hpp"

namespace tsuikyaku::mail {
namespace {

namespace fs = std::filesystem;
using delivery::Outcome;

// Maildir names carry the host; "/" and ":" would break them, so they are escaped as
// the convention says (\057, \072).
std::string maildir_host() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size() - 1) != 0 || name[0] == '\0') return "localhost";
  std::string out;
  for (const char* c = name.data(); *c != '\0'; ++c) {
    if (*c == '/') {
      out += "\\057";
    } else if (*c == ':') {
      out += "\\072";
    } else {
      out += *c;
    }
  }
  return out;
}

// time.M<microseconds>P<pid>Q<counter>.host: unique per process by the counter, across
// processes by the pid, across machines sharing the folder by the host.
std::string unique_name() {
  static std::atomic<unsigned long> counter{0};
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now);
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now - seconds);
  return fmt::format("{}.M{}P{}Q{}.{}.eml", seconds.count(), micros.count(), ::getpid(), ++counter,
                     maildir_host());
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : m_fd(fd) {}
  ~FileDescriptor() {
    if (m_fd >= 0) ::close(m_fd);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return m_fd; }
  int release() { return std::exchange(m_fd, -1); }

 private:
  int m_fd;
};

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool sync_dir(const fs::path& dir) {
  const FileDescriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  return fd.get() >= 0 && ::fsync(fd.get()) == 0;
}

Outcome cannot_write(const fs::path& path) {
  Outcome outcome;
  outcome.status = delivery::Status::deferred;
  outcome.unreachable = true;
  outcome.error =
      fmt::format("cannot write {}: {}", core::display_path(path), std::strerror(errno));
  return outcome;
}

class OutboxConnection final : public Connection {
 public:
  explicit OutboxConnection(const fs::path& dir) : m_dir(dir) {}

 private:
  Outcome transfer(const OutgoingMessage& message, const HandOver& hand_over) override {
    std::error_code ec;
    for (const char* sub : {"tmp", "new", "cur"}) fs::create_directories(m_dir / sub, ec);
    const std::string name = unique_name();
    const fs::path tmp = m_dir / "tmp" / name;
    const fs::path done = m_dir / "new" / name;
    FileDescriptor fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (fd.get() < 0) return cannot_write(tmp);
    if (!write_all(fd.get(), message.data) || ::fsync(fd.get()) != 0 ||
        ::close(fd.release()) != 0) {
      const Outcome outcome = cannot_write(tmp);
      ::unlink(tmp.c_str());
      return outcome;
    }
    // The rename delivers: before it, a death leaves only a file in tmp/.
    try {
      hand_over();
    } catch (...) {
      ::unlink(tmp.c_str());
      throw;
    }
    if (::rename(tmp.c_str(), done.c_str()) != 0) {
      const Outcome outcome = cannot_write(done);
      ::unlink(tmp.c_str());
      return outcome;
    }
    // The rename is durable once the folder is synced; a failure here leaves the message
    // in new/, which is what counts, so it is sent either way.
    sync_dir(m_dir / "new");
    Outcome outcome;
    outcome.status = delivery::Status::sent;
    outcome.server_id = name;
    return outcome;
  }

  fs::path m_dir;
};

}  // namespace

std::unique_ptr<Connection> OutboxTransport::open_connection() {
  return std::make_unique<OutboxConnection>(m_dir);
}

}  // namespace tsuikyaku::mail
