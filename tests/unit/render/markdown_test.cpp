#include "tsuikyaku/render/markdown.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;

TEST_CASE("markdown: an escaped value is never Markdown, HTML or a link", "[render]") {
  const std::string evil = "[win](https://evil.example) **x** <b>y</b> &amp; `z` # h";
  const auto parts = render::render_markdown("Hi " + render::markdown_escape(evil) + ",\n", {});
  CHECK_THAT(parts.text, Equals("Hi " + evil + ",\n"));
  CHECK_THAT(parts.html, Contains("[win](https://evil.example) **x** &lt;b&gt;y&lt;/b&gt; "
                                  "&amp;amp; `z` # h"));
  CHECK(parts.html.find("<a ") == std::string::npos);
  CHECK(parts.html.find("<strong>") == std::string::npos);
}

TEST_CASE("markdown: a value at the start of a line cannot start a block", "[render]") {
  for (const std::string value :
       {"# heading", "- item", "1. item", "> quote", "    code", "---", "<div>"}) {
    const auto parts = render::render_markdown(render::markdown_escape(value) + "\n", {});
    INFO(value);
    CHECK_THAT(parts.html, Contains("<p style="));
    CHECK(parts.text == value + "\n");
  }
}

TEST_CASE("markdown: the text part keeps lists, links and paragraphs readable", "[render]") {
  const auto parts = render::render_markdown(
      "Hello,\nthanks.\n\n- one\n- two\n\n[our shop](https://kaede.example)\n\n"
      "<https://kaede.example/care>\n",
      {});
  CHECK_THAT(parts.text, Equals("Hello,\nthanks.\n\n- one\n- two\n\nour shop "
                                "(https://kaede.example)\n\nhttps://kaede.example/care\n"));
  CHECK_THAT(parts.html, Contains("Hello,<br />\nthanks."));
}

TEST_CASE("markdown: raw HTML in a template is left out", "[render]") {
  const auto parts = render::render_markdown("<script>alert(1)</script>\n\nhi <b>x</b>\n", {});
  CHECK(parts.html.find("<script") == std::string::npos);
  CHECK(parts.html.find("<b>") == std::string::npos);
  CHECK_THAT(parts.text, Equals("hi x\n"));
}

TEST_CASE("markdown: marketing links get UTM tags, the unsubscribe link does not", "[render]") {
  const auto parts = render::render_markdown(
      "[shop](https://kaede.example/tea?x=1#top) [stop](https://kaede.example/unsubscribe) "
      "[mail](mailto:hello@kaede.example)\n",
      {"winback", {"https://kaede.example/unsubscribe"}});
  CHECK_THAT(parts.text,
             Contains("shop (https://kaede.example/tea?x=1&utm_source=tsuikyaku&utm_medium=email"
                      "&utm_campaign=winback#top)"));
  CHECK_THAT(parts.text, Contains("stop (https://kaede.example/unsubscribe)"));
  CHECK_THAT(parts.text, Contains("mail (hello@kaede.example)"));
  CHECK(render::add_utm("https://kaede.example", "w") ==
        "https://kaede.example/?utm_source=tsuikyaku&utm_medium=email&utm_campaign=w");
  CHECK(render::add_utm("https://a.example/?utm_source=x", "w") ==
        "https://a.example/?utm_source=x");
}
