#pragma once

// The sections of tsuikyaku.yaml that have files of their own. Private to config.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/campaign/campaign.hpp"
#include "tsuikyaku/config/config.hpp"
#include "yaml_reader.hpp"

namespace tsuikyaku::config {

// The bytes of a file, or nullopt when it cannot be read (the caller says where it was named).
std::optional<std::string> read_text(const std::filesystem::path& file);

// The file a config value names (`body:`, `coupon.pool:`), resolved against the workspace
// dir; a path that leads outside it (`..`, an absolute path elsewhere, a symbolic link
// out) is a config error at the value, with like as the example of a good one.
std::filesystem::path workspace_file(const yaml::MapReader& map, std::string_view key,
                                     const std::filesystem::path& dir, const std::string& text,
                                     std::string_view like);

// `shop.holidays` (japan or none; default japan when the shop's zone is Asia/Tokyo) and
// `shop.closed` (docs/calendar.md).
calendar::ShopDays parse_shop_days(const yaml::MapReader& shop, const core::TimeZone& zone);

// "12-29": a month and day, 02-29 included (read in the leap year 2000); nullopt otherwise.
std::optional<std::chrono::year_month_day> month_day(std::string_view text);

// `schedule.yearly` and its window (until:, before:, after:), or nullopt without yearly:;
// `audience.bought_around.days` (0 without it; only for a schedule). Config errors at
// the value (campaigns_yearly.cpp).
std::optional<campaign::Yearly> parse_yearly(const yaml::MapReader& schedule);
int parse_bought_around(const yaml::MapReader& audience, bool scheduled);

// `send.skip: [holidays, closed]`; holidays only when the shop keeps them.
SendSkip parse_send_skip(const yaml::MapReader& send, const calendar::ShopDays& days);

// A file that holds a secret: a config error naming setting when it cannot be read or
// when group or others may read or write it (the fix: chmod 600).
void require_private_file(const std::filesystem::path& file, std::string_view setting);

SmtpConfig parse_smtp(const yaml::MapReader& smtp, const std::filesystem::path& dir);
InboxConfig parse_inbox(const yaml::MapReader& inbox, const std::filesystem::path& dir);

// A `segments:` list of {name, when} (SPEC §5); monetary bounds are read in currency.
std::vector<segment::Rule> parse_segment_rules(const YAML::Node& list, const std::string& file,
                                               const core::Currency& currency);

// A segment file (`segments: segments/rfm-11.yaml`): `segments:` and optionally `rfm:`.
struct SegmentsSection {
  std::optional<segment::Scoring> scoring;
  std::vector<segment::Rule> rules;
};
SegmentsSection parse_segments_file(const std::filesystem::path& file,
                                    const core::Currency& currency);

}  // namespace tsuikyaku::config
