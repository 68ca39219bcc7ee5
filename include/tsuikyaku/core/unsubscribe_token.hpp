#pragma once

#include <optional>
#include <string>
#include <string_view>

// The per-recipient unsubscribe token (docs/mailbox.md, "One-click unsubscribe"):
// `ADDRESS.MAC`, both base64url without padding, where ADDRESS is the recipient's address
// in core::address_match_key form and MAC is HMAC-SHA256 over "tsuikyaku-unsubscribe:" and
// that address, keyed with the workspace secret. The token carries the address, so the
// server needs no lookup to know whom it names, and the MAC, so nobody can make a token
// for an address that was not mailed.

namespace tsuikyaku::core {

// The token of one address.
std::string make_unsubscribe_token(std::string_view secret, std::string_view address);

// The address a token names when its MAC is right (compared in constant time); nullopt
// for anything else: a forged or altered token, another workspace's, or no token at all.
std::optional<std::string> verify_unsubscribe_token(std::string_view secret,
                                                    std::string_view token);

// The token in what a person pastes: a bare token, a link with `t=TOKEN` in its query, or
// a subject "unsubscribe TOKEN". Empty when there is none.
std::string find_unsubscribe_token(std::string_view text);

// True when a and b are the same bytes, in time that depends on their length only.
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace tsuikyaku::core
