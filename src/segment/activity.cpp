#include "tsuikyaku/segment/activity.hpp"

#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::segment {

bool is_counted_status(std::string_view status) {
  return std::none_of(
      k_uncounted_statuses.begin(), k_uncounted_statuses.end(),
      [&](std::string_view excluded) { return core::iequals_ascii(status, excluded); });
}

}  // namespace tsuikyaku::segment
