#pragma once

// Which orders count for RFM, the report and campaign audiences (SPEC §5): those whose
// status is not cancelled (also spelt canceled), refunded or voided, in any letter case.
// One definition, so `segments` and `report` never disagree on a customer.

#include <string>
#include <string_view>

namespace tsuikyaku::store {

// The SQL condition on the status column of `table` ("o" for `orders o`; empty for the
// bare column). A chain of <> rather than NOT IN, which probes a temporary index per row.
inline std::string counted_order_condition(std::string_view table = {}) {
  std::string status = table.empty() ? "status" : std::string(table) + ".status";
  std::string sql;
  for (const char* excluded : {"cancelled", "canceled", "refunded", "voided"}) {
    if (!sql.empty()) sql += " AND ";
    sql += status + " COLLATE NOCASE <> '" + excluded + "'";
  }
  return sql;
}

}  // namespace tsuikyaku::store
