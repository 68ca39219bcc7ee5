#include "notice.hpp"

#include <cctype>
#include <utility>

#include "lines.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/mailbox/header.hpp"
#include "tsuikyaku/mailbox/reason.hpp"

namespace tsuikyaku::mailbox {
namespace {

// Lines that announce the returned copy (lower-case, anywhere on the line).
constexpr std::string_view k_copy_markers[] = {
    "below this line is a copy of the message",
    "this is a copy of the message",
    "original message follows",
    "----- original message -----",
    "-----original message-----",
    "original message headers",
    "the header of the original message",
    "the original message headers",
    "unsent message below",
    "returned message follows",
    "message headers follow",
    "following is a copy of the message",
    "------ this is a copy of",
    "content-type: message/rfc822",
    "content-type: text/rfc822-headers",
    "--- original message",
    "original message:",
    "headers of the original message",
    "copy of the original message",
    "the original message was:",
    "your message reads (in part)",
    "bounced e-mail:",
};

// Fields that start a copied header block at the start of a line.
constexpr std::string_view k_copy_fields[] = {
    "return-path:",
    "received:",
    "dkim-signature:",
    "message-id:",
    "mime-version:",
    "x-mailer:",
    "delivered-to:",
    "domainkey-signature:",
    "authentication-results:",
};

bool is_local_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' ||
         c == '+' || c == '-' || c == '=' || c == '!' || c == '#' || c == '$' || c == '&' ||
         c == '\'' || c == '*' || c == '/' || c == '?' || c == '^' || c == '`' || c == '{' ||
         c == '|' || c == '}' || c == '~';
}

bool is_domain_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
}

// The line of a mention and the indented lines that continue it.
std::string_view narrow_block(std::string_view block) {
  std::size_t end = block.find_first_of("\r\n");
  while (end != std::string_view::npos) {
    std::size_t next = end;
    while (next < block.size() && (block[next] == '\r' || block[next] == '\n')) ++next;
    if (next - end > 2 || next >= block.size() || (block[next] != ' ' && block[next] != '\t')) {
      break;
    }
    end = block.find_first_of("\r\n", next);
  }
  return block.substr(0, end);
}

}  // namespace

std::size_t copy_start(std::string_view text) {
  std::size_t pos = 0;
  std::size_t lines = 0;
  while (pos < text.size()) {
    const Line line = line_at(text, pos);
    const std::string lower = core::to_lower_ascii(line.text.substr(0, 200));
    for (const std::string_view marker : k_copy_markers) {
      if (lower.find(marker) != std::string::npos) return pos;
    }
    if (lines > 0) {
      for (const std::string_view field : k_copy_fields) {
        if (lower.starts_with(field)) return pos;
      }
    }
    ++lines;
    pos = line.next;
  }
  return text.size();
}

std::vector<Mention> addresses_in(std::string_view text) {
  std::vector<Mention> found;
  std::vector<std::string> asides;  // addresses seen in an aside: never a recipient
  std::size_t line_start = 0;
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    std::size_t begin = at;
    while (begin > 0 && is_local_char(text[begin - 1])) --begin;
    std::size_t end = at + 1;
    while (end < text.size() && is_domain_char(text[end])) ++end;
    // A quote before the address, or a forward file's path ("/home/u/.forward/a@b").
    while (begin < at && (text[begin] == '.' || text[begin] == '\'' || text[begin] == '`')) {
      ++begin;
    }
    const std::size_t slash = text.substr(begin, at - begin).rfind('/');
    if (slash != std::string_view::npos) begin += slash + 1;
    while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    if (begin == at || end == at + 1) continue;
    const std::string_view domain = text.substr(at + 1, end - at - 1);
    const std::size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot + 2 > domain.size()) continue;
    if (!std::isalpha(static_cast<unsigned char>(domain[dot + 1]))) continue;
    const std::size_t this_line = text.rfind('\n', begin);
    const std::size_t this_line_cr = text.rfind('\r', begin);
    line_start = 0;
    if (this_line != std::string_view::npos) line_start = this_line + 1;
    if (this_line_cr != std::string_view::npos && this_line_cr + 1 > line_start) {
      line_start = this_line_cr + 1;
    }
    std::string address(text.substr(begin, end - begin));
    const std::string before = core::to_lower_ascii(text.substr(line_start, begin - line_start));
    const std::size_t window = before.size() > 14 ? before.size() - 14 : 0;
    if (before.find("mail from", window) != std::string::npos) continue;
    if (before.find("message-id") != std::string::npos) continue;
    // "please contact <support@isp>": whom to ask, not whom the mail was for; "(expanded
    // from <alias>)": the address before it is the one that failed.
    bool aside = before.find("contact") != std::string::npos ||
                 before.find("expanded from") != std::string::npos ||
                 before.find("generated from") != std::string::npos;
    for (const std::string& other : asides) aside = aside || core::iequals_ascii(other, address);
    if (aside) {
      asides.push_back(std::move(address));
      continue;
    }
    if (begin > 0 && text[begin - 1] == '@') continue;
    bool seen = false;
    for (const Mention& mention : found) {
      if (core::iequals_ascii(mention.address, address)) seen = true;
    }
    if (!seen) found.push_back({std::move(address), line_start});
    if (found.size() >= 100) break;
  }
  return found;
}

