#include "tsuikyaku/app/inbox_scan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/escape.hpp"
#include "tsuikyaku/core/paths.hpp"
#include "tsuikyaku/mailbox/message.hpp"

namespace tsuikyaku::app {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void cannot_read(const fs::path& path, const std::string& why) {
  throw core::Error(
      core::ErrorKind::no_input,
      fmt::format("cannot read {}: {}", core::escaped(core::display_path(path)), why));
}

std::vector<fs::path> files_in(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(".")) continue;
    if (entry.is_regular_file(error)) files.push_back(entry.path());
  }
  if (error) cannot_read(folder, error.message());
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_head(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) cannot_read(path, "the file cannot be opened");
  std::string bytes;
  std::error_code error;
  const auto size = fs::file_size(path, error);
  bytes.resize(error ? k_max_message_bytes : std::min<std::uintmax_t>(size, k_max_message_bytes));
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

}  // namespace

std::vector<std::string> message_files(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& given : paths) {
    const fs::path path(given);
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error || !fs::exists(status)) cannot_read(path, "no such file or folder");
    if (!fs::is_directory(status)) {
      files.push_back(path.string());
      continue;
    }
    const bool maildir = fs::is_directory(path / "cur") || fs::is_directory(path / "new");
    if (maildir) {
      for (const char* sub : {"cur", "new"}) {
        if (!fs::is_directory(path / sub)) continue;
        for (const fs::path& file : files_in(path / sub)) files.push_back(file.string());
      }
    } else {
      for (const fs::path& file : files_in(path)) files.push_back(file.string());
    }
  }
  return files;
}

std::vector<ScannedMessage> scan_messages(const std::vector<std::string>& paths) {
  std::vector<ScannedMessage> scanned;
  for (const std::string& file : message_files(paths)) {
    const std::string bytes = read_head(file);
    const mailbox::Message message = mailbox::parse_message(bytes);
    scanned.push_back({core::display_path(file), mailbox::read_message(message)});
  }
  return scanned;
}

}  // namespace tsuikyaku::app
