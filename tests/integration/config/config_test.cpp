#include "tsuikyaku/config/config.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "support.hpp"
#include "tsuikyaku/core/error.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Equals;

namespace {

const std::string k_shop = R"(shop:
  name: "Kaede Tea"
  from: "Kaede Tea <hello@kaede.example>"
  timezone: Asia/Tokyo
  currency: JPY
)";

config::Config parse(const std::string& text) {
  return config::parse_config(text, "tsuikyaku.yaml", "/work/shop");
}

// The message of the config error that text raises.
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const core::Error& e) {
    CHECK(e.kind() == core::ErrorKind::config);
    return e.what();
  }
  FAIL("no error for:\n" << text);
  return {};
}

}  // namespace

TEST_CASE("config: every SPEC §2 key is read into typed values", "[config]") {
  const auto config = parse(R"(database: data/shop.db
shop:
  name: "Kaede Tea"
  from: "Kaede Tea <hello@kaede.example>"
  reply_to: "support@kaede.example"
  timezone: Asia/Tokyo
  currency: JPY
  address: "〒150-0001 東京都渋谷区…"
  unsubscribe: ["mailto:unsubscribe@kaede.example", "https://kaede.example/unsub"]
smtp:
  url: smtp://smtp.example.net:2587
  tls: required
  ca_file: certs/ca.pem
  username: hello@kaede.example
  password_env: TSUIKYAKU_SMTP_PASSWORD
  connections: 8
  rate: 100/min
send:
  quiet_hours: "21:00-09:00"
  max_per_run: 200
  marketing_cooldown: 14d
rfm: { scoring: quintile }
)");
  CHECK(config.database == std::filesystem::path("/work/shop/data/shop.db"));
  CHECK(config.shop.name == "Kaede Tea");
  CHECK(config.shop.from.display_name == "Kaede Tea");
  CHECK(config.shop.from.address == "hello@kaede.example");
  CHECK(config.shop.reply_to->address == "support@kaede.example");
  CHECK(config.shop.timezone.name() == "Asia/Tokyo");
  CHECK(config.shop.currency->code == "JPY");
  CHECK(config.shop.unsubscribe.mailto == "mailto:unsubscribe@kaede.example");
  CHECK(config.shop.unsubscribe.https == "https://kaede.example/unsub");
  CHECK(config.shop.fallback_name == "お客様");
  REQUIRE(config.smtp);
  CHECK(config.smtp->host == "smtp.example.net");
  CHECK(config.smtp->port == 2587);
  CHECK_FALSE(config.smtp->implicit_tls);
  CHECK(config.smtp->ca_file == std::filesystem::path("/work/shop/certs/ca.pem"));
  CHECK(config.smtp->connections == 8);
  CHECK(config.smtp->rate->count == 100);
  CHECK(config.smtp->rate->per == std::chrono::seconds{60});
  CHECK(config.send.quiet_hours->start_minute == 21 * 60);
  CHECK(config.send.max_per_run == 200);
  CHECK(config.send.marketing_cooldown == std::chrono::seconds{14 * 86400});
  CHECK(config.scoring == segment::Scoring::quintile);
  CHECK(config.segments.size() == 4);  // the defaults
  CHECK(config.segments.front().name == "dormant");
}

TEST_CASE("config: defaults when optional sections are absent", "[config]") {
  const auto config = parse(k_shop);
  CHECK_FALSE(config.smtp.has_value());
  CHECK_FALSE(config.database.has_value());
  CHECK_FALSE(config.send.quiet_hours.has_value());
  CHECK(config.send.max_per_run == 5000);
  CHECK(config.send.marketing_cooldown == std::chrono::seconds{7 * 86400});
  CHECK(config.scoring == segment::Scoring::percentile);
}

TEST_CASE("config: unknown keys name the file, line and column", "[config]") {
  CHECK_THAT(error_of(k_shop + "  colour: red\n"),
             Equals("tsuikyaku.yaml:6:3: shop: unknown key 'colour'; expected one of: name, "
                    "from, reply_to, timezone, currency, address, url, unsubscribe, "
                    "unsubscribe_token, fallback_name, language, holidays, closed"));
  CHECK_THAT(error_of(k_shop + "  nmae: x\n"),
             Equals("tsuikyaku.yaml:6:3: shop: unknown key 'nmae'; did you mean 'name'?"));
  CHECK_THAT(error_of(k_shop + "sned: {}\n"),
             Equals("tsuikyaku.yaml:6:1: unknown key 'sned'; did you mean 'send'?"));
  CHECK_THAT(error_of(k_shop + "  name: again\n"),
             Equals("tsuikyaku.yaml:6:3: shop: duplicate key 'name'"));
}