std::string strip_html(std::string_view html) {
  std::string out;
  bool in_tag = false;
  for (std::size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    if (in_tag) {
      if (c == '>') in_tag = false;
      continue;
    }
    if (c == '<') {
      const std::string_view rest = html.substr(i + 1, 3);
      if (core::iequals_ascii(rest.substr(0, 2), "br") || core::iequals_ascii(rest, "/p>") ||
          core::iequals_ascii(rest.substr(0, 1), "p") || core::iequals_ascii(rest, "/tr") ||
          core::iequals_ascii(rest, "/di")) {
        out += '\n';
      }
      // "<user@example.com>" is an address, not a tag.
      const std::size_t close = html.find('>', i);
      if (close != std::string_view::npos &&
          html.substr(i, close - i).find('@') != std::string_view::npos &&
          html.substr(i, close - i).find(' ') == std::string_view::npos) {
        out += html.substr(i, close - i + 1);
        i = close;
        continue;
      }
      in_tag = true;
      continue;
    }
    if (c == '&') {
      constexpr std::pair<std::string_view, std::string_view> k_entities[] = {
          {"&lt;", "<"},   {"&gt;", ">"},    {"&amp;", "&"},
          {"&nbsp;", " "}, {"&quot;", "\""}, {"&#39;", "'"}};
      bool replaced = false;
      for (const auto& [entity, text] : k_entities) {
        if (html.substr(i, entity.size()) == entity) {
          out += text;
          i += entity.size() - 1;
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    out += c;
  }
  return out;
}

std::string message_id_in(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const Line line = line_at(text, pos);
    if (line.text.size() > 11 && core::iequals_ascii(line.text.substr(0, 11), "message-id:")) {
      std::string value(core::trim(line.text.substr(11)));
      if (value.empty()) {  // folded onto the next line
        const Line next = line_at(text, line.next);
        value = std::string(core::trim(next.text));
      }
      return angle_addr(value);
    }
    pos = line.next;
  }
  return {};
}

std::string returned_to(const std::vector<const Part*>& parts, std::string_view copy) {
  std::string_view to;
  for (const Part* part : parts) {
    if (const Part* inner = part->embedded()) {
      to = inner->headers.get("To").value_or("");
      break;
    }
  }
  std::string line;
  if (to.empty()) {
    const std::size_t at = core::to_lower_ascii(copy).find("\nto:");
    if (at == std::string::npos) return {};
    const std::size_t end = copy.find_first_of("\r\n", at + 4);
    line = std::string(copy.substr(at + 4, end == std::string_view::npos ? end : end - at - 4));
    to = line;
  }
  const std::vector<Mention> found = addresses_in(to);
  return found.empty() ? std::string() : found.front().address;
}

std::string_view wide_block(std::string_view notice, const std::vector<Mention>& mentions,
                            std::size_t i) {
  const std::size_t begin = mentions[i].line_start;
  std::size_t end = notice.size();
  for (std::size_t j = i + 1; j < mentions.size(); ++j) {
    if (mentions[j].line_start > begin) {
      end = mentions[j].line_start;
      break;
    }
  }
  return notice.substr(begin, end - begin);
}

std::string_view own_words(std::string_view block) {
  const std::string_view narrow = narrow_block(block);
  if (find_reply_code(narrow).empty() && find_status_code(narrow).empty()) return block;
  return narrow;
}

std::string_view block_about(std::string_view notice, const std::vector<Mention>& mentions,
                             std::string_view address) {
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    if (core::iequals_ascii(mentions[i].address, address)) {
      return wide_block(notice, mentions, i);
    }
  }
  return {};
}

}  // namespace tsuikyaku::mailbox
