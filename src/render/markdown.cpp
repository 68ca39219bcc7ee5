#include "tsuikyaku/render/markdown.hpp"

#include <cmark.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>

#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/render/mime.hpp"

namespace tsuikyaku::render {
namespace {

struct NodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using Document = std::unique_ptr<cmark_node, NodeFree>;

std::string literal(cmark_node* node) {
  const char* text = cmark_node_get_literal(node);
  return text == nullptr ? std::string{} : std::string(text);
}

std::string url_of(cmark_node* node) {
  const char* url = cmark_node_get_url(node);
  return url == nullptr ? std::string{} : std::string(url);
}

std::string inlines(cmark_node* parent);

// A link in plain text: its label, then the address unless the label already is it.
std::string link_text(cmark_node* node) {
  const std::string label = inlines(node);
  std::string url = url_of(node);
  const std::string shown = core::starts_with(url, "mailto:") ? url.substr(7) : url;
  if (url.empty() || label == url || label == shown) return label.empty() ? shown : label;
  return label + " (" + shown + ")";
}

std::string inlines(cmark_node* parent) {
  std::string out;
  for (cmark_node* node = cmark_node_first_child(parent); node != nullptr;
       node = cmark_node_next(node)) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        out += literal(node);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += '\n';
        break;
      case CMARK_NODE_LINK:
        out += link_text(node);
        break;
      case CMARK_NODE_HTML_INLINE:
        break;  // raw HTML is left out of both parts
      default:  // emphasis, strong, image: their text
        out += inlines(node);
        break;
    }
  }
  return out;
}

// Prefixes the first line with `first` and the others with `rest`.
std::string indent(const std::string& text, const std::string& first, const std::string& rest) {
  std::string out = first;
  for (const char c : text) {
    out += c;
    if (c == '\n') out += rest;
  }
  return out;
}

std::string blocks(cmark_node* parent, bool tight);

std::string list_text(cmark_node* list) {
  const bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
  const bool tight = cmark_node_get_list_tight(list) != 0;
  int number = cmark_node_get_list_start(list);
  std::string out;
  for (cmark_node* item = cmark_node_first_child(list); item != nullptr;
       item = cmark_node_next(item)) {
    const std::string marker = ordered ? std::to_string(number++) + ". " : "- ";
    if (!out.empty()) out += tight ? "\n" : "\n\n";
    out += indent(blocks(item, tight), marker, std::string(marker.size(), ' '));
  }
  return out;
}

std::string block_text(cmark_node* node) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
      return inlines(node);
    case CMARK_NODE_THEMATIC_BREAK:
      return "----------";
    case CMARK_NODE_CODE_BLOCK: {
      std::string code = literal(node);
      while (!code.empty() && code.back() == '\n') code.pop_back();
      return code;
    }
    case CMARK_NODE_BLOCK_QUOTE:
      return indent(blocks(node, false), "> ", "> ");
    case CMARK_NODE_LIST:
      return list_text(node);
    default:  // raw HTML blocks are left out
      return {};
  }
}

std::string blocks(cmark_node* parent, bool tight) {
  std::string out;
  for (cmark_node* node = cmark_node_first_child(parent); node != nullptr;
       node = cmark_node_next(node)) {
    const std::string text = block_text(node);
    if (text.empty()) continue;
    if (!out.empty()) out += tight ? "\n" : "\n\n";
    out += text;
  }
  return out;
}

void tag_links(cmark_node* root, const MarkdownOptions& tagging) {
  if (tagging.campaign.empty()) return;
  cmark_iter* iter = cmark_iter_new(root);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (event != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_LINK) continue;
    const std::string url = url_of(node);
    if (std::find(tagging.exempt.begin(), tagging.exempt.end(), url) != tagging.exempt.end()) {
      continue;
    }
    cmark_node_set_url(node, add_utm(url, tagging.campaign).c_str());
  }
  cmark_iter_free(iter);
}

