#include "tsuikyaku/import/encoding.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "adjacent_fields.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::ingest {
namespace {

// The length of the UTF-8 sequence a lead byte announces, 0 for a byte that cannot lead.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

bool is_continuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

// Each field well-formed UTF-8. Fields that lie one after another are checked in one pass:
// they are each well-formed exactly when the whole is and no field starts inside a
// character.
bool valid_utf8_fields(std::span<const std::string_view> fields) {
  if (const auto whole = adjacent_fields(fields)) {
    if (!core::is_valid_utf8(*whole)) return false;
    for (const std::string_view field : fields) {
      if (!field.empty() && is_continuation(field.front())) return false;
    }
    return true;
  }
  for (const std::string_view field : fields) {
    if (!core::is_valid_utf8(field)) return false;
  }
  return true;
}

}  // namespace

std::string_view encoding_name(Encoding encoding) {
  return encoding == Encoding::utf8 ? "utf-8" : "cp932";
}

Encoding detect_encoding(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) return Encoding::utf8;
  if (head.size() >= k_detect_bytes) {
    // Do not count a character cut by the 64 KiB boundary against the file.
    std::size_t start = head.size();
    for (std::size_t back = 1; back <= 3 && back <= head.size(); ++back) {
      const auto byte = static_cast<unsigned char>(head[head.size() - back]);
      if ((byte & 0xC0) != 0x80) {
        const std::size_t need = sequence_length(byte);
        if (need > back) start = head.size() - back;
        break;
      }
    }
    head = head.substr(0, start);
  }
  return core::is_valid_utf8(head) ? Encoding::utf8 : Encoding::cp932;
}

std::string from_utf8(std::string_view text, Encoding encoding) {
  if (encoding == Encoding::utf8 || core::is_ascii(text)) return std::string(text);
  iconv_t handle = iconv_open("CP932", "UTF-8");
  if (handle == reinterpret_cast<iconv_t>(-1)) return std::string(text);
  std::string out(text.size() + 8, '\0');
  char* in = const_cast<char*>(text.data());  // iconv's signature; it does not write
  std::size_t in_left = text.size();
  char* dest = out.data();
  std::size_t out_left = out.size();
  while (in_left > 0) {
    if (iconv(handle, &in, &in_left, &dest, &out_left) != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) break;  // cannot happen: UTF-8 never shrinks to more bytes in CP932
    // A character CP932 lacks, or a broken sequence: one "?" and on to the next character.
    *dest++ = '?';
    --out_left;
    do {
      ++in;
      --in_left;
    } while (in_left > 0 && (static_cast<unsigned char>(*in) & 0xC0) == 0x80);
  }
  iconv_close(handle);
  out.resize(out.size() - out_left);
  return out;
}

Decoder::Decoder(Encoding encoding) : m_encoding(encoding) {
  if (encoding == Encoding::cp932) {
    iconv_t handle = iconv_open("UTF-8", "CP932");
    if (handle == reinterpret_cast<iconv_t>(-1)) {
      throw std::runtime_error(std::string("iconv cannot convert CP932: ") + std::strerror(errno));
    }
    m_iconv = handle;
  }
}

Decoder::~Decoder() {
  if (m_iconv != nullptr) iconv_close(static_cast<iconv_t>(m_iconv));
}

bool Decoder::append_utf8(std::string_view bytes, std::string& out) {
  if (core::is_ascii(bytes)) {
    out.append(bytes);
    return true;
  }
  if (m_encoding == Encoding::utf8) {
    if (!core::is_valid_utf8(bytes)) return false;
    out.append(bytes);
    return true;
  }
  auto handle = static_cast<iconv_t>(m_iconv);
  iconv(handle, nullptr, nullptr, nullptr, nullptr);  // a fresh state for each field
  const std::size_t start = out.size();
  // A CP932 byte (a half-width katakana) can become 3 bytes of UTF-8.
  out.resize(start + bytes.size() * 3);
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write
  std::size_t in_left = bytes.size();
  char* dest = out.data() + start;
  std::size_t out_left = out.size() - start;
  const std::size_t result = iconv(handle, &in, &in_left, &dest, &out_left);
  // Any irreversible conversion would be a substitute character: refused, never mojibake.
  if (result != 0 || in_left != 0) return false;
  out.resize(out.size() - out_left);
  return true;
}

bool Decoder::decode_fields(std::span<const std::string_view> fields,
                            std::vector<std::string_view>& out) {
  out.clear();
  if (m_encoding == Encoding::utf8) {
    if (!valid_utf8_fields(fields)) return false;
    out.assign(fields.begin(), fields.end());
    return true;
  }
  m_storage.clear();
  m_ends.clear();
  for (const std::string_view field : fields) {
    if (!append_utf8(field, m_storage)) return false;
    m_ends.push_back(m_storage.size());
  }
  std::size_t begin = 0;
  for (const std::size_t end : m_ends) {
    out.emplace_back(m_storage.data() + begin, end - begin);
    begin = end;
  }
  return true;
}

}  // namespace tsuikyaku::ingest
