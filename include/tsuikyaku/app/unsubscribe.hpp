#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/store/suppressions.hpp"

// `tsuikyaku unsubscribe serve|apply` (docs/mailbox.md, "One-click unsubscribe"): the
// per-recipient links of shop.unsubscribe_token: hmac, answered over HTTP or by hand.

namespace tsuikyaku::app {

// The workspace secret the links are signed with; a config error naming the fix when the
// workspace has none.
std::string unsubscribe_secret(const Workspace& workspace);

struct UnsubscribeOutcome {
  std::string address;  // the token's, lower-cased
  store::SuppressResult result = store::SuppressResult::added;
};

// Suppresses (unsubscribed) the address a token names; source says where the request came
// from. nullopt, and nothing changed, when the token does not verify.
std::optional<UnsubscribeOutcome> apply_unsubscribe(Workspace& workspace, std::string_view token,
                                                    std::string_view source, core::Instant now);

struct ServeRequest {
  std::string host;  // 127.0.0.1, ::1, …
  int port = 0;      // 0: any free port (the first line says which)
  std::function<core::Instant()> now;
};

// Answers HTTP on host:port until SIGTERM or SIGINT: RFC 8058's POST and a confirming GET
// page. One line on log when listening and one per request (never the token). Throws
// core::Error (unavailable) when it cannot listen.
void serve_unsubscribe(Workspace& workspace, const ServeRequest& request, std::ostream& log);

}  // namespace tsuikyaku::app
