#include "tsuikyaku/config/config.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "config_parts.hpp"
#include "tsuikyaku/campaign/campaign.hpp"
#include "tsuikyaku/config/products.hpp"
#include "tsuikyaku/core/email.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/language.hpp"
#include "tsuikyaku/core/paths.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "yaml_reader.hpp"

namespace tsuikyaku::config {
namespace {

using yaml::MapReader;

// A value that may end up in a header, a subject or a footer: one line of text.
std::string one_line(const MapReader& map, std::string_view key) {
  std::string value = map.string(key);
  if (core::has_control_chars(value)) throw map.error(key, "expected a single line of text");
  return value;
}

core::Mailbox mailbox(const MapReader& map, std::string_view key) {
  const auto parsed = core::parse_mailbox(map.string(key));
  if (!parsed) {
    throw map.error(key, "expected a mail address like \"Kaede Tea <hello@kaede.example>\"");
  }
  return *parsed;
}

void add_unsubscribe_link(Unsubscribe& out, const YAML::Node& node, const std::string& file) {
  const std::string link = yaml::scalar(node, file, "unsubscribe");
  const std::string_view expected = "expected a mailto: address or an https:// URL";
  if (link.find("{{") != std::string::npos) {
    throw yaml::error_at(node, file, "unsubscribe",
                         "'{{' is not expanded here: the link is the same for every recipient; "
                         "set shop.unsubscribe_token: hmac to give each recipient a link of "
                         "their own");
  }
  if (core::starts_with(link, "mailto:") && out.mailto.empty() &&
      core::is_valid_address(std::string_view(link).substr(7))) {
    out.mailto = link;
  } else if (core::starts_with(link, "https://") && out.https.empty() && link.size() > 8 &&
             !core::has_control_chars(link) && link.find(' ') == std::string::npos) {
    out.https = link;
  } else {
    throw yaml::error_at(node, file, "unsubscribe", expected);
  }
}

Unsubscribe unsubscribe(const MapReader& shop) {
  Unsubscribe out;
  if (!shop.has("unsubscribe")) return out;
  const YAML::Node node = shop.get("unsubscribe");
  if (node.IsSequence()) {
    for (const auto& item : node) add_unsubscribe_link(out, item, shop.file());
  } else {
    add_unsubscribe_link(out, node, shop.file());
  }
  return out;
}

// The shipped workspace's addresses and links are on a domain kept for examples: fine for
// the outbox, never for a real customer (docs/config.md, "Sample content").
void note_example_domains(const MapReader& shop, const ShopConfig& out,
                          std::vector<std::string>& samples) {
  const auto note = [&](std::string_view key, std::string_view value, std::string_view fix) {
    if (!core::is_example_domain(core::host_of(value))) return;
    samples.emplace_back(
        shop.error(key, fmt::format("'{}' is on {}, a domain kept for examples; {}", value,
                                    core::host_of(value), fix))
            .what());
  };
  note("from", out.from.address, "put your shop's own sender address");
  if (out.reply_to) note("reply_to", out.reply_to->address, "put the address replies should go to");
  note("url", out.url, "put your shop's web address");
  note("unsubscribe", out.unsubscribe.mailto, "put an address of yours that takes unsubscribes");
  note("unsubscribe", out.unsubscribe.https, "put your shop's unsubscribe page");
}

ShopConfig parse_shop(const MapReader& shop, std::vector<std::string>& samples) {
  shop.allow({"name", "from", "reply_to", "timezone", "currency", "address", "url", "unsubscribe",
              "unsubscribe_token", "fallback_name", "language", "holidays", "closed"});
  ShopConfig out;
  out.name = one_line(shop, "name");
  out.from = mailbox(shop, "from");
  if (shop.has("reply_to")) out.reply_to = mailbox(shop, "reply_to");
  const auto zone = core::TimeZone::find(shop.string("timezone"));
  if (!zone) throw shop.error("timezone", "expected an IANA time zone name like Asia/Tokyo");
  out.timezone = *zone;
  out.days = parse_shop_days(shop, *zone);
  out.currency = core::find_currency(shop.string("currency"));
  if (out.currency == nullptr) {
    throw shop.error("currency", core::currency_code_problem(shop.string("currency")));
  }
  if (shop.has("address")) out.address = one_line(shop, "address");
  if (shop.has("url")) out.url = one_line(shop, "url");
  out.unsubscribe = unsubscribe(shop);
  if (const auto scheme = shop.optional_string("unsubscribe_token")) {
    if (*scheme != "hmac" && *scheme != "none") {
      throw shop.error("unsubscribe_token",
                       "expected hmac (a link of their own for each recipient) or none");
    }
    out.unsubscribe.per_recipient = *scheme == "hmac";
    if (out.unsubscribe.per_recipient && !out.unsubscribe.any()) {
      throw shop.error("unsubscribe_token", "needs shop.unsubscribe: the links it signs");
    }
  }
  out.fallback_name = shop.has("fallback_name") ? one_line(shop, "fallback_name") : "お客様";
  if (const auto language = shop.optional_string("language")) {
    const auto parsed = core::parse_language(*language);
    if (!parsed) throw shop.error("language", "expected ja or en");
    out.language = *parsed;
    out.language_written = true;
  } else {
    out.language = campaign::guess_language(out.name + out.address + out.fallback_name);
  }
  note_example_domains(shop, out, samples);
  return out;
}

SendConfig parse_send(const MapReader& send, const calendar::ShopDays& days) {
  send.allow({"quiet_hours", "max_per_run", "marketing_cooldown", "channel_cooldown",
              "first_run_limit", "skip", "return_path"});
  SendConfig out;
  out.quiet_hours = send.optional_parsed("quiet_hours", core::parse_time_of_day_range,
                                         "a range of local times like 21:00-09:00");
  if (auto n = send.optional_int("max_per_run", 1, 10'000'000))
    out.max_per_run = static_cast<int>(*n);
  if (auto d =
          send.optional_parsed("marketing_cooldown", core::parse_duration, "a duration like 7d")) {
    out.marketing_cooldown = *d;
  }
  if (send.has("channel_cooldown")) {
    const MapReader channels(send.get("channel_cooldown"), send.file(), "send.channel_cooldown");
    channels.allow({"email", "insert", "postal"});
    for (const auto channel :
         {campaign::Channel::email, campaign::Channel::insert, campaign::Channel::postal}) {
      const auto parse = [](std::string_view text) {
        return text == "0h" ? std::optional(std::chrono::seconds{0}) : core::parse_duration(text);
      };
      const std::string_view name = campaign::to_string(channel);
      const auto cooldown =
          channels.optional_parsed(name, parse, "a duration like 30d (0h for none)");
      if (cooldown) out.channel_cooldown[channel] = *cooldown;
    }
  }
  if (auto n = send.optional_int("first_run_limit", 0, 10'000'000)) out.first_run_limit = *n;
  out.skip = parse_send_skip(send, days);
  if (auto path = send.optional_string("return_path")) {
    if (!core::is_valid_address(*path) || path->find('+') != std::string::npos) {
      throw send.error("return_path",
                       "expected a bare address without + like bounces@shop.example");
    }
    out.return_path = *path;
  }
  return out;
}

segment::Scoring parse_scoring(const MapReader& rfm) {
  rfm.allow({"scoring"});
  const auto scoring = rfm.optional_string("scoring");
  if (!scoring || *scoring == "percentile") return segment::Scoring::percentile;
  if (*scoring == "quintile") return segment::Scoring::quintile;
  throw rfm.error("scoring", "expected percentile or quintile");
}

std::string read_file(const std::filesystem::path& file, core::ErrorKind kind) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw core::Error(kind, fmt::format("cannot read {}: no such file or not readable",
                                        core::display_path(file)));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

SegmentsSection parse_segments_file(const std::filesystem::path& file,
                                    const core::Currency& currency) {
  const std::string name = core::display_path(file);
  const YAML::Node root = yaml::parse(read_file(file, core::ErrorKind::config), name);
  const MapReader map(root, name, "");
  map.allow({"rfm", "segments"});
  SegmentsSection out;
  if (map.has("rfm")) out.scoring = parse_scoring(MapReader(map.get("rfm"), name, "rfm"));
  if (!map.has("segments")) throw map.missing("segments");
  out.rules = parse_segment_rules(map.get("segments"), name, currency);
  return out;
}

Config parse_config(std::string_view text, const std::string& display_name,
                    const std::filesystem::path& dir) {
  const YAML::Node root = yaml::parse(text, display_name);
  if (!root.IsDefined() || root.IsNull()) {
    throw core::config_error({display_name, 1, 1}, "empty config: expected at least `shop:`");
  }
  const MapReader top(root, display_name, "");
  top.allow({"database", "shop", "smtp", "inbox", "send", "rfm", "segments"});

  Config config;
  config.dir = dir;
  config.display_name = display_name;
  if (auto database = top.optional_string("database")) config.database = dir / *database;
  if (!top.has("shop")) throw top.missing("shop");
  config.shop = parse_shop(MapReader(top.get("shop"), display_name, "shop"), config.samples);
  if (top.has("smtp"))
    config.smtp = parse_smtp(MapReader(top.get("smtp"), display_name, "smtp"), dir);
  if (top.has("inbox"))
    config.inbox = parse_inbox(MapReader(top.get("inbox"), display_name, "inbox"), dir);
  if (top.has("send")) {
    config.send = parse_send(MapReader(top.get("send"), display_name, "send"), config.shop.days);
  }

  std::optional<segment::Scoring> scoring;
  if (top.has("rfm")) scoring = parse_scoring(MapReader(top.get("rfm"), display_name, "rfm"));
  config.segments = segment::default_rules();
  if (top.has("segments")) {
    const YAML::Node node = top.get("segments");
    if (node.IsScalar()) {
      const SegmentsSection section =
          parse_segments_file(dir / node.Scalar(), *config.shop.currency);
      config.segments = section.rules;
      if (!scoring) scoring = section.scoring;
    } else {
      config.segments = parse_segment_rules(node, display_name, *config.shop.currency);
    }
  }
  config.scoring = scoring.value_or(segment::Scoring::percentile);
  return config;
}

Config load_config(const std::filesystem::path& file) {
  const std::string name = core::display_path(file);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw core::Error(core::ErrorKind::config,
                      fmt::format("no config at {} (run `tsuikyaku init` to make one, or pass "
                                  "--config PATH)",
                                  name));
  }
  Config config = parse_config(read_file(file, core::ErrorKind::config), name,
                               file.has_parent_path() ? file.parent_path() : ".");
  config.file = file;
  config.products = load_products(config.dir);
  if (config.shop.unsubscribe.per_recipient) {
    config.shop.unsubscribe.secret = read_workspace_secret(config.dir);
  }
  return config;
}

}  // namespace tsuikyaku::config
