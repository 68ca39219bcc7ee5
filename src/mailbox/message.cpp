#include "tsuikyaku/mailbox/message.hpp"

#include <algorithm>

#include "lines.hpp"
#include "tsuikyaku/core/charset.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/mailbox/transfer.hpp"

namespace tsuikyaku::mailbox {
namespace {

class Reader {
 public:
  explicit Reader(Message& message) : m_message(message) {}

  void read_part(std::string_view text, Part& part, std::size_t depth) {
    ++m_message.parts;
    HeaderBlock block = parse_headers(text);
    part.headers = std::move(block.headers);
    if (const auto type = part.headers.get("Content-Type")) {
      part.content_type = parse_content_type(*type);
    }
    part.raw_body = text.substr(std::min(block.body_start, text.size()));
    if (part.content_type.is_multipart()) {
      read_multipart(part, depth);
    } else if (is_message(part.content_type)) {
      if (!may_open(depth)) return;
      // A message/rfc822 part is never transfer-encoded in theory; base64 is seen.
      const auto encoding = part.headers.get("Content-Transfer-Encoding");
      if (encoding && is_encoded(*encoding)) {
        if (m_decoded >= k_max_decoded_bytes) {
          m_message.truncated = true;
          return;
        }
        std::string& inner = m_message.decoded.emplace_back(
            decode_transfer(part.raw_body, *encoding, k_max_decoded_bytes - m_decoded));
        m_decoded += inner.size();
        read_part(inner, part.children.emplace_back(), depth + 1);
      } else {
        read_part(part.raw_body, part.children.emplace_back(), depth + 1);
      }
    }
  }

 private:
  static bool is_message(const ContentType& type) {
    return type.type == "message" && (type.subtype == "rfc822" || type.subtype == "global");
  }

  static bool is_encoded(std::string_view encoding) {
    const std::string name = core::to_lower_ascii(core::trim(encoding));
    return name == "base64" || name == "quoted-printable";
  }

  bool may_open(std::size_t depth) {
    if (depth + 1 >= k_max_depth || m_message.parts >= k_max_parts) {
      m_message.truncated = true;
      return false;
    }
    return true;
  }

  // The boundary delimiter line "--boundary" (white space may follow), or its close
  // "--boundary--".
  enum class Delimiter { none, open, close };
  static Delimiter delimiter(std::string_view line, std::string_view boundary) {
    if (line.size() < boundary.size() + 2 || line[0] != '-' || line[1] != '-' ||
        line.substr(2, boundary.size()) != boundary) {
      return Delimiter::none;
    }
    std::string_view rest = line.substr(2 + boundary.size());
    if (rest.starts_with("--")) return Delimiter::close;
    return core::trim(rest).empty() ? Delimiter::open : Delimiter::none;
  }

  void read_multipart(Part& part, std::size_t depth) {
    const std::string boundary = part.content_type.param("boundary");
    const std::string_view body = part.raw_body;
    if (boundary.empty()) return;
    std::size_t pos = 0;
    std::size_t start = std::string_view::npos;  // where the current part's text starts
    bool closed = false;
    while (pos < body.size()) {
      const Line line = line_at(body, pos);
      const Delimiter kind = line.text.size() >= 2 && line.text[0] == '-'
                                 ? delimiter(line.text, boundary)
                                 : Delimiter::none;
      if (kind != Delimiter::none) {
        if (start != std::string_view::npos) {
          // The line end before a delimiter belongs to the delimiter.
          std::size_t end = pos;
          if (end > start && body[end - 1] == '\n') --end;
          if (end > start && body[end - 1] == '\r') --end;
          if (!add_child(part, body.substr(start, end - start), depth)) return;
        }
        start = line.next;
        if (kind == Delimiter::close) {
          closed = true;
          break;
        }
      }
      pos = line.next;
    }
    // A last part without its closing delimiter runs to the end.
    if (!closed && start != std::string_view::npos && start < body.size()) {
      add_child(part, body.substr(start), depth);
    }
  }

  bool add_child(Part& part, std::string_view text, std::size_t depth) {
    if (!may_open(depth)) return false;
    read_part(text, part.children.emplace_back(), depth + 1);
    return true;
  }

  Message& m_message;
  std::size_t m_decoded = 0;
};

}  // namespace

std::string Part::body(std::size_t limit) const {
  const auto encoding = headers.get("Content-Transfer-Encoding");
  return decode_transfer(raw_body, encoding ? *encoding : std::string_view(), limit);
}

std::string Part::text(std::size_t limit) const {
  return core::to_utf8(body(limit), content_type.param("charset"));
}

const Part* Part::embedded() const {
  if (content_type.type == "message" && !children.empty() && !content_type.is_multipart()) {
    return &children.front();
  }
  return nullptr;
}

Message parse_message(std::string_view bytes) {
  Message message;
  Reader reader(message);
  reader.read_part(bytes, message.root, 0);
  return message;
}

std::vector<const Part*> flatten(const Part& root) {
  std::vector<const Part*> parts;
  std::vector<const Part*> stack{&root};
  while (!stack.empty()) {
    const Part* part = stack.back();
    stack.pop_back();
    parts.push_back(part);
    for (auto child = part->children.rbegin(); child != part->children.rend(); ++child) {
      stack.push_back(&*child);
    }
  }
  return parts;
}

bool holds_header_block(const ContentType& type) {
  if (type.type == "message") {
    return type.subtype == "delivery-status" || type.subtype == "global-delivery-status" ||
           type.subtype == "feedback-report" || type.subtype == "global-headers" ||
           type.subtype == "rfc822-headers";
  }
  return type.is("text", "rfc822-headers");
}

}  // namespace tsuikyaku::mailbox
