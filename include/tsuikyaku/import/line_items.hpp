#pragma once

#include <string>

#include "tsuikyaku/core/money.hpp"
#include "tsuikyaku/core/result.hpp"
#include "tsuikyaku/import/order_record.hpp"

// Line-item exports (SPEC §3): all rows with one order id in a file form one order.

namespace tsuikyaku::ingest {

// Folds a later row of the same order into order: the order is placed at the earliest of
// its rows' times; every other value is the first one given (Shopify fills order fields on
// an order's first row only); the row's items are appended.
void merge_row(OrderRecord& order, OrderRecord&& row);

// Sets the total to Σ quantity × unit_price of the lines, kept exact and rounded half to
// even to the currency's minor unit once, when the export has no total of its own. Fails
// when the sum does not fit.
core::Status total_from_lines(OrderRecord& order, const core::Currency& currency);

}  // namespace tsuikyaku::ingest