TEST_CASE("config: bad values say what was expected", "[config]") {
  CHECK_THAT(error_of(k_shop + "send:\n  marketing_cooldown: 7 days\n"),
             Equals("tsuikyaku.yaml:7:23: marketing_cooldown: expected a duration like 7d"));
  CHECK_THAT(error_of(k_shop + "send:\n  quiet_hours: \"21-9\"\n"),
             Equals("tsuikyaku.yaml:7:16: quiet_hours: expected a range of local times like "
                    "21:00-09:00"));
  CHECK_THAT(error_of(k_shop + "send:\n  max_per_run: lots\n"),
             Equals("tsuikyaku.yaml:7:16: max_per_run: expected a whole number from 1 to "
                    "10000000"));
  CHECK_THAT(error_of(k_shop + "rfm:\n  scoring: deciles\n"),
             Equals("tsuikyaku.yaml:7:12: scoring: expected percentile or quintile"));
  CHECK_THAT(error_of("shop:\n  name: x\n  from: nobody\n"),
             Equals("tsuikyaku.yaml:3:9: from: expected a mail address like \"Kaede Tea "
                    "<hello@kaede.example>\""));
  CHECK_THAT(error_of("shop:\n  name: x\n  from: a@b.cd\n  timezone: Tokyo\n"),
             Equals("tsuikyaku.yaml:4:13: timezone: expected an IANA time zone name like "
                    "Asia/Tokyo"));
  CHECK_THAT(error_of("shop:\n  name: x\n  from: a@b.cd\n  timezone: UTC\n  currency: YEN\n"),
             Equals("tsuikyaku.yaml:5:13: currency: expected an ISO 4217 code like JPY, USD "
                    "or EUR; did you mean 'JPY'?"));
  CHECK_THAT(error_of("shop:\n  name: x\n  from: a@b.cd\n  timezone: UTC\n  currency: inr\n"),
             Equals("tsuikyaku.yaml:5:13: currency: expected an ISO 4217 code like JPY, USD "
                    "or EUR; did you mean 'INR'?"));
  CHECK_THAT(error_of("shop:\n  name: x\n  from: a@b.cd\n  timezone: UTC\n  currency: ZAX\n"),
             Equals("tsuikyaku.yaml:5:13: currency: expected an ISO 4217 code like JPY, USD "
                    "or EUR; did you mean 'ZAR'?"));
  CHECK_THAT(error_of("shop:\n  name: x\n  from: a@b.cd\n  timezone: UTC\n  currency: rupees\n"),
             Equals("tsuikyaku.yaml:5:13: currency: expected an ISO 4217 code like JPY, USD "
                    "or EUR"));
  CHECK_THAT(error_of("shop:\n  name: [a, b]\n"),
             Equals("tsuikyaku.yaml:2:9: name: expected a string"));
  CHECK_THAT(error_of("shop: Kaede\n"),
             Equals("tsuikyaku.yaml:1:7: shop: expected a mapping of keys"));
  CHECK_THAT(error_of(k_shop + "  unsubscribe: http://kaede.example/u\n"),
             Equals("tsuikyaku.yaml:6:16: unsubscribe: expected a mailto: address or an "
                    "https:// URL"));
}

TEST_CASE("config: missing keys and broken YAML", "[config]") {
  CHECK_THAT(error_of("shop:\n  name: x\n"),
             Equals("tsuikyaku.yaml:2:3: shop: missing required key 'from'"));
  CHECK_THAT(error_of("send: {}\n"), Equals("tsuikyaku.yaml:1:1: missing required key 'shop'"));
  CHECK_THAT(error_of(""), Equals("tsuikyaku.yaml:1:1: empty config: expected at least `shop:`"));
  CHECK_THAT(error_of("shop:\n  name: x\n   from: y\n"),
             Equals("tsuikyaku.yaml:3:8: invalid YAML: illegal map value"));
}

