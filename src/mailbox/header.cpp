#include "tsuikyaku/mailbox/header.hpp"

#include "lines.hpp"
#include "tsuikyaku/core/charset.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/mailbox/transfer.hpp"

namespace tsuikyaku::mailbox {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

bool is_field_name_char(char c) { return c > ' ' && c < 0x7F && c != ':'; }

// The length of the field name that starts line, when the line is a field ("Name:").
std::size_t field_name_length(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && is_field_name_char(line[i])) ++i;
  std::size_t name_end = i;
  while (i < line.size() && is_space(line[i])) ++i;  // "Name :" is seen in the wild
  if (name_end == 0 || i >= line.size() || line[i] != ':') return 0;
  return name_end;
}

// One encoded word at value[pos] ("=?charset?B?text?="): its decoded UTF-8 and its end.
struct Word {
  std::string text;
  std::size_t end = 0;
};
std::optional<Word> encoded_word_at(std::string_view value, std::size_t pos) {
  if (value.substr(pos, 2) != "=?") return std::nullopt;
  const std::size_t q1 = value.find('?', pos + 2);
  if (q1 == std::string_view::npos || q1 + 2 >= value.size() || value[q1 + 2] != '?') {
    return std::nullopt;
  }
  const std::size_t close = value.find("?=", q1 + 3);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view charset = value.substr(pos + 2, q1 - pos - 2);
  charset = charset.substr(0, charset.find('*'));  // RFC 2231 language suffix
  const char encoding = value[q1 + 1];
  const std::string_view payload = value.substr(q1 + 3, close - q1 - 3);
  if (payload.find_first_of(" \t") != std::string_view::npos) return std::nullopt;
  std::string bytes;
  if (encoding == 'B' || encoding == 'b') {
    bytes = decode_base64(payload);
  } else if (encoding == 'Q' || encoding == 'q') {
    bytes = decode_q(payload);
  } else {
    return std::nullopt;
  }
  return Word{core::to_utf8(bytes, charset), close + 2};
}

}  // namespace

void Headers::add(std::string name, std::string value) {
  if (m_fields.size() >= k_max_fields) return;
  if (value.size() > k_max_field_bytes) value.resize(k_max_field_bytes);
  m_fields.push_back({std::move(name), std::move(value)});
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
  for (const Field& field : m_fields) {
    if (core::iequals_ascii(field.name, name)) return field.value;
  }
  return std::nullopt;
}

std::vector<std::string_view> Headers::all(std::string_view name) const {
  std::vector<std::string_view> values;
  for (const Field& field : m_fields) {
    if (core::iequals_ascii(field.name, name)) values.push_back(field.value);
  }
  return values;
}

std::string Headers::text(std::string_view name) const {
  const auto value = get(name);
  return value ? decode_words(*value) : std::string();
}

HeaderBlock parse_headers(std::string_view text, std::size_t start) {
  HeaderBlock block;
  std::size_t pos = start;
  if (pos < text.size() && text.substr(pos, 5) == "From ") pos = line_at(text, pos).next;
  std::string name;
  std::string value;
  bool open = false;
  const auto flush = [&] {
    if (open) block.headers.add(std::move(name), std::string(core::trim(value)));
    name.clear();
    value.clear();
    open = false;
  };
  while (pos < text.size()) {
    const Line line = line_at(text, pos);
    if (line.text.empty()) {
      pos = line.next;
      break;
    }
    if (is_space(line.text.front())) {
      if (open && value.size() < k_max_field_bytes) value.append(line.text);
      pos = line.next;
      continue;
    }
    const std::size_t name_length = field_name_length(line.text);
    if (name_length == 0) break;  // not a field: the body starts here
    flush();
    name.assign(line.text.substr(0, name_length));
    const std::size_t colon = line.text.find(':', name_length);
    value.assign(line.text.substr(colon + 1, k_max_field_bytes));
    open = true;
    pos = line.next;
  }
  flush();
  block.body_start = pos;
  return block;
}

