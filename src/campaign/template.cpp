#include "tsuikyaku/campaign/template.hpp"

#include <array>

#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::campaign {
namespace {

constexpr std::array<std::string_view, 19> k_variables{
    "shop.name",          "shop.url",           "shop.address",          "shop.email",
    "shop.contact",       "customer.name",      "customer.email",        "customer.segment",
    "customer.favourite", "order.id",           "order.total",           "order.ordered_at",
    "order.shipped_at",   "order.delivered_at", "order.tracking_number", "order.carrier",
    "order.items",        "coupon.code",        "unsubscribe_url",
};

constexpr std::array<std::string_view, 8> k_item_fields{
    "sku", "name", "quantity", "unit_price", "line_total", "category", "care", "review_url",
};
constexpr std::array<std::string_view, 6> k_favourite_fields{
    "sku", "name", "category", "care", "review_url", "orders",
};

// Tracks line and column (in code points) while walking the text.
class Cursor {
 public:
  explicit Cursor(const core::SourceLocation& start) : m_where(start) {}

  void advance_to(std::string_view text, std::size_t target) {
    for (; m_offset < target; ++m_offset) {
      const auto byte = static_cast<unsigned char>(text[m_offset]);
      if (byte == '\n') {
        ++m_where.line;
        m_where.column = 1;
      } else if ((byte & 0xC0u) != 0x80u) {
        ++m_where.column;
      }
    }
  }
  const core::SourceLocation& where() const { return m_where; }

 private:
  core::SourceLocation m_where;
  std::size_t m_offset = 0;
};

struct Open {
  std::string name;
  core::SourceLocation where;
};

std::string forbidden(char sigil) {
  switch (sigil) {
    case '{':
    case '&':
      return "unescaped output is not allowed: write {{name}}, every variable is escaped";
    case '>':
      return "partials ({{>name}}) are not supported";
    case '=':
      return "changing the delimiters ({{=<% %>=}}) is not supported";
    default:
      return {};
  }
}

}  // namespace

std::span<const std::string_view> known_variables() { return k_variables; }

std::span<const std::string_view> section_fields(std::string_view section) {
  if (section == "order.items") return k_item_fields;
  if (section == "customer.favourite") return k_favourite_fields;
  return {};
}

TemplateScan scan_template(std::string_view text, const core::SourceLocation& start) {
  TemplateScan scan;
  Cursor cursor(start);
  std::vector<Open> open;
  std::size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string_view::npos) {
    cursor.advance_to(text, pos);
    const core::SourceLocation where = cursor.where();
    const bool triple = text.substr(pos, 3) == "{{{";
    const std::string_view closing = triple ? "}}}" : "}}";
    const std::size_t end = text.find(closing, pos + closing.size());
    if (end == std::string_view::npos) {
      scan.errors.push_back(core::located(where, "unclosed tag: expected " + std::string(closing)));
      break;
    }
    std::string_view content = core::trim(text.substr(pos + 2, end - pos - 2));
    pos = end + closing.size();
    const char sigil = triple ? '{' : (content.empty() ? '\0' : content.front());
    if (const std::string message = forbidden(sigil); !message.empty()) {
      scan.errors.push_back(core::located(where, message));
      continue;
    }
    if (sigil == '!') continue;  // a comment
    TagType type = TagType::variable;
    if (sigil == '#' || sigil == '^' || sigil == '/') {
      type = sigil == '#' ? TagType::section : sigil == '^' ? TagType::inverted : TagType::close;
      content = core::trim(content.substr(1));
    }
    const std::string name(content);
    if (name.empty() || name.find_first_of(" \t\r\n{}") != std::string::npos) {
      scan.errors.push_back(core::located(where, "expected a variable name like {{shop.name}}"));
      continue;
    }
    if (type == TagType::section || type == TagType::inverted) open.push_back({name, where});
    if (type == TagType::close) {
      if (open.empty() || open.back().name != name) {
        const std::string expected =
            open.empty() ? "no section is open" : "expected {{/" + open.back().name + "}}";
        scan.errors.push_back(
            core::located(where, "{{/" + name + "}} closes nothing: " + expected));
        continue;
      }
      open.pop_back();
    }
    scan.tags.push_back({type, name, where});
  }
  for (const Open& section : open) {
    scan.errors.push_back(core::located(
        section.where,
        "section {{#" + section.name + "}} is never closed: expected {{/" + section.name + "}}"));
  }
  return scan;
}

}  // namespace tsuikyaku::campaign
