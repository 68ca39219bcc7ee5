#pragma once

// The orders column of each campaign event (SPEC §6), each with its own index
// (orders_ordered_at, orders_shipped_at, orders_delivered_at). Private to the store.

#include <string_view>

#include "tsuikyaku/campaign/campaign.hpp"

namespace tsuikyaku::store {

inline std::string_view event_column(campaign::Event event) {
  switch (event) {
    case campaign::Event::ordered:
      return "ordered_at";
    case campaign::Event::shipped:
      return "shipped_at";
    case campaign::Event::delivered:
      return "delivered_at";
  }
  return "ordered_at";
}

}  // namespace tsuikyaku::store