// Inline styles for the tags cmark writes: mail clients drop <style> blocks, and text
// content never holds a raw "<" (cmark escapes it), so these tags are only cmark's.
std::string style(std::string html) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> k_styles{{
      {"<p>", "<p style=\"margin:0 0 1em;\">"},
      {"<h1>", "<h1 style=\"font-size:22px;line-height:1.4;margin:0 0 0.8em;\">"},
      {"<h2>", "<h2 style=\"font-size:19px;line-height:1.4;margin:1.2em 0 0.6em;\">"},
      {"<h3>", "<h3 style=\"font-size:17px;line-height:1.4;margin:1.2em 0 0.5em;\">"},
      {"<ul>", "<ul style=\"margin:0 0 1em;padding-left:1.4em;\">"},
      {"<ol>", "<ol style=\"margin:0 0 1em;padding-left:1.6em;\">"},
      {"<ol start=", "<ol style=\"margin:0 0 1em;padding-left:1.6em;\" start="},
      {"<li>", "<li style=\"margin:0 0 0.3em;\">"},
      {"<a href=", "<a style=\"color:#2f6b4f;text-decoration:underline;\" href="},
      {"<blockquote>",
       "<blockquote style=\"margin:0 0 1em;padding:0 0 0 1em;border-left:3px solid "
       "#d9d3c5;color:#555555;\">"},
      {"<hr />", "<hr style=\"border:none;border-top:1px solid #e3ddd0;margin:1.5em 0;\" />"},
      {"<pre>", "<pre style=\"white-space:pre-wrap;margin:0 0 1em;\">"},
  }};
  for (const auto& [tag, styled] : k_styles) {
    std::string out;
    std::size_t from = 0;
    std::size_t at = 0;
    while ((at = html.find(tag, from)) != std::string::npos) {
      out.append(html, from, at - from);
      out += styled;
      from = at + tag.size();
    }
    out.append(html, from);
    html = std::move(out);
  }
  return html;
}

}  // namespace

std::string markdown_escape(std::string_view text) {
  const std::string line = one_line(text);
  const std::size_t first = line.find_first_not_of(' ');
  const std::size_t last = line.find_last_not_of(' ');
  std::string out;
  out.reserve(line.size() * 2);
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == ' ' && (first == std::string::npos || i < first || i > last)) {
      out += "&#32;";  // leading spaces would indent, trailing ones break the line
    } else if ((c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
               (c >= '{' && c <= '~')) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string add_utm(std::string_view url, std::string_view campaign) {
  const bool web = core::starts_with(core::to_lower_ascii(url.substr(0, 8)), "https://") ||
                   core::starts_with(core::to_lower_ascii(url.substr(0, 7)), "http://");
  if (!web || url.find("utm_source=") != std::string_view::npos) return std::string(url);
  const std::size_t hash = url.find('#');
  const std::string_view base = url.substr(0, hash);
  const std::string_view fragment = hash == std::string_view::npos ? "" : url.substr(hash);
  const std::size_t host = base.find("://") + 3;
  const bool has_path = base.find_first_of("/?", host) != std::string_view::npos;
  const char joiner = base.find('?') == std::string_view::npos
                          ? '?'
                          : (base.back() == '?' || base.back() == '&' ? '\0' : '&');
  std::string out(base);
  if (!has_path) out += '/';  // https://kaede.example -> https://kaede.example/?utm_…
  if (joiner != '\0') out += joiner;
  out += "utm_source=tsuikyaku&utm_medium=email&utm_campaign=";
  out += campaign;
  out += fragment;
  return out;
}

MarkdownParts render_markdown(std::string_view markdown, const MarkdownOptions& options) {
  Document doc(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
  tag_links(doc.get(), options);
  MarkdownParts parts;
  parts.text = blocks(doc.get(), false);
  parts.text += '\n';
  // Mail is written line by line (a signature, Japanese sentences without spaces between
  // them), so a line break in the template is one in HTML too, as it is in the text part.
  char* html = cmark_render_html(doc.get(), CMARK_OPT_DEFAULT | CMARK_OPT_HARDBREAKS);
  parts.html = style(html);
  std::free(html);
  return parts;
}

}  // namespace tsuikyaku::render
