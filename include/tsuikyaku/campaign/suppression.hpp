#pragma once

#include <array>
#include <optional>
#include <string_view>

// Why an address is on the suppression list (SPEC §6, §9): one vocabulary for the
// planner, the store's list and the command line. A bounced address gets no mail at all;
// the others get no marketing but still mail about their own orders.

namespace tsuikyaku::campaign {

enum class Suppression { unsubscribed, bounced, complained, manual };

// Every reason's name, in the enum's order.
inline constexpr std::array<std::string_view, 4> k_suppression_names{"unsubscribed", "bounced",
                                                                     "complained", "manual"};

// "unsubscribed", "bounced", "complained", "manual": as stored and as the user writes it.
std::string_view to_string(Suppression reason);

// The reason a name stands for, exactly as to_string writes it; nullopt for any other.
std::optional<Suppression> parse_suppression(std::string_view text);

// "unsubscribed, bounced, complained or manual", for messages.
std::string_view suppression_list();

}  // namespace tsuikyaku::campaign
