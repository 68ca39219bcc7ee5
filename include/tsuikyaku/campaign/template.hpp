#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/core/error.hpp"

// The Mustache side of a template (SPEC §6): the variables a template may use, and a
// scanner that finds every tag with its place, so that `campaigns check` can name an
// unknown variable at its line and column instead of mailing an empty string.

namespace tsuikyaku::campaign {

// Every variable a subject or body may use, in the order docs/campaigns.md lists them.
std::span<const std::string_view> known_variables();

// The fields a section of products opens (docs/campaigns.md): inside
// {{#order.items}}…{{/order.items}} each line's (sku, name, quantity, …), inside
// {{#customer.favourite}} the product's; empty for any other name.
std::span<const std::string_view> section_fields(std::string_view section);

enum class TagType { variable, section, inverted, close };

struct Tag {
  TagType type = TagType::variable;
  std::string name;  // "customer.name"
  core::SourceLocation where;
};

struct TemplateScan {
  std::vector<Tag> tags;            // variables and section tags, in order
  std::vector<std::string> errors;  // located messages: malformed or forbidden tags
};

// Scans a template. `start` is the place of the text's first character (a body file
// starts at 1:1, a subject where its YAML value starts). Columns count code points.
// Forbidden: unescaped output ({{{x}}}, {{&x}}: every variable is escaped, SPEC §7),
// partials and delimiter changes (nothing to include, nothing to confuse the check).
TemplateScan scan_template(std::string_view text, const core::SourceLocation& start);

}  // namespace tsuikyaku::campaign
