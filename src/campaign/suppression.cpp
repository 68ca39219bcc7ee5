#include "tsuikyaku/campaign/suppression.hpp"

namespace tsuikyaku::campaign {

std::string_view to_string(Suppression reason) {
  return k_suppression_names[static_cast<std::size_t>(reason)];
}

std::optional<Suppression> parse_suppression(std::string_view text) {
  for (std::size_t i = 0; i < k_suppression_names.size(); ++i) {
    if (k_suppression_names[i] == text) return static_cast<Suppression>(i);
  }
  return std::nullopt;
}

std::string_view suppression_list() {
  return "unsubscribed, bounced, complained, manual or no_post";
}

}  // namespace tsuikyaku::campaign
