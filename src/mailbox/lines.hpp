#pragma once

#include <cstddef>
#include <string_view>

// Line reading for mail in any line end: CRLF, LF or a lone CR.

namespace tsuikyaku::mailbox {

struct Line {
  std::string_view text;  // without its line end
  std::size_t next = 0;   // index just after the line end
};

// The line starting at text[pos] (pos < text.size()).
inline Line line_at(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
  std::size_t next = end;
  if (next < text.size()) {
    const bool crlf = text[next] == '\r' && next + 1 < text.size() && text[next + 1] == '\n';
    next += crlf ? std::size_t{2} : std::size_t{1};
  }
  return {text.substr(pos, end - pos), next};
}

}  // namespace tsuikyaku::mailbox
