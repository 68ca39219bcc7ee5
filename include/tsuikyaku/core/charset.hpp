#pragma once

#include <optional>
#include <string>
#include <string_view>

// Character set conversion, the one place glibc's iconv is used (the CP932 of shop
// exports, the charsets of mail). <iconv.h> stays in the source file.

namespace tsuikyaku::core {

// What a conversion does with a sequence that is not valid in the source charset, or a
// character the target lacks.
enum class OnInvalid {
  fail,               // stop: convert() returns false
  replace_byte,       // U+FFFD for the byte, go on with the next byte (reading mail)
  question_mark_utf8  // "?" for the whole UTF-8 character (writing UTF-8 text out)
};

// One iconv conversion between two named charsets. Not thread-safe; the state is reset
// for every call.
class Converter {
 public:
  // Throws std::runtime_error when iconv does not know either name (use open() to ask).
  Converter(std::string_view to, std::string_view from);
  static std::optional<Converter> open(std::string_view to, std::string_view from);
  ~Converter();
  Converter(Converter&& other) noexcept;
  Converter& operator=(Converter&&) = delete;
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;

  // Appends the converted bytes to out. With OnInvalid::fail, false (out unspecified)
  // when bytes hold anything the conversion cannot carry exactly; otherwise true.
  bool convert(std::string_view bytes, std::string& out, OnInvalid on_invalid);

  // Where a strict conversion of bytes stops: the offset of the first byte it cannot take
  // (bytes.size() when only a substitute was needed), or nullopt when it is exact.
  std::optional<std::size_t> first_inexact(std::string_view bytes);

 private:
  explicit Converter(void* handle) : m_iconv(handle) {}
  void* m_iconv = nullptr;  // iconv_t
};

// The iconv name of a charset as MIME labels it (any case): "shift_jis", "x-sjis" and
// "windows-31j" are read as CP932 (its superset, which Japanese mailers really send),
// "iso-2022-jp" as ISO-2022-JP-2 (its superset in glibc), "ks_c_5601-1987" as CP949,
// "gb2312" as GBK. Other names are passed through.
std::string iconv_charset_name(std::string_view mime_charset);

// bytes in the named charset as UTF-8, never failing: an unknown charset or an
// invalid sequence leaves U+FFFD in place of each byte that cannot be read. "utf-8",
// "us-ascii" and an empty name keep bytes that are valid UTF-8 as they are; other
// 8-bit bytes under those names are guessed (ISO-2022-JP when escapes are present,
// else CP932, else U+FFFD).
std::string to_utf8(std::string_view bytes, std::string_view mime_charset);

}  // namespace tsuikyaku::core
