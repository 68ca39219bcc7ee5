#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <fstream>

#include "config_parts.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/paths.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::config {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void cannot_write(const fs::path& file, int error) {
  throw core::Error(core::ErrorKind::no_input,
                    fmt::format("cannot write {}: {}", core::display_path(file),
                                std::generic_category().message(error)));
}

}  // namespace

void require_private_file(const fs::path& file, std::string_view setting) {
  const std::string name = core::display_path(file);
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) {
    throw core::Error(core::ErrorKind::config, fmt::format("{}: cannot read {}", setting, name));
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    throw core::Error(
        core::ErrorKind::config,
        fmt::format("{}: {} is open to other users; run chmod 600 {}", setting, name, name));
  }
}

fs::path workspace_secret_path(const fs::path& dir) { return dir / k_secret_file; }

std::string read_workspace_secret(const fs::path& dir) {
  const fs::path file = workspace_secret_path(dir);
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec))) return {};
  require_private_file(file, k_secret_file);
  std::ifstream in(file, std::ios::binary);
  std::string line;
  std::getline(in, line);
  const std::string secret(core::trim(line));
  // Never the content in a message: only that it is too short.
  if (secret.size() < 32) {
    throw core::Error(core::ErrorKind::config,
                      fmt::format("{}: {} is shorter than 32 characters; remove it and run "
                                  "`tsuikyaku init` to make a new one (links already sent "
                                  "stop working)",
                                  k_secret_file, core::display_path(file)));
  }
  return secret;
}

bool create_workspace_secret(const fs::path& dir) {
  const fs::path file = workspace_secret_path(dir);
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw core::Error(core::ErrorKind::internal, "no random bytes from OpenSSL for the secret");
  }
  std::string text;
  for (const unsigned char byte : bytes) text += fmt::format("{:02x}", byte);
  text += '\n';
  // Made with mode 0600 from the start and never over an existing file or link.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST) return false;
  if (fd < 0) cannot_write(file, errno);
  const auto written = ::write(fd, text.data(), text.size());
  const int error = errno;
  if (written != static_cast<ssize_t>(text.size()) || ::fsync(fd) != 0) {
    ::close(fd);
    ::unlink(file.c_str());
    cannot_write(file, written < 0 ? error : EIO);
  }
  ::close(fd);
  return true;
}

}  // namespace tsuikyaku::config
