#pragma once

#include <string>
#include <string_view>
#include <vector>

// A template's body after Mustache: CommonMark to an HTML fragment and to a readable
// plain-text part, both from one parse (cmark, raw HTML left out, unsafe links dropped).

namespace tsuikyaku::render {

// Text that Markdown reads as literally itself wherever it lands in a paragraph or a
// link: every ASCII punctuation character backslash-escaped, control characters made
// spaces, leading and trailing spaces written as character references. This is how a
// variable enters the Markdown, so a customer named `[win](https://evil.example)` or
// `**x**` stays that text in both parts (SPEC §7).
std::string markdown_escape(std::string_view text);

// url with utm_source=tsuikyaku&utm_medium=email&utm_campaign=NAME added to its query
// (before any #fragment); unchanged when it is not http(s) or already has utm_source.
std::string add_utm(std::string_view url, std::string_view campaign);

struct MarkdownOptions {
  std::string campaign;             // UTM tags for links; empty: links as written
  std::vector<std::string> exempt;  // links never tagged (the unsubscribe link)
};

struct MarkdownParts {
  std::string text;  // plain text, LF line ends, links as "label (url)"
  std::string html;  // an HTML fragment with inline styles, for the mail wrapper
};

MarkdownParts render_markdown(std::string_view markdown, const MarkdownOptions& options);

}  // namespace tsuikyaku::render
