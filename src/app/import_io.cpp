#include "import_io.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <istream>
#include <system_error>

#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/paths.hpp"

namespace tsuikyaku::app {
namespace {

[[noreturn]] void cannot_read(const std::string& name, int error) {
  throw core::Error(core::ErrorKind::no_input, fmt::format("cannot read {}: {}", name,
                                                           std::generic_category().message(error)));
}

}  // namespace

ExportSource::ExportSource(const std::string& source, std::istream* input) {
  if (source == "-") {
    m_name = source;
    m_input = input;
    return;
  }
  m_name = core::display_path(source);
  m_fd = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
  if (m_fd < 0) cannot_read(m_name, errno);
  struct stat info {};
  if (::fstat(m_fd, &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      ::close(m_fd);
      m_fd = -1;
      cannot_read(m_name, EISDIR);
    }
    if (S_ISREG(info.st_mode)) m_size = static_cast<std::uint64_t>(info.st_size);
  }
}

ExportSource::~ExportSource() {
  if (m_fd >= 0) ::close(m_fd);
}

std::size_t ExportSource::read(char* buffer, std::size_t size) {
  if (m_input != nullptr) {
    m_input->read(buffer, static_cast<std::streamsize>(size));
    if (m_input->bad()) cannot_read(m_name, EIO);
    return static_cast<std::size_t>(m_input->gcount());
  }
  for (;;) {
    const ssize_t n = ::read(m_fd, buffer, size);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) cannot_read(m_name, errno);
  }
}

RejectsFile::RejectsFile(const std::filesystem::path& path, const ingest::CsvRecord& header,
                         bool bom, ingest::Encoding encoding)
    : m_out(path), m_line_end(header.terminator == '\n' ? "\n" : "\r\n"), m_encoding(encoding) {
  if (bom) m_out.write("\xEF\xBB\xBF");
  m_out.write(header.raw);
  m_out.write(",reject_reason");
  m_out.write(m_line_end);
}

void RejectsFile::write(const ingest::RowReject& reject) {
  std::string_view raw = reject.raw;
  if (!reject.open_quote) return write_row(raw, reject.reason);
  // The file ended inside a quoted field: its line ends go, and a quote closes the field.
  while (raw.ends_with('\n') || raw.ends_with('\r')) raw.remove_suffix(1);
  write_row(std::string(raw) + '"', reject.reason);
}

void RejectsFile::write_row(std::string_view raw, std::string_view reason) {
  // The reason is always quoted: it may hold commas and quotes of the values it names.
  std::string line(raw);
  line += ",\"";
  for (const char c : ingest::from_utf8(reason, m_encoding)) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
  line += m_line_end;
  m_out.write(line);
}

void RejectsFile::close() { m_out.commit(); }

}  // namespace tsuikyaku::app
