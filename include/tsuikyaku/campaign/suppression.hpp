#pragma once

#include <array>
#include <optional>
#include <string_view>

// Why an address is on the suppression list (SPEC §6, §9): one vocabulary for the
// planner, the store's list and the command line. A bounced address gets no mail at all;
// no_post stops postal mail only (docs/offline.md); the others get no marketing of any
// channel but still mail about their own orders.

namespace tsuikyaku::campaign {

enum class Suppression { unsubscribed, bounced, complained, manual, no_post };

// Every reason's name, in the enum's order.
inline constexpr std::array<std::string_view, 5> k_suppression_names{
    "unsubscribed", "bounced", "complained", "manual", "no_post"};

// "unsubscribed", "bounced", "complained", "manual", "no_post": as stored and as the user writes
// it.
std::string_view to_string(Suppression reason);

// The reason a name stands for, exactly as to_string writes it; nullopt for any other.
std::optional<Suppression> parse_suppression(std::string_view text);

// "unsubscribed, bounced, complained, manual or no_post", for messages.
std::string_view suppression_list();

}  // namespace tsuikyaku::campaign
