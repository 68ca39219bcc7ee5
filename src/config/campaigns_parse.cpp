#include <fmt/format.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "config_parts.hpp"
#include "tsuikyaku/config/campaigns.hpp"
#include "tsuikyaku/core/paths.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "yaml_reader.hpp"

namespace tsuikyaku::config {

std::optional<std::string> read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::filesystem::path workspace_file(const yaml::MapReader& map, std::string_view key,
                                     const std::filesystem::path& dir, const std::string& text,
                                     std::string_view like) {
  namespace fs = std::filesystem;
  const fs::path file = dir / text;
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(fs::absolute(dir, ec), ec);
  const fs::path real = fs::weakly_canonical(fs::absolute(file, ec), ec);
  const fs::path relative = real.lexically_relative(root);
  if (ec || relative.empty() || *relative.begin() == "..") {
    throw map.error(key, fmt::format("{} is outside the workspace; expected a path inside it, "
                                     "like {} (move the file into the workspace and name it "
                                     "from there)",
                                     text, like));
  }
  return file;
}

namespace {

using campaign::Campaign;
using yaml::MapReader;
namespace fs = std::filesystem;

campaign::Event parse_event(const YAML::Node& node, const std::string& file) {
  const std::string text = yaml::scalar(node, file, "event");
  if (text == "ordered") return campaign::Event::ordered;
  if (text == "shipped") return campaign::Event::shipped;
  if (text == "delivered") return campaign::Event::delivered;
  throw yaml::error_at(node, file, "event", "expected ordered, shipped or delivered");
}

std::chrono::seconds duration(const MapReader& map, std::string_view key, std::string_view like,
                              std::chrono::seconds fallback) {
  const auto value =
      map.optional_parsed(key, core::parse_duration, fmt::format("a duration like {}", like));
  return value.value_or(fallback);
}

// A delay may be zero ("0h": at once), unlike the other durations.
std::optional<std::chrono::seconds> parse_delay(const std::string& text) {
  static const std::regex k_zero(R"(0+[smhdw]?)");
  if (std::regex_match(text, k_zero)) return std::chrono::seconds{0};
  return core::parse_duration(text);
}

campaign::Trigger parse_trigger(const MapReader& map) {
  map.allow({"event", "delay", "expires"});
  campaign::Trigger out;
  if (!map.has("event")) throw map.missing("event");
  const YAML::Node events = map.get("event");
  if (events.IsSequence()) {
    for (const auto& item : events) out.events.push_back(parse_event(item, map.file()));
    if (out.events.empty()) throw map.error("event", "expected ordered, shipped or delivered");
  } else {
    out.events.push_back(parse_event(events, map.file()));
  }
  if (!map.has("delay")) throw map.missing("delay");
  static const std::regex k_business_days(R"(([1-9][0-9]?)bd)");
  std::smatch business;
  const std::string delay = map.string("delay");
  if (std::regex_match(delay, business, k_business_days)) {
    out.business_days = std::stoi(business[1].str());
  } else {
    out.delay = *map.optional_parsed("delay", parse_delay,
                                     "a duration like 10d (0h for at once), or business days "
                                     "like 3bd");
  }
  out.expires = duration(map, "expires", "3d", out.expires);
  return out;
}

campaign::Schedule parse_schedule(const MapReader& map) {
  map.allow({"on", "every", "yearly", "until", "before", "after", "expires"});
  campaign::Schedule out;
  out.yearly = parse_yearly(map);
  if (out.yearly) return out;
  out.on = map.optional_parsed("on", core::parse_local_moment, "a date like 2026-12-20");
  out.every = map.optional_parsed("every", core::parse_duration, "a duration like 30d");
  if (out.on && out.every) throw map.error("every", "expected either on: or every:, not both");
  if (!out.on && !out.every) throw map.missing("on', 'every' or 'yearly");
  out.expires = duration(map, "expires", "3d", out.expires);
  return out;
}

// `bought:` or `not_bought:`, SKU globs (docs/products.md); none when absent.
std::vector<std::string> sku_globs(const MapReader& map, std::string_view key) {
  if (!map.has(key)) return {};
  static constexpr std::string_view k_expected = "expected a list of SKUs or globs like [TEA-*]";
  const YAML::Node list = map.get(key);
  if (!list.IsSequence() || list.size() == 0) throw map.error(key, k_expected);
  std::vector<std::string> out;
  for (const auto& item : list) {
    out.push_back(yaml::scalar(item, map.file(), key));
    if (out.back().empty() || core::has_control_chars(out.back())) {
      throw yaml::error_at(item, map.file(), key, k_expected);
    }
  }
  return out;
}

void parse_audience(const MapReader& map, Campaign& out) {
  map.allow({"segments", "bought", "not_bought", "bought_around"});
  out.products = {sku_globs(map, "bought"), sku_globs(map, "not_bought")};
  out.bought_around = parse_bought_around(map, out.schedule.has_value());
  if ((!out.products.empty() || out.bought_around > 0) && !map.has("segments")) return;
  const YAML::Node list = map.get("segments");
  if (!list.IsSequence()) throw map.error("segments", "expected a list of segments like [new]");
  for (const auto& item : list) {
    out.segments.push_back(yaml::scalar(item, map.file(), "segments"));
    out.places.segments.push_back(yaml::location(item, map.file()));
  }
}

campaign::Coupon parse_coupon(const MapReader& map, const fs::path& dir) {
  map.allow({"code", "pool"});
  campaign::Coupon out;
  out.code = map.optional_string("code").value_or("");
  out.pool = map.optional_string("pool").value_or("");
  if (!out.code.empty() && !out.pool.empty()) {
    throw map.error("pool", "expected either code: or pool:, not both");
  }
  if (out.code.empty() && out.pool.empty()) throw map.missing("code' or 'pool");
  if (!out.code.empty() && !campaign::is_coupon_code(out.code)) {
    throw map.error("code", "expected a code of letters, digits, '-' or '_', like THANKS10");
  }
  if (!out.pool.empty()) workspace_file(map, "pool", dir, out.pool, "coupons/loyal.csv");
  if (!out.pool.empty() && !fs::is_regular_file(dir / out.pool)) {
    throw map.error("pool", fmt::format("cannot read {}: no such file", out.pool));
  }
  return out;
}

std::optional<core::Mailbox> mailbox(const MapReader& map, std::string_view key) {
  const auto text = map.optional_string(key);
  if (!text) return std::nullopt;
  const auto parsed = core::parse_mailbox(*text);
  if (!parsed)
    throw map.error(key, "expected a mail address like \"Kaede Tea <hello@kaede.example>\"");
  return parsed;
}

void read_body(const MapReader& top, const fs::path& dir, Campaign& out,
               std::string_view key = "body") {
  const std::string body = top.string(key);
  const fs::path file = workspace_file(top, key, dir, body, "templates/thank-you.md");
  out.body_file = core::display_path(file);
  const auto text = read_text(file);
  if (!text || fs::is_directory(file)) {
    throw top.error(key, fmt::format("cannot read {}: no such file", out.body_file));
  }
  if (!core::is_valid_utf8(*text)) {
    throw core::config_error({out.body_file, 1, 1}, "expected UTF-8 text");
  }
  out.body = *text;
}

void parse_start(const MapReader& top, const fs::path& dir, Campaign& out) {
  const std::string& file = top.file();
  if (top.has("trigger") && top.has("schedule")) {
    throw top.error("schedule", "a campaign has a trigger or a schedule, not both");
  }
  if (top.has("trigger")) {
    out.trigger = parse_trigger(MapReader(top.get("trigger"), file, "trigger"));
  } else if (top.has("schedule")) {
    out.schedule = parse_schedule(MapReader(top.get("schedule"), file, "schedule"));
  } else {
    throw top.missing("trigger' or 'schedule");
  }
  if (top.has("audience")) parse_audience(MapReader(top.get("audience"), file, "audience"), out);
  if (top.has("coupon")) {
    out.places.coupon = yaml::location(top.get("coupon"), file);
    out.coupon = parse_coupon(MapReader(top.get("coupon"), file, "coupon"), dir);
  }
}

// `channel:` and what it asks of the rest (docs/offline.md): an insert follows `ordered`
// and says what goes into the parcel, its note the body; a subject is for mail.
void parse_channel(const MapReader& top, const fs::path& dir, Campaign& out) {
  const std::string& file = top.file();
  if (const auto channel = top.optional_string("channel")) {
    out.places.channel = yaml::location(top.get("channel"), file);
    if (*channel == "insert") {
      out.channel = campaign::Channel::insert;
    } else if (*channel == "postal") {
      out.channel = campaign::Channel::postal;
    } else if (*channel != "email") {
      throw top.error("channel", "expected email, insert or postal");
    }
  }
  const bool insert = out.channel == campaign::Channel::insert;
  if (top.has("insert") != insert) {
    throw insert ? top.missing("insert")
                 : top.error("insert", "an insert: is for channel: insert; add channel: insert");
  }
  if (!insert) return;
  if (!out.trigger || out.trigger->events != std::vector{campaign::Event::ordered}) {
    throw top.error(out.trigger ? "trigger" : "schedule",
                    "an insert goes into the parcel of an order: expected trigger: { event: "
                    "ordered, … }");
  }
  const MapReader map(top.get("insert"), file, "insert");
  map.allow({"item", "note"});
  out.insert_item = map.string("item");
  if (core::has_control_chars(out.insert_item) || out.insert_item.empty()) {
    throw map.error("item", "expected a single line of text, like \"初回ガイド\"");
  }
  if (map.has("note")) read_body(map, dir, out, "note");
}

}  // namespace

Campaign parse_campaign(std::string_view text, const std::string& display_name,
                        const fs::path& dir) {
  const YAML::Node root = yaml::parse(text, display_name);
  if (!root.IsDefined() || root.IsNull()) {
    throw core::config_error({display_name, 1, 1}, "empty campaign: expected name:, kind:, …");
  }
  const MapReader top(root, display_name, "");
  top.allow({"name", "kind", "lang", "enabled", "trigger", "schedule", "audience", "coupon",
             "subject", "body", "from", "reply_to", "channel", "insert"});
  Campaign out;
  out.places.file = {display_name, 1, 1};
  out.name = top.string("name");
  out.places.name = yaml::location(top.get("name"), display_name);
  if (!campaign::is_valid_name(out.name)) {
    throw top.error("name", "expected letters, digits, '.', '_' or '-', like check-in");
  }
  const std::string kind = top.string("kind");
  out.places.kind = yaml::location(top.get("kind"), display_name);
  if (kind != "transactional" && kind != "marketing") {
    throw top.error("kind", "expected transactional or marketing");
  }
  out.kind = kind == "marketing" ? campaign::Kind::marketing : campaign::Kind::transactional;
  out.enabled = top.optional_bool("enabled").value_or(true);
  parse_start(top, dir, out);
  parse_channel(top, dir, out);
  out.from = mailbox(top, "from");
  out.reply_to = mailbox(top, "reply_to");
  const bool mail = out.channel == campaign::Channel::email;
  if (mail || top.has("subject")) {
    out.subject = top.string("subject");
    out.places.subject = yaml::location(top.get("subject"), display_name);
    if (top.get("subject").Tag() == "!") ++out.places.subject.column;  // past the opening quote
    if (core::has_control_chars(out.subject) || out.subject.empty()) {
      throw top.error("subject", "expected a single line of text");
    }
  }
  if (out.channel != campaign::Channel::insert) {
    read_body(top, dir, out);
  } else if (top.has("body")) {
    throw top.error("body", "an insert's text is its note: write insert: { note: FILE }");
  }
  const auto lang = top.optional_string("lang");
  const auto language = lang ? core::parse_language(*lang) : std::nullopt;
  if (lang && !language) throw top.error("lang", "expected ja or en");
  out.language =
      language ? *language : campaign::guess_language(out.subject + out.body + out.insert_item);
  return out;
}

}  // namespace tsuikyaku::config
