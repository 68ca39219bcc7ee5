#pragma once

#include <iosfwd>

#include "tsuikyaku/app/segments.hpp"

// How `tsuikyaku segments` and `segments list` print their results (SPEC §5, §11).
// JSON fields are documented in docs/json.md, the CSV in docs/segments.md.

namespace tsuikyaku::cli {

void print_segments_table(std::ostream& out, const app::SegmentsResult& result,
                          const config::Config& config, bool quiet);
void print_segments_json(std::ostream& out, const app::SegmentsResult& result,
                         const config::Config& config);

void print_list_table(std::ostream& out, const app::SegmentListResult& result,
                      const config::Config& config);
// RFC 4180 with a UTF-8 BOM and CRLF, safe to open in a spreadsheet (csv_output.hpp).
void print_list_csv(std::ostream& out, const app::SegmentListResult& result,
                    const config::Config& config);
// One JSON document, written customer by customer so memory does not grow with it.
void print_list_json(std::ostream& out, const app::SegmentListResult& result,
                     const config::Config& config, const std::optional<std::string>& segment);

}  // namespace tsuikyaku::cli