TEST_CASE("config: SMTP settings are checked together", "[config]") {
  CHECK(parse(k_shop + "smtp:\n  url: smtps://mail.example.net\n").smtp->port == 465);
  CHECK(parse(k_shop + "smtp:\n  url: smtp://mail.example.net\n").smtp->port == 587);
  const auto local = parse(k_shop + "smtp:\n  url: smtp://[::1]:2525\n  tls: none\n");
  CHECK(local.smtp->host == "::1");
  CHECK(local.smtp->tls == config::TlsMode::none);

  CHECK_THAT(error_of(k_shop + "smtp:\n  url: smtp://mail.example.net:587\n  tls: none\n"),
             Equals("tsuikyaku.yaml:8:8: tls: none is allowed only for a loopback host "
                    "(localhost, 127.0.0.1, ::1), not mail.example.net"));
  CHECK_THAT(error_of(k_shop + "smtp:\n  url: http://mail.example.net\n"),
             Equals("tsuikyaku.yaml:7:8: url: expected smtp://host:port (STARTTLS) or "
                    "smtps://host:port"));
  CHECK_THAT(error_of(k_shop + "smtp:\n  url: smtp://m.example.net\n  username: u\n"),
             Equals("tsuikyaku.yaml:8:13: username: needs password_env or password_file as "
                    "well"));
  CHECK_THAT(error_of(k_shop + "smtp:\n  url: smtp://m.example.net\n  username: u\n"
                               "  password_env: P\n  password_file: p.txt\n"),
             Equals("tsuikyaku.yaml:10:18: password_file: give password_env or password_file, "
                    "not both"));
  CHECK_THAT(error_of(k_shop + "smtp:\n  url: smtp://m.example.net\n  rate: fast\n"),
             Equals("tsuikyaku.yaml:8:9: rate: expected a rate like 20/s or 100/min"));
  CHECK_THAT(error_of(k_shop + "smtp:\n  url: smtp://m.example.net\n  connections: 0\n"),
             Equals("tsuikyaku.yaml:8:16: connections: expected a whole number from 1 to 64"));
}

TEST_CASE("config: segment rules are validated", "[config]") {
  const auto config = parse(k_shop + R"(segments:
  - name: vip
    when: { monetary: { min: 50000 }, rfm: [555, 554] }
  - name: rest
)");
  REQUIRE(config.segments.size() == 2);
  CHECK(config.segments[0].monetary.min == 50000);
  CHECK(config.segments[0].rfm_codes == std::vector<int>{555, 554});
  CHECK(config.segments[1].recency_days.empty());

  CHECK_THAT(error_of(k_shop + "segments:\n  - name: a\n    when: { recency: { min: 1 } }\n"),
             Equals("tsuikyaku.yaml:8:13: when: unknown key 'recency'; expected one of: "
                    "recency_days, frequency, monetary, r, f, m, rfm"));
  CHECK_THAT(
      error_of(k_shop + "segments:\n  - name: a\n    when: { frequency: { min: 5, max: 3 } }\n"),
      Equals("tsuikyaku.yaml:8:31: min: 5 is above max 3"));
  CHECK_THAT(error_of(k_shop + "segments:\n  - name: a\n  - name: a\n"),
             Equals("tsuikyaku.yaml:8:11: name: duplicate segment name 'a'"));
  CHECK_THAT(error_of(k_shop + "segments:\n  - name: a\n    when: { r: { min: 6 } }\n"),
             Equals("tsuikyaku.yaml:8:23: min: expected a whole number from 1 to 5"));
  CHECK_THAT(error_of(k_shop + "segments:\n  - name: a\n    when: { rfm: [556] }\n"),
             Equals("tsuikyaku.yaml:8:19: rfm: expected a list of three-digit codes of scores "
                    "1-5, like [555, 554]"));
  CHECK_THAT(error_of(k_shop + "segments:\n  - name: a\n    when: { monetary: { min: 10.5 } }\n"),
             Equals("tsuikyaku.yaml:8:30: min: expected an amount in JPY like 5000"));
}

TEST_CASE("config: segments may come from a segment file", "[config]") {
  testing::TempDir dir;
  testing::write_file(dir / "segments/two.yaml",
                      "rfm: { scoring: quintile }\nsegments:\n  - name: best\n    when: { rfm: "
                      "[555] }\n  - name: others\n");
  const auto config =
      config::parse_config(k_shop + "segments: segments/two.yaml\n", "tsuikyaku.yaml", dir.path());
  CHECK(config.scoring == segment::Scoring::quintile);
  REQUIRE(config.segments.size() == 2);
  CHECK(config.segments[0].name == "best");
}

TEST_CASE("config: a rule may not be called other, the name of no match", "[config]") {
  CHECK_THAT(error_of(k_shop + "segments:\n  - name: other\n"),
             Equals("tsuikyaku.yaml:7:11: name: 'other' is reserved for the customers that "
                    "match no rule"));
}

