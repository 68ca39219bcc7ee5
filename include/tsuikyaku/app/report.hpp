#pragma once

#include <optional>

#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/report/report.hpp"
#include "tsuikyaku/store/database.hpp"

// `tsuikyaku report` (SPEC §9): segment sizes and movement, the repeat-purchase rate,
// revenue by month, cohorts and what each campaign's mail was followed by.

namespace tsuikyaku::app {

struct ReportRequest {
  core::Instant as_of;                 // --as-of, else now
  std::optional<core::Instant> since;  // --since: compare with the last run at or before it
};

// Reads everything the report shows. The segments are the newest stored run at or
// before as_of; movement compares it with the newest run at or before `since`, or by
// default with the newest run of an earlier as-of (the previous `tsuikyaku segments`).
report::Report build_report(store::Database& db, const core::TimeZone& zone,
                            const ReportRequest& request);

}  // namespace tsuikyaku::app
