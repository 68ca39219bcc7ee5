#pragma once

// The small order export `init` leaves in a new workspace (example-orders.csv), so that
// the README's tour works from inside it: twenty invented customers and their orders,
// dated relative to the moment of `init`, so that the thank-you, the shipping notice, the
// check-in, the review request and the win-back each have someone to write to. Private
// to the app module.

#include <string>

#include "tsuikyaku/app/init.hpp"
#include "tsuikyaku/core/time.hpp"

namespace tsuikyaku::app {

// The export in the generic preset's layout (UTF-8, LF), in the language's names and
// addresses, times with their offset in the language's default zone (Asia/Tokyo,
// Europe/London), totals that read right in yen and in pounds (3240 and 32.40).
std::string example_export(Language language, core::Instant now);

}  // namespace tsuikyaku::app