TEST_CASE("config: an empty rfm code list is refused, not read as any code", "[config]") {
  CHECK_THAT(error_of(k_shop + "segments:\n  - name: a\n    when: { rfm: [] }\n"),
             Equals("tsuikyaku.yaml:8:18: rfm: expected a list of three-digit codes of scores "
                    "1-5, like [555, 554]"));
  CHECK_THAT(error_of(k_shop + "segments:\n  - name: a\n    when: { rfm: 555 }\n"),
             Equals("tsuikyaku.yaml:8:18: rfm: expected a list of three-digit codes of scores "
                    "1-5, like [555, 554]"));
}

TEST_CASE("config: segment names are one word of printable text", "[config]") {
  const std::string expected = "name: expected a name without spaces or commas, like loyal";
  CHECK_THAT(error_of(k_shop + "segments:\n  - name: at risk\n"),
             Equals("tsuikyaku.yaml:7:11: " + expected));
  CHECK_THAT(error_of(k_shop + "segments:\n  - name: \"a,b\"\n"),
             Equals("tsuikyaku.yaml:7:11: " + expected));
  CHECK_THAT(error_of(k_shop + "segments:\n  - name: \"a\\u0007\"\n"),
             Equals("tsuikyaku.yaml:7:11: " + expected));
  CHECK_NOTHROW(config::parse_config(k_shop + "segments:\n  - name: 休眠顧客\n", "t.yaml", "."));
}

TEST_CASE("config: monetary bounds are major units of the shop currency", "[config]") {
  const std::string pounds = "shop:\n  name: x\n  from: a@b.cd\n  timezone: UTC\n  currency: GBP\n";
  const auto config = config::parse_config(
      pounds + "segments:\n  - name: big\n    when: { monetary: { min: 49.99, max: 100 } }\n",
      "tsuikyaku.yaml", ".");
  CHECK(config.segments[0].monetary.min == 4999);
  CHECK(config.segments[0].monetary.max == 10000);
  CHECK_THAT(
      error_of(k_shop + "segments:\n  - name: a\n    when: { monetary: { min: 9, max: 1 } }\n"),
      Equals("tsuikyaku.yaml:8:30: min: 9 is above max 1"));
}

TEST_CASE("config: errors in a segment file name that file, line and column", "[config]") {
  testing::TempDir dir;
  testing::write_file(dir / "segments/bad.yaml",
                      "segments:\n  - name: best\n    when: { rfm: [555, 5x5] }\n");
  const auto error_in_dir = [&](const std::string& text) -> std::string {
    try {
      config::parse_config(text, "tsuikyaku.yaml", dir.path());
    } catch (const core::Error& e) {
      return e.what();
    }
    return "no error";
  };
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  const std::string message = error_in_dir(k_shop + "segments: segments/bad.yaml\n");
  const std::string missing = error_in_dir(k_shop + "segments: segments/none.yaml\n");
  std::filesystem::current_path(cwd);
  CHECK_THAT(message, Equals("segments/bad.yaml:3:24: rfm: expected a list of three-digit codes "
                             "of scores 1-5, like [555, 554]"));
  CHECK_THAT(missing, Equals("cannot read segments/none.yaml: no such file or not readable"));
}

TEST_CASE("config: the rfm-11 example has the eleven named segments with quintile scoring",
          "[config]") {
  const auto dir = testing::source_dir() / "examples";
  const auto config =
      config::parse_config(k_shop + "segments: segments/rfm-11.yaml\n", "tsuikyaku.yaml", dir);
  CHECK(config.scoring == segment::Scoring::quintile);
  std::vector<std::string> names;
  std::vector<int> seen(556, 0);
  for (const auto& rule : config.segments) {
    names.push_back(rule.name);
    for (const int code : rule.rfm_codes) ++seen[static_cast<std::size_t>(code)];
  }
  CHECK(names == std::vector<std::string>{"champions", "loyal", "potential-loyalist",
                                          "new-customers", "promising", "need-attention",
                                          "about-to-sleep", "at-risk", "cannot-lose-them",
                                          "hibernating", "lost"});
  // Every code 111..555 is in exactly one list, so nobody is `other`.
  for (int r = 1; r <= 5; ++r) {
    for (int f = 1; f <= 5; ++f) {
      for (int m = 1; m <= 5; ++m) {
        INFO(r << f << m);
        CHECK(seen[static_cast<std::size_t>(100 * r + 10 * f + m)] == 1);
      }
    }
  }
  CHECK(config.segments[0].rfm_codes == std::vector<int>{555, 554, 544, 545, 454, 455, 445});
  CHECK(config.segments[10].rfm_codes == std::vector<int>{111, 112, 121, 131, 141, 151});
  // The config's own rfm: wins over the file's.
  const auto percentile = config::parse_config(
      k_shop + "rfm: { scoring: percentile }\nsegments: segments/rfm-11.yaml\n", "t.yaml", dir);
  CHECK(percentile.scoring == segment::Scoring::percentile);
}

