#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "tsuikyaku/core/error.hpp"

// A file written whole or not at all (docs/cron.md, exit 74): the bytes go to a temporary
// file beside the target (the same folder, so the rename stays on one file system), every
// write is checked, the file is fsynced and closed, and only then renamed over the target.
// A reader never sees half a file under the target's name; a full disk leaves the old
// file, or none, in its place. The one helper for files the commands write.

namespace tsuikyaku::core {

class AtomicFile {
 public:
  // Creates the temporary file; a folder that is missing or not writable is a core::Error
  // (no_input, exit 66) "cannot write TARGET: reason". Every failure below (a full disk)
  // is one of kind io_error (exit 74), the temporary file removed.
  explicit AtomicFile(const std::filesystem::path& target);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);  // buffered
  // Flushes, fsyncs and closes the file, renames it over the target, fsyncs the folder.
  void commit();

 private:
  void flush();
  void write_all(std::string_view bytes);
  [[noreturn]] void fail(int error, ErrorKind kind = ErrorKind::io_error);

  std::filesystem::path m_target;
  std::filesystem::path m_temporary;
  int m_fd = -1;
  std::string m_buffer;
};

// contents as the file path, through an AtomicFile.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace tsuikyaku::core
