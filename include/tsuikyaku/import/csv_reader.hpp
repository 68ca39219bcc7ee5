#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// A streaming RFC 4180 reader (SPEC §3): quoted fields with commas, quotes and line breaks
// inside, CRLF, LF or CR line ends, an optional UTF-8 byte order mark. It works on bytes,
// before any decoding: in UTF-8 and CP932 the bytes `,` `"` CR and LF never occur inside a
// multi-byte character, so the same tokenizer serves both.
//
// Memory is bounded by the longest record (at most k_max_record_bytes), never by the file.

namespace tsuikyaku::ingest {

// Where bytes come from: a file, standard input, a string in tests. No I/O in this module.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Up to size bytes into buffer; 0 at the end. Throws core::Error when reading fails.
  virtual std::size_t read(char* buffer, std::size_t size) = 0;
};

// A source over bytes in memory (tests, fuzzing).
class StringSource final : public ByteSource {
 public:
  explicit StringSource(std::string_view bytes) : m_bytes(bytes) {}
  std::size_t read(char* buffer, std::size_t size) override;

 private:
  std::string_view m_bytes;
};

inline constexpr std::size_t k_max_record_bytes = 1 << 20;

enum class RecordIssue : std::uint8_t {
  none,
  unclosed_quote,  // the file ended inside a quoted field
};

// One record. Views point into the reader and are valid until the next call to next().
struct CsvRecord {
  std::int64_t line = 0;                 // physical line where the record starts, 1-based
  std::string_view raw;                  // the record's bytes as in the file, without its end
  std::vector<std::string_view> fields;  // unquoted, "" unescaped; bytes as in the file
  RecordIssue issue = RecordIssue::none;
  char terminator = 0;  // '\n', '\r' (also for CRLF), or 0 at the end of the input
};

class CsvReader {
 public:
  // name is how messages call the input ("orders.csv", "-").
  CsvReader(ByteSource& source, std::string name);

  // The first bytes of the input (up to n, fewer at the end), without consuming them;
  // for detecting the encoding. Call before the first next().
  std::string_view peek(std::size_t n);

  // True when a BOM started the input (it is not part of the first record).
  bool had_bom() const { return m_had_bom; }

  // Reads the next record; false at the end. Blank lines are skipped. Throws core::Error
  // (data) for a record longer than k_max_record_bytes: no quote was closed in time.
  bool next(CsvRecord& record);

  // Bytes consumed so far, for progress.
  std::uint64_t bytes_read() const { return m_consumed + m_pos; }

 private:
  enum class State { field_start, unquoted, quoted, after_quote };
  struct Scan {
    std::size_t end;  // where the record's bytes end in m_buffer
    bool ended;       // by a line end, which is at end
    bool unclosed;    // the input ended inside a quoted field
  };
  Scan scan();
  bool fill();  // appends more input to the buffer; false at the end
  void compact();
  void check_bom();

  ByteSource& m_source;
  std::string m_name;
  std::string m_buffer;
  std::size_t m_size = 0;        // bytes of m_buffer in use
  std::size_t m_pos = 0;         // start of the unread input in m_buffer
  std::uint64_t m_consumed = 0;  // bytes dropped from the buffer's front so far
  std::int64_t m_line = 1;
  bool m_eof = false;
  bool m_bom_checked = false;
  bool m_had_bom = false;
  bool m_skip_lf = false;  // the last record ended with CR: a following LF belongs to it
  std::string m_unquoted;  // unescaped field bytes of the current record
  std::vector<std::size_t> m_ends;
};

}  // namespace tsuikyaku::ingest
