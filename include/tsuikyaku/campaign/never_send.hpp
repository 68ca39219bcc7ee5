#pragma once

#include <functional>
#include <optional>
#include <string>

#include "tsuikyaku/campaign/planner.hpp"

// The rules by which a message must never be sent (SPEC §6, §9), whatever its timing: one
// judgement, made by the planner for each candidate and again by `send` at the last
// moment, in the transaction that marks the message sending (docs/sending.md).

namespace tsuikyaku::campaign {

struct NeverSendFacts {
  const OrderFacts* order = nullptr;        // the triggering order; null: none or gone
  const CustomerFacts* customer = nullptr;  // null: gone
  std::optional<Suppression> suppression;   // of the customer's address
  // The customer's segment when due; asked only of a triggered campaign with an audience.
  // Empty: the audience is not judged here (the last check before sending judges it for
  // every campaign with an audience, with in_audience below).
  std::function<std::optional<std::string>()> segment;
  // Whether the customer is in the campaign's product audience when due; empty: not judged.
  std::function<bool()> bought;
};

struct NeverSend {
  Reason reason = Reason::none;
  std::string detail;                  // the suppression, for unsubscribed
  std::optional<std::string> segment;  // when the audience was asked
};

// Whether a customer in `segment` (none: no order yet) is in the campaign's audience.
bool in_audience(const Campaign& campaign, const std::optional<std::string>& segment);

// Why the message must never be sent as of `as_of`; Reason::none when it may.
NeverSend never_send(const Campaign& campaign, const NeverSendFacts& facts, core::Instant as_of);

}  // namespace tsuikyaku::campaign