std::string decode_words(std::string_view value) {
  std::string out;
  std::size_t plain_start = 0;
  bool after_word = false;
  const auto flush_plain = [&](std::size_t end) {
    if (end > plain_start) out += core::to_utf8(value.substr(plain_start, end - plain_start), "");
  };
  std::size_t pos = value.find("=?");
  while (pos != std::string_view::npos) {
    if (auto word = encoded_word_at(value, pos)) {
      // White space that only separates two encoded words is not part of the text.
      const std::string_view between = value.substr(plain_start, pos - plain_start);
      if (!(after_word && core::trim(between).empty())) flush_plain(pos);
      out += word->text;
      plain_start = word->end;
      after_word = true;
      pos = value.find("=?", plain_start);
    } else {
      pos = value.find("=?", pos + 1);
    }
  }
  flush_plain(value.size());
  return out;
}

std::string ContentType::param(std::string_view name) const {
  for (const auto& [key, value] : parameters) {
    if (key == name) return value;
  }
  return {};
}

bool ContentType::is(std::string_view type_name, std::string_view subtype_name) const {
  return type == type_name && subtype == subtype_name;
}

ContentType parse_content_type(std::string_view value) {
  ContentType result;
  std::size_t pos = 0;
  const auto skip_space = [&] {
    while (pos < value.size()) {
      if (is_space(value[pos])) {
        ++pos;
      } else if (value[pos] == '(') {  // a comment
        int depth = 0;
        while (pos < value.size()) {
          if (value[pos] == '(') ++depth;
          if (value[pos] == ')' && --depth == 0) break;
          ++pos;
        }
        if (pos < value.size()) ++pos;  // past the ')'; a comment left open ends the value
      } else {
        break;
      }
    }
  };
  skip_space();
  const std::size_t semicolon = value.find(';', pos);
  const std::string_view media = core::trim(value.substr(pos, semicolon - pos));
  const std::size_t slash = media.find('/');
  if (slash != std::string_view::npos && slash > 0 && slash + 1 < media.size()) {
    result.type = core::to_lower_ascii(core::trim(media.substr(0, slash)));
    std::string_view subtype = media.substr(slash + 1);
    subtype = subtype.substr(0, subtype.find_first_of(" \t("));
    result.subtype = core::to_lower_ascii(core::trim(subtype));
  }
  pos = semicolon == std::string_view::npos ? value.size() : semicolon + 1;
  // name, value, extended (RFC 2231 `*`): continuations are joined in order of appearance.
  std::vector<std::pair<std::string, std::string>> raw;
  while (pos < value.size()) {
    skip_space();
    const std::size_t equals = value.find('=', pos);
    if (equals == std::string_view::npos) break;
    std::string key = core::to_lower_ascii(core::trim(value.substr(pos, equals - pos)));
    pos = equals + 1;
    skip_space();
    std::string text;
    if (pos < value.size() && value[pos] == '"') {
      ++pos;
      while (pos < value.size() && value[pos] != '"') {
        if (value[pos] == '\\' && pos + 1 < value.size()) ++pos;
        text += value[pos++];
      }
      ++pos;
      const std::size_t next = value.find(';', pos);
      pos = next == std::string_view::npos ? value.size() : next + 1;
    } else {
      const std::size_t next = value.find(';', pos);
      text = std::string(core::trim(value.substr(pos, next - pos)));
      pos = next == std::string_view::npos ? value.size() : next + 1;
    }
    const bool is_extended = !key.empty() && key.back() == '*';
    if (is_extended) key.pop_back();
    const std::size_t star = key.find('*');
    if (star != std::string::npos) key.resize(star);
    if (is_extended) {
      const std::size_t quote = text.find('\'');
      const std::size_t second = quote == std::string::npos ? quote : text.find('\'', quote + 1);
      std::string charset;
      if (second != std::string::npos) {
        charset = text.substr(0, quote);
        text = text.substr(second + 1);
      }
      text = core::to_utf8(decode_percent(text), charset);
    }
    bool joined = false;
    if (star != std::string::npos || is_extended) {
      for (auto& [name, existing] : raw) {
        if (name == key) {
          existing += text;
          joined = true;
        }
      }
    }
    if (!joined && !key.empty()) raw.emplace_back(std::move(key), std::move(text));
  }
  result.parameters = std::move(raw);
  return result;
}

std::string angle_addr(std::string_view value) {
  const std::size_t open = value.find('<');
  if (open != std::string_view::npos) {
    const std::size_t close = value.find('>', open);
    if (close != std::string_view::npos) {
      return std::string(core::trim(value.substr(open + 1, close - open - 1)));
    }
  }
  return std::string(core::trim(value));
}

}  // namespace tsuikyaku::mailbox
