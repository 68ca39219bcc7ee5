#pragma once

#include <string>

#include "tsuikyaku/render/message.hpp"

// The text of an insert card or a postcard (docs/offline.md): the campaign's templates
// with the same variables as its mail would have, for print: no address is needed, no
// unsubscribe link or footer is added, links stay as written.

namespace tsuikyaku::render {

struct RenderedNote {
  std::string heading;  // the subject, when the campaign has one
  std::string text;     // plain text, LF line ends
  std::string html;     // an HTML fragment
};

// Throws core::Error (config) when a template cannot be rendered.
RenderedNote render_note(const MessageRequest& request);

}  // namespace tsuikyaku::render
