#pragma once

#include <optional>
#include <string>

#include "tsuikyaku/app/workspace.hpp"
#include "tsuikyaku/render/message.hpp"

// `tsuikyaku preview CAMPAIGN [--customer KEY|--order ID]` (SPEC §7): exactly what the
// campaign would send, rendered by the same render_message call `send` makes, from the same
// message_request (app/planning.hpp).

namespace tsuikyaku::app {

struct PreviewRequest {
  std::string campaign;                 // CAMPAIGN, enabled or not
  std::optional<std::string> customer;  // --customer KEY
  std::optional<std::string> order;     // --order ID (the shop's order number)
  core::Instant now;                    // --as-of or the clock: the Date header, the segment
};

struct PreviewResult {
  render::RenderedMessage message;
  std::string from;          // the sender as the From header names it
  std::string customer_key;  // whom the message is for
  std::string order_id;      // the order it is about (triggered campaigns), else empty
  std::string example;       // without --customer and --order: why this one was picked
  std::string ledger_state;  // the ledger's state of this message when it is there, else empty
  std::string skip_reason;   // why send would skip this message now ("audience (segment
                             // repeat)"), else empty
};

// The message for the order given, or for the customer given (a triggered campaign takes
// the customer's latest order with one of its events), or, with neither, for an example:
// the latest order with one of the campaign's events, or a member of a schedule's audience,
// or, on a database without customers, a made-up customer and order. A message the ledger
// holds keeps its coupon code and its Message-ID (made from its ledger row id); otherwise
// the code is the next free code of the pool, given to nobody by previewing.
//
// Throws a usage error for an unknown campaign (suggesting the nearest), customer or order,
// and for --order with a scheduled campaign; a data error when the pool has no free code.
PreviewResult preview_message(Workspace& ws, const PreviewRequest& request);

}  // namespace tsuikyaku::app
