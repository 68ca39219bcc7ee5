#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Mail header fields as RFC 5322 writes them: folded lines, encoded words (RFC 2047),
// and the `type/subtype; name=value` form of Content-Type (RFC 2045, RFC 2231). Pure
// logic: the text is given, nothing is read.

namespace tsuikyaku::mailbox {

// Bounds on one header block, so a hostile message cannot make us hold more than this:
// fields beyond the count are skipped, a value longer than the limit is cut.
inline constexpr std::size_t k_max_fields = 1000;
inline constexpr std::size_t k_max_field_bytes = 64 * 1024;

struct Field {
  std::string name;   // as written ("Content-Type")
  std::string value;  // unfolded (line breaks removed, the white space kept), trimmed, raw
};

class Headers {
 public:
  void add(std::string name, std::string value);

  // The first field of that name (any case), raw.
  std::optional<std::string_view> get(std::string_view name) const;
  // Every field of that name, in order.
  std::vector<std::string_view> all(std::string_view name) const;
  // The first field of that name with its encoded words decoded to UTF-8; "" when absent.
  std::string text(std::string_view name) const;

  const std::vector<Field>& fields() const { return m_fields; }
  bool empty() const { return m_fields.empty(); }

 private:
  std::vector<Field> m_fields;
};

// A header block that starts at text[start]: fields up to the first empty line, or up to
// a line that is not a field (then that line starts the body). An mbox "From " line at the
// very start is skipped. Any line end (CRLF, LF, CR) is accepted.
struct HeaderBlock {
  Headers headers;
  std::size_t body_start = 0;  // index in text just after the empty line
};
HeaderBlock parse_headers(std::string_view text, std::size_t start = 0);

// Decodes the encoded words of a header value to UTF-8 (white space between two encoded
// words is dropped, as RFC 2047 says); raw 8-bit text is read as core::to_utf8 guesses.
std::string decode_words(std::string_view value);

// `text/plain; charset="iso-2022-jp"`: type and subtype lower-cased, parameters with
// lower-cased names, quoted strings unquoted, RFC 2231 continuations joined and
// percent-decoded. An absent or unreadable value is text/plain.
struct ContentType {
  std::string type = "text";
  std::string subtype = "plain";
  std::vector<std::pair<std::string, std::string>> parameters;

  std::string param(std::string_view name) const;  // "" when absent
  bool is(std::string_view type_name, std::string_view subtype_name) const;
  bool is_multipart() const { return type == "multipart"; }
};
ContentType parse_content_type(std::string_view value);

// The addr-spec inside angle brackets of a Message-ID or an address field
// ("<a@b>" -> "a@b"), or the trimmed text when there are none.
std::string angle_addr(std::string_view value);

}  // namespace tsuikyaku::mailbox
