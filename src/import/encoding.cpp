#include "tsuikyaku/import/encoding.hpp"

#include <fmt/format.h>

#include "adjacent_fields.hpp"
#include "tsuikyaku/core/charset.hpp"
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

bool well_formed_cp932(std::string_view bytes, bool cut_end_ok) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b < 0x80 || (b >= 0xA1 && b <= 0xDF)) continue;  // ASCII, half-width katakana
    const bool lead = (b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC);
    if (!lead) return false;
    if (i + 1 == bytes.size()) return cut_end_ok;
    const auto t = static_cast<unsigned char>(bytes[++i]);
    if (t < 0x40 || t == 0x7F || t > 0xFC) return false;
  }
  return true;
}

std::string show_bad_bytes(std::string_view bytes, std::size_t at) {
  std::string out;
  for (std::size_t i = at; i < bytes.size() && i < at + 4; ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b < 0x80) break;
    out += fmt::format("\\x{:02x}", b);
  }
  return out;
}

core::Result<Encoding> detect_encoding(std::string_view head) {
  const bool bom = head.starts_with("\xEF\xBB\xBF");
  const bool cut = head.size() >= k_detect_bytes;
  if (cut) {
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
  // Well-formed multi-byte characters, and the sequences UTF-8 does not allow.
  std::size_t characters = 0;
  std::size_t broken = 0;
  std::size_t first_broken = head.size();
  for (std::size_t i = bom ? 3 : 0; i < head.size();) {
    if (static_cast<unsigned char>(head[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = core::utf8_sequence_length(head, i);
    if (n == 0) {
      if (broken++ == 0) first_broken = i;
      ++i;
      continue;
    }
    ++characters;
    i += n;
  }
  if (characters >= 4 * broken) return Encoding::utf8;
  const bool cp932 = !bom && well_formed_cp932(head, cut) && broken >= 4 * characters;
  if (cp932) return Encoding::cp932;
  std::size_t line = 1;
  for (std::size_t i = 0; i < first_broken; ++i) {
    if (head[i] == '\n' || (head[i] == '\r' && (i + 1 == head.size() || head[i + 1] != '\n'))) {
      ++line;
    }
  }
  const std::string bad =
      fmt::format("line {} has {}, which is not UTF-8", line, show_bad_bytes(head, first_broken));
  const std::string_view fix =
      "run the import with --encoding cp932 if the file is CP932{}, or --encoding utf-8 to "
      "reject the rows that are not UTF-8";
  if (bom) {
    return core::Failure{fmt::format(
        "cannot tell the file's encoding: it starts with a UTF-8 byte order mark, but {}; {}", bad,
        fmt::format(fmt::runtime(fix), " (Shift_JIS)"))};
  }
  return core::Failure{
      fmt::format("cannot tell the file's encoding: {}, and the file is neither mostly UTF-8 "
                  "nor valid CP932 (Shift_JIS); {}",
                  bad, fmt::format(fmt::runtime(fix), ""))};
}

std::string from_utf8(std::string_view text, Encoding encoding) {
  if (encoding == Encoding::utf8 || core::is_ascii(text)) return std::string(text);
  auto converter = core::Converter::open("CP932", "UTF-8");
  if (!converter) return std::string(text);
  std::string out;
  // A character CP932 lacks, or a broken sequence: one "?" and on to the next character.
  converter->convert(text, out, core::OnInvalid::question_mark_utf8);
  return out;
}

Decoder::Decoder(Encoding encoding) : m_encoding(encoding) {
  if (encoding == Encoding::cp932) m_cp932.emplace("UTF-8", "CP932");
}

Decoder::~Decoder() = default;

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
  // Any irreversible conversion would be a substitute character: refused, never mojibake.
  return m_cp932->convert(bytes, out, core::OnInvalid::fail);
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

std::pair<std::size_t, std::size_t> Decoder::first_invalid(
    std::span<const std::string_view> fields) {
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const std::string_view bytes = fields[f];
    if (core::is_ascii(bytes)) continue;
    if (m_encoding == Encoding::utf8) {
      for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t n = core::utf8_sequence_length(bytes, i);
        if (n == 0) return {f, i};
        i += n;
      }
      continue;
    }
    if (const auto at = m_cp932->first_inexact(bytes)) return {f, *at};
  }
  return {fields.size(), 0};
}

}  // namespace tsuikyaku::ingest
