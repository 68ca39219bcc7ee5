#include "tsuikyaku/config/campaigns.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "config_parts.hpp"
#include "tsuikyaku/campaign/validation.hpp"
#include "tsuikyaku/core/paths.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::config {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& file) {
  auto text = read_text(file);
  if (!text) {
    throw core::Error(
        core::ErrorKind::config,
        fmt::format("cannot read {}: no such file or not readable", core::display_path(file)));
  }
  return std::move(*text);
}

// The files of folder whose names end in one of suffixes, sorted; none when it is missing.
std::vector<fs::path> files_in(const fs::path& folder,
                               std::initializer_list<std::string_view> suffixes, bool recursive) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return out;
  const auto keep = [&](const fs::directory_entry& entry) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || core::starts_with(name, ".")) return;
    for (const auto suffix : suffixes) {
      if (name.size() > suffix.size() && name.ends_with(suffix)) out.push_back(entry.path());
    }
  };
  if (recursive) {
    for (const auto& entry : fs::recursive_directory_iterator(folder, ec)) keep(entry);
  } else {
    for (const auto& entry : fs::directory_iterator(folder, ec)) keep(entry);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string canonical_key(const fs::path& path) {
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(path, ec);
  return (ec ? path : canonical).generic_string();
}

void check_other_templates(const Config& config, const std::set<std::string>& used,
                           std::vector<std::string>& errors) {
  for (const fs::path& file : files_in(config.dir / "templates", {".md"}, true)) {
    if (used.count(canonical_key(file)) > 0) continue;
    const std::string name = core::display_path(file);
    try {
      const std::string text = read_all(file);
      if (!core::is_valid_utf8(text)) {
        errors.push_back(core::located({name, 1, 1}, "expected UTF-8 text"));
        continue;
      }
      const auto problems = campaign::check_template(text, name);
      errors.insert(errors.end(), problems.begin(), problems.end());
    } catch (const core::Error& e) {
      errors.emplace_back(e.what());
    }
  }
}

// The first line of the shipped sample codes in a pool file (SAMPLE-KAEDE-0001), if any.
void note_sample_codes(const fs::path& file, std::vector<std::string>& samples) {
  const std::string text = read_all(file);  // split() returns views into it
  int line_no = 0;
  for (std::string_view line : core::split(text, '\n')) {
    ++line_no;
    if (!core::starts_with(core::trim(line), "SAMPLE-")) continue;
    samples.emplace_back(core::located(
        {core::display_path(file), line_no, 1},
        "the shipped sample coupon codes (SAMPLE-…) are still here; put your shop's own codes "
        "in the file"));
    return;
  }
}

// The shipped sample text of a template, marked `{{! sample … }}` ... `{{! /sample }}`.
void note_sample_text(const campaign::Campaign& campaign, std::vector<std::string>& samples) {
  int line_no = 0;
  for (std::string_view line : core::split(campaign.body, '\n')) {
    ++line_no;
    if (!core::starts_with(core::trim(line), "{{! sample")) continue;
    samples.emplace_back(core::located(
        {campaign.body_file, line_no, 1},
        "the shipped sample text is still here (between {{! sample }} and {{! /sample }}); "
        "write your own for what you sell, then delete those two lines"));
    return;
  }
}

}  // namespace

std::vector<std::string> read_coupon_pool(const fs::path& file) {
  const std::string name = core::display_path(file);
  const std::string text = read_all(file);
  std::vector<std::string> codes;
  std::map<std::string, int> seen;
  int line_no = 0;
  for (std::string_view line : core::split(text, '\n')) {
    ++line_no;
    std::string_view code = core::trim(line.substr(0, line.find(',')));
    if (code.size() >= 2 && code.front() == '"' && code.back() == '"') {
      code = code.substr(1, code.size() - 2);
    }
    if (code.empty() || (codes.empty() && seen.empty() && core::iequals_ascii(code, "code"))) {
      continue;
    }
    const bool ok = campaign::is_coupon_code(code);
    if (!ok) {
      throw core::config_error({name, line_no, 1},
                               "expected a coupon code of letters, digits, '-' or '_'");
    }
    const auto [it, inserted] = seen.emplace(std::string(code), line_no);
    if (!inserted) {
      throw core::config_error(
          {name, line_no, 1}, fmt::format("code '{}' is listed twice (line {})", code, it->second));
    }
    codes.emplace_back(code);
  }
  return codes;
}

CampaignSet load_campaigns(const Config& config) {
  CampaignSet set;
  std::set<std::string> used_templates;
  for (const fs::path& file : files_in(config.dir / "campaigns", {".yaml", ".yml"}, false)) {
    ++set.files;
    const std::string name = core::display_path(file);
    try {
      campaign::Campaign parsed = parse_campaign(read_all(file), name, config.dir);
      used_templates.insert(canonical_key(parsed.body_file));
      if (parsed.coupon && !parsed.coupon->pool.empty()) {
        read_coupon_pool(config.dir / parsed.coupon->pool);
        if (parsed.enabled) note_sample_codes(config.dir / parsed.coupon->pool, set.samples);
      }
      if (parsed.enabled) note_sample_text(parsed, set.samples);
      set.campaigns.push_back(std::move(parsed));
    } catch (const core::Error& e) {
      set.errors.emplace_back(e.what());
    }
  }
  campaign::ValidationContext context;
  context.shop = &config.shop;
  for (const auto& rule : config.segments) context.segments.push_back(rule.name);
  const auto problems = campaign::validate(set.campaigns, context);
  set.errors.insert(set.errors.end(), problems.begin(), problems.end());
  check_other_templates(config, used_templates, set.errors);
  set.samples.insert(set.samples.begin(), config.samples.begin(), config.samples.end());
  return set;
}

namespace {

// The first problem, and how many more there are.
[[noreturn]] void refuse(const std::vector<std::string>& problems) {
  std::string message = problems.front();
  if (problems.size() > 1) {
    message += fmt::format(" (and {} more: run tsuikyaku campaigns check)", problems.size() - 1);
  }
  throw core::Error(core::ErrorKind::config, message);
}

}  // namespace

std::vector<campaign::Campaign> load_valid_campaigns(const Config& config) {
  CampaignSet set = load_campaigns(config);
  if (set.errors.empty()) return std::move(set.campaigns);
  refuse(set.errors);
}

void refuse_sample_content(const Config& config) {
  if (!sends_to_mail_server(config)) return;
  const CampaignSet set = load_campaigns(config);
  if (!set.samples.empty()) refuse(set.samples);
}

}  // namespace tsuikyaku::config
