#include "tsuikyaku/core/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/paths.hpp"

namespace tsuikyaku::core {
namespace {

constexpr std::size_t k_buffer_bytes = 64 * 1024;

}  // namespace

AtomicFile::AtomicFile(const std::filesystem::path& target) : m_target(target) {
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::string name = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  m_fd = ::mkstemp(name.data());
  if (m_fd < 0) fail(errno, ErrorKind::no_input);
  m_temporary = name;
  // mkstemp makes the file 0600; the target gets what a plain create would give it.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(m_fd, 0666 & ~mask) != 0) fail(errno);
  m_buffer.reserve(k_buffer_bytes);
}

AtomicFile::~AtomicFile() {
  if (m_fd >= 0) ::close(m_fd);
  if (!m_temporary.empty()) ::unlink(m_temporary.c_str());
}

void AtomicFile::write(std::string_view bytes) {
  if (m_buffer.size() + bytes.size() > k_buffer_bytes) flush();
  if (bytes.size() > k_buffer_bytes) return write_all(bytes);
  m_buffer.append(bytes);
}

void AtomicFile::flush() {
  write_all(m_buffer);
  m_buffer.clear();
}

void AtomicFile::write_all(std::string_view rest) {
  while (!rest.empty()) {
    const ssize_t n = ::write(m_fd, rest.data(), rest.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(errno);
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
}

void AtomicFile::commit() {
  flush();
  if (::fsync(m_fd) != 0) fail(errno);
  const int fd = m_fd;
  m_fd = -1;
  if (::close(fd) != 0) fail(errno);
  if (::rename(m_temporary.c_str(), m_target.c_str()) != 0) fail(errno);
  m_temporary.clear();
  const std::filesystem::path dir = m_target.has_parent_path() ? m_target.parent_path() : ".";
  // The rename itself made durable; a folder that cannot be opened or synced loses nothing
  // of the file, so this is not an error.
  if (const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir_fd >= 0) {
    static_cast<void>(::fsync(dir_fd));
    ::close(dir_fd);
  }
}

void AtomicFile::fail(int error, ErrorKind kind) {
  if (m_fd >= 0) ::close(m_fd);
  m_fd = -1;
  if (!m_temporary.empty()) ::unlink(m_temporary.c_str());
  m_temporary.clear();
  throw Error(kind, fmt::format("cannot write {}: {}", display_path(m_target),
                                std::generic_category().message(error)));
}

void write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  AtomicFile file(path);
  file.write(contents);
  file.commit();
}

}  // namespace tsuikyaku::core
