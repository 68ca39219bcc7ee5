#include "tsuikyaku/core/charset.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::core {
namespace {

const iconv_t k_failed = reinterpret_cast<iconv_t>(-1);

void* open_handle(std::string_view to, std::string_view from) {
  iconv_t handle = iconv_open(std::string(to).c_str(), std::string(from).c_str());
  return handle == k_failed ? nullptr : handle;
}

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

Converter::Converter(std::string_view to, std::string_view from) : m_iconv(open_handle(to, from)) {
  if (m_iconv == nullptr) {
    throw std::runtime_error("iconv cannot convert " + std::string(from) + " to " +
                             std::string(to) + ": " + std::strerror(errno));
  }
}

std::optional<Converter> Converter::open(std::string_view to, std::string_view from) {
  void* handle = open_handle(to, from);
  if (handle == nullptr) return std::nullopt;
  return Converter(handle);
}

Converter::~Converter() {
  if (m_iconv != nullptr) iconv_close(static_cast<iconv_t>(m_iconv));
}

Converter::Converter(Converter&& other) noexcept : m_iconv(other.m_iconv) {
  other.m_iconv = nullptr;
}

bool Converter::convert(std::string_view bytes, std::string& out, OnInvalid on_invalid) {
  auto handle = static_cast<iconv_t>(m_iconv);
  iconv(handle, nullptr, nullptr, nullptr, nullptr);  // a fresh state for each call
  char* in = const_cast<char*>(bytes.data());         // iconv's signature; it does not write
  std::size_t in_left = bytes.size();
  std::size_t used = out.size();
  out.resize(used + bytes.size() * 3 + 16);  // one byte can become three of UTF-8
  bool flushed = false;
  while (true) {
    char* dest = out.data() + used;
    std::size_t out_left = out.size() - used;
    // Once the input is consumed, a null input writes the shift back to the initial state.
    const std::size_t result = in_left > 0 ? iconv(handle, &in, &in_left, &dest, &out_left)
                                           : iconv(handle, nullptr, nullptr, &dest, &out_left);
    const int error = errno;
    used = out.size() - out_left;
    if (result != static_cast<std::size_t>(-1)) {
      if (on_invalid == OnInvalid::fail && result != 0) return false;  // a substitute
      if (in_left == 0) {
        if (flushed) break;
        flushed = true;
      }
      continue;
    }
    if (error == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    // EILSEQ or EINVAL (a sequence cut at the end): invalid here.
    if (on_invalid == OnInvalid::fail) return false;
    if (out.size() - used < 8) out.resize(out.size() * 2);
    if (on_invalid == OnInvalid::replace_byte) {
      out.replace(used, k_replacement.size(), k_replacement);
      used += k_replacement.size();
      ++in;
      --in_left;
    } else {
      out[used++] = '?';
      do {
        ++in;
        --in_left;
      } while (in_left > 0 && (static_cast<unsigned char>(*in) & 0xC0) == 0x80);
    }
    iconv(handle, nullptr, nullptr, nullptr, nullptr);
  }
  out.resize(used);
  return true;
}

std::optional<std::size_t> Converter::first_inexact(std::string_view bytes) {
  auto handle = static_cast<iconv_t>(m_iconv);
  iconv(handle, nullptr, nullptr, nullptr, nullptr);
  std::string out(bytes.size() * 4 + 16, '\0');  // never too small: no E2BIG
  char* in = const_cast<char*>(bytes.data());    // iconv's signature; it does not write
  std::size_t in_left = bytes.size();
  char* dest = out.data();
  std::size_t out_left = out.size();
  const std::size_t result = iconv(handle, &in, &in_left, &dest, &out_left);
  if (result == 0 && in_left == 0) return std::nullopt;
  return static_cast<std::size_t>(in - bytes.data());
}

std::string iconv_charset_name(std::string_view mime_charset) {
  const std::string name = to_lower_ascii(trim(mime_charset));
  if (name == "shift_jis" || name == "shift-jis" || name == "sjis" || name == "x-sjis" ||
      name == "windows-31j" || name == "cp932" || name == "ms_kanji" || name == "x-ms-cp932") {
    return "CP932";
  }
  if (name == "iso-2022-jp" || name == "csiso2022jp" || name == "iso-2022-jp-ms") {
    return "ISO-2022-JP-2";
  }
  if (name == "ks_c_5601-1987" || name == "euc-kr") return "CP949";
  if (name == "gb2312" || name == "x-gbk") return "GBK";
  if (name == "x-euc-jp" || name == "euc-jp") return "EUC-JP-MS";
  return name;
}

std::string to_utf8(std::string_view bytes, std::string_view mime_charset) {
  if (is_ascii(bytes) && bytes.find('\x1B') == std::string_view::npos) {
    return std::string(bytes);
  }
  std::string name = iconv_charset_name(mime_charset);
  if (name.empty() || name == "utf-8" || name == "utf8" || name == "us-ascii" || name == "ascii" ||
      name == "unknown-8bit" || name == "x-unknown") {
    const bool escapes = bytes.find("\x1B$") != std::string_view::npos;
    if (!escapes && is_valid_utf8(bytes)) return std::string(bytes);
    if (escapes) {
      name = "ISO-2022-JP-2";
    } else if (name.empty() || name == "us-ascii" || name == "ascii" || name == "unknown-8bit" ||
               name == "x-unknown") {
      name = "CP932";
    } else {
      name = "UTF-8";
    }
  }
  std::string out;
  if (auto converter = Converter::open("UTF-8", name)) {
    converter->convert(bytes, out, OnInvalid::replace_byte);
    return out;
  }
  // A charset iconv does not know: the ASCII survives, every other byte is U+FFFD.
  out.reserve(bytes.size());
  for (const char byte : bytes) {
    if (static_cast<unsigned char>(byte) < 0x80) {
      out += byte;
    } else {
      out += k_replacement;
    }
  }
  return out;
}

}  // namespace tsuikyaku::core
