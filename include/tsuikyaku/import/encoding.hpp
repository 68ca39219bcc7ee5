#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tsuikyaku/core/charset.hpp"
#include "tsuikyaku/core/result.hpp"

// The encodings of shop exports (SPEC §3): UTF-8, and CP932 (Microsoft's Shift_JIS, as
// Japanese platforms and Excel write it). The database always holds UTF-8. CP932 is
// converted by glibc's iconv (core/charset.hpp) under the name "CP932": "SHIFT_JIS" fails
// on ① and ～.

namespace tsuikyaku::ingest {

enum class Encoding { utf8, cp932 };

std::string_view encoding_name(Encoding encoding);  // "utf-8", "cp932"

// How many bytes `auto` looks at (SPEC §3).
inline constexpr std::size_t k_detect_bytes = 64 * 1024;

// `--encoding auto` (docs/import.md, "The file"), never a guess that turns text into
// mojibake. head is the start of the file; a character cut at its end is not held against
// it. UTF-8 when head has at least four well-formed multi-byte UTF-8 characters for each
// sequence UTF-8 does not allow (valid UTF-8, with or without a byte order mark, always);
// CP932 when head is well-formed CP932, starts with no byte order mark and has at least
// four such sequences for each UTF-8 character. Anything else fails with the reason (the
// first bad bytes and their line) and what to run instead.
core::Result<Encoding> detect_encoding(std::string_view head);

// True when bytes are well-formed CP932 by the byte structure (lead and trail ranges); a
// lead byte cut at the end counts as well-formed when cut_end_ok.
bool well_formed_cp932(std::string_view bytes, bool cut_end_ok = false);

// bytes from `at` shown for a message: up to four bytes of 0x80 and above as \xhh, where
// `at` is the first byte that is not valid in the file's encoding.
std::string show_bad_bytes(std::string_view bytes, std::size_t at);

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

  // Where fields first hold bytes invalid in the encoding: {field index, byte offset in
  // it}, for the reason of a rejected row; {fields.size(), 0} when they are all valid.
  std::pair<std::size_t, std::size_t> first_invalid(std::span<const std::string_view> fields);

 private:
  Encoding m_encoding;
  std::optional<core::Converter> m_cp932;
  std::string m_storage;
  std::vector<std::size_t> m_ends;
};

}  // namespace tsuikyaku::ingest
