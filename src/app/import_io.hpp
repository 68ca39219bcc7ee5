#pragma once

// The files around an import: the export being read and the `--rejects` file. Private
// to the app module.

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

#include "tsuikyaku/core/atomic_file.hpp"
#include "tsuikyaku/import/csv_reader.hpp"
#include "tsuikyaku/import/encoding.hpp"
#include "tsuikyaku/import/order_record.hpp"

namespace tsuikyaku::app {

// Opens the export, or throws core::Error (no_input) "cannot read FILE: reason".
// size() is the file's size, 0 for standard input or a pipe.
class ExportSource final : public ingest::ByteSource {
 public:
  ExportSource(const std::string& source, std::istream* input);
  ~ExportSource() override;
  ExportSource(const ExportSource&) = delete;
  ExportSource& operator=(const ExportSource&) = delete;

  std::size_t read(char* buffer, std::size_t size) override;
  std::uint64_t size() const { return m_size; }
  const std::string& name() const { return m_name; }

 private:
  std::string m_name;
  int m_fd = -1;
  std::istream* m_input = nullptr;
  std::uint64_t m_size = 0;
};

// `--rejects FILE`: the export's header plus a last column reject_reason, then each bad
// row's bytes unchanged, in the export's encoding and line ends (SPEC §3).
class RejectsFile {
 public:
  RejectsFile(const std::filesystem::path& path, const ingest::CsvRecord& header, bool bom,
              ingest::Encoding encoding);
  void write(const ingest::RowReject& reject);
  // Puts the file in place (written whole, or the import fails with exit 74).
  void close();

 private:
  void write_row(std::string_view raw, std::string_view reason);

  core::AtomicFile m_out;
  std::string m_line_end;
  ingest::Encoding m_encoding;
};

}  // namespace tsuikyaku::app