TEST_CASE("config: the SMTP password comes from the environment or a private file", "[config]") {
  testing::TempDir dir;
  config::SmtpConfig smtp;
  smtp.password_env = "TSUIKYAKU_SMTP_PASSWORD";
  const auto env = [](std::string_view name) -> std::optional<std::string> {
    if (name == "TSUIKYAKU_SMTP_PASSWORD") return "s3cret-pw";
    return std::nullopt;
  };
  const auto no_env = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
  CHECK(config::resolve_smtp_password(smtp, env) == "s3cret-pw");
  try {
    config::resolve_smtp_password(smtp, no_env);
    FAIL("no error");
  } catch (const core::Error& e) {
    CHECK_THAT(e.what(), Equals("smtp.password_env: the environment variable "
                                "TSUIKYAKU_SMTP_PASSWORD is not set"));
  }

  smtp.password_env.clear();
  smtp.password_file = dir / "pw";
  testing::write_file(smtp.password_file, "file-s3cret\n");
  ::chmod(smtp.password_file.c_str(), 0644);
  try {
    config::resolve_smtp_password(smtp, no_env);
    FAIL("no error");
  } catch (const core::Error& e) {
    const std::string message = e.what();
    CHECK(message.find("is open to other users; run chmod 600") != std::string::npos);
    CHECK(message.find("file-s3cret") == std::string::npos);
  }
  ::chmod(smtp.password_file.c_str(), 0600);
  CHECK(config::resolve_smtp_password(smtp, no_env) == "file-s3cret");
}

TEST_CASE("config: the shipped config skeletons parse", "[config]") {
  for (const char* lang : {"ja", "en"}) {
    INFO(lang);
    const auto path = testing::source_dir() / "campaigns" / lang / "tsuikyaku.yaml";
    const auto config = config::parse_config(testing::read_file(path), "tsuikyaku.yaml", ".");
    CHECK(config.segments.size() == 4);
    CHECK_FALSE(config.shop.address.empty());
    CHECK(config.shop.unsubscribe.any());
  }
}

TEST_CASE("config: send.channel_cooldown is per channel, located when wrong", "[config][offline]") {
  const auto config = parse(k_shop +
                            "send:\n  marketing_cooldown: 7d\n"
                            "  channel_cooldown: { insert: 0h, postal: 30d, email: 2d12h }\n");
  CHECK(config.send.marketing_cooldown == std::chrono::seconds{7 * 86400});
  CHECK(config.send.channel_cooldown.size() == 3);
  CHECK(config.send.channel_cooldown.at(campaign::Channel::insert) == std::chrono::seconds{0});
  CHECK(config.send.channel_cooldown.at(campaign::Channel::postal) ==
        std::chrono::seconds{30 * 86400});
  CHECK(config.send.channel_cooldown.at(campaign::Channel::email) ==
        std::chrono::seconds{2 * 86400 + 12 * 3600});
  // A channel not named keeps marketing_cooldown: it is absent from the map.
  const auto some = parse(k_shop + "send:\n  channel_cooldown:\n    postal: 14d\n");
  CHECK(some.send.channel_cooldown.size() == 1);
  CHECK(some.send.channel_cooldown.count(campaign::Channel::insert) == 0);

  CHECK_THAT(error_of(k_shop + "send:\n  channel_cooldown: { fax: 3d }\n"),
             Equals("tsuikyaku.yaml:7:23: send.channel_cooldown: unknown key 'fax'; expected "
                    "one of: email, insert, postal"));
  CHECK_THAT(error_of(k_shop + "send:\n  channel_cooldown:\n    postel: 3d\n"),
             Equals("tsuikyaku.yaml:8:5: send.channel_cooldown: unknown key 'postel'; did you "
                    "mean 'postal'?"));
  CHECK_THAT(error_of(k_shop + "send:\n  channel_cooldown:\n    postal: 30 days\n"),
             Equals("tsuikyaku.yaml:8:13: postal: expected a duration like 30d (0h for none)"));
  CHECK_THAT(error_of(k_shop + "send:\n  channel_cooldown: { insert: 0d }\n"),
             Equals("tsuikyaku.yaml:7:31: insert: expected a duration like 30d (0h for none)"));
  CHECK_THAT(error_of(k_shop + "send:\n  channel_cooldown: 30d\n"),
             Equals("tsuikyaku.yaml:7:21: send.channel_cooldown: expected a mapping of keys"));
}
