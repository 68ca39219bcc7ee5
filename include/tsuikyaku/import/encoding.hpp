#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// The encodings of shop exports (SPEC §3): UTF-8, and CP932 (Microsoft's Shift_JIS, as
// Japanese platforms and Excel write it). The database always holds UTF-8. CP932 is
// converted by glibc's iconv under the name "CP932": "SHIFT_JIS" fails on ① and ～.

namespace tsuikyaku::ingest {

enum class Encoding { utf8, cp932 };

std::string_view encoding_name(Encoding encoding);  // "utf-8", "cp932"

// How many bytes `auto` looks at (SPEC §3).
inline constexpr std::size_t k_detect_bytes = 64 * 1024;

// `--encoding auto`: a UTF-8 byte order mark or valid UTF-8 is UTF-8, anything else
// CP932. head is the start of the file; a character cut at its end is not held against it.
Encoding detect_encoding(std::string_view head);

// text (UTF-8) in encoding, for writing beside a file's own bytes (the reason column of
// `--rejects`); a character the encoding lacks becomes "?".
std::string from_utf8(std::string_view text, Encoding encoding);

// Converts fields to UTF-8. Not thread-safe; one per import.
class Decoder {
 public:
  explicit Decoder(Encoding encoding);
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // Appends the UTF-8 form of bytes to out; false (out unspecified) when bytes are not
  // valid in the encoding. UTF-8 input is checked and copied.
  bool append_utf8(std::string_view bytes, std::string& out);

  // A record's fields in UTF-8, in out (views valid until the next call); false when any
  // field holds bytes that are not valid in the encoding (SPEC §3: a rejected row).
  bool decode_fields(std::span<const std::string_view> fields, std::vector<std::string_view>& out);

 private:
  Encoding m_encoding;
  void* m_iconv = nullptr;  // iconv_t; <iconv.h> stays in the source file
  std::string m_storage;
  std::vector<std::size_t> m_ends;
};

}  // namespace tsuikyaku::ingest
