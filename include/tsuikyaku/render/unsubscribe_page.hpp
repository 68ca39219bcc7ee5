#pragma once

#include <string>

#include "tsuikyaku/core/language.hpp"

// The pages `tsuikyaku unsubscribe serve` answers with (docs/mailbox.md), in the shop's
// language: a small HTML document, no scripts, no external assets.

namespace tsuikyaku::render {

enum class UnsubscribePage {
  confirm,  // GET with a good token: a button that POSTs List-Unsubscribe=One-Click
  done,     // the address is unsubscribed (now, or already)
  refused,  // no token, or one that does not verify
};

std::string unsubscribe_page(UnsubscribePage page, core::Language language,
                             const std::string& shop_name, const std::string& address);

}  // namespace tsuikyaku::render
