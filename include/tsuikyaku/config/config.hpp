#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/campaign/campaign.hpp"
#include "tsuikyaku/campaign/shop.hpp"
#include "tsuikyaku/core/duration.hpp"
#include "tsuikyaku/core/email.hpp"
#include "tsuikyaku/core/money.hpp"
#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/segment/catalog.hpp"
#include "tsuikyaku/segment/rules.hpp"

// tsuikyaku.yaml as typed structs (SPEC §2). Parsing rejects unknown keys, wrong types
// and bad values with `file:line:col: key: expected …` (core::ErrorKind::config).

namespace tsuikyaku::config {

// The shop's identity lives with the logic that builds mail from it.
using Unsubscribe = campaign::Unsubscribe;
using ShopConfig = campaign::Shop;

enum class TlsMode { required, none };

struct SmtpConfig {
  std::string url;            // as written: smtp://host:587 or smtps://host:465
  bool implicit_tls = false;  // smtps://
  std::string host;
  int port = 0;
  TlsMode tls = TlsMode::required;
  std::filesystem::path ca_file;        // empty: the system's CAs only
  std::string username;                 // empty: no AUTH
  std::string password_env;             // the variable that holds the password, or empty
  std::filesystem::path password_file;  // or a file with it (not readable by others)
  int connections = 4;
  std::optional<core::Rate> rate;
  // How long each reply is awaited, the greeting and the one after the data included
  // (RFC 5321 §4.5.3.2.6 asks for 10 minutes there).
  std::chrono::seconds reply_timeout{600};
};

// `send.skip`: the days marketing mail is moved off, to the next day that is neither.
struct SendSkip {
  bool holidays = false;  // the national holidays the shop keeps
  bool closed = false;    // the shop's closed days

  bool any() const { return holidays || closed; }
};

struct SendConfig {
  std::optional<core::TimeOfDayRange> quiet_hours;
  int max_per_run = 5000;
  std::chrono::seconds marketing_cooldown{7 * 24 * 3600};
  // `channel_cooldown: { postal: 30d }` (docs/offline.md): a channel's own cooldown.
  std::map<campaign::Channel, std::chrono::seconds> channel_cooldown;
  // A marketing campaign's first run that would mail more customers waits for
  // `campaigns start` (docs/sending.md).
  std::int64_t first_run_limit = 20;
  SendSkip skip;
  // `return_path: bounces@shop.example`: each message's envelope sender is
  // bounces+ID-CHECK@shop.example (docs/mailbox.md); empty: the From address.
  std::string return_path;
};

// `inbox:` (docs/mailbox.md): the IMAP folder that bounces, complaints and replies come to.
struct InboxConfig {
  std::string url;            // as written: imaps://host/INBOX or imap://host/INBOX
  bool implicit_tls = false;  // imaps://
  std::string host;
  int port = 0;
  std::string folder;  // INBOX when the URL names none
  TlsMode tls = TlsMode::required;
  std::filesystem::path ca_file;
  std::string username;
  std::string password_env;
  std::filesystem::path password_file;
  std::string processed_folder;  // empty: handled mail stays, flagged \Seen
  int soft_bounces = 3;          // this many soft bounces within soft_bounce_window suppress
  std::chrono::seconds soft_bounce_window{30 * 24 * 3600};
};

struct Config {
  std::filesystem::path file;  // where it was read from
  std::filesystem::path dir;   // the workspace: campaigns/, templates/, outbox/ live here
  std::string display_name;    // the file as messages name it
  std::optional<std::filesystem::path> database;  // `database:`, resolved against dir
  ShopConfig shop;
  std::optional<SmtpConfig> smtp;  // absent: the outbox transport
  std::optional<InboxConfig> inbox;
  SendConfig send;
  segment::Scoring scoring = segment::Scoring::percentile;
  std::vector<segment::Rule> segments;  // the defaults of SPEC §5 when not given
  // products.yaml beside the config (config/products.hpp); empty when there is none.
  segment::Catalog products;
  // Settings still as the shipped sample has them (a sender on kaede.example), located:
  // config::load_campaigns adds the templates' and coupon pools' (docs/config.md).
  std::vector<std::string> samples;
};

// True when messages go to a mail server that is not on this machine: there sample
// content stops a send (the outbox and a loopback test server take it).
bool sends_to_mail_server(const Config& config);

// Parses config text. display_name is used in messages, dir resolves relative paths.
Config parse_config(std::string_view text, const std::string& display_name,
                    const std::filesystem::path& dir);

// Reads and parses a config file, and products.yaml beside it when there is one; a missing
// or unreadable config is a config error.
Config load_config(const std::filesystem::path& file);

// The days marketing mail may go out on under `send.skip` (its open days), or nullopt
// when nothing is skipped.
std::optional<calendar::ShopDays> marketing_days(const Config& config);

using EnvLookup = std::function<std::optional<std::string>(std::string_view)>;

// The SMTP password from password_env or password_file (SPEC §2). The file must not be
// readable or writable by group or others. Throws a config error naming the setting,
// never the password.
std::string resolve_smtp_password(const SmtpConfig& smtp, const EnvLookup& env);
// The same for `inbox:` (its messages name inbox.password_env, inbox.password_file).
std::string resolve_inbox_password(const InboxConfig& inbox, const EnvLookup& env);

// The workspace secret that signs the unsubscribe tokens (docs/mailbox.md): tsuikyaku.secret
// beside the config, 64 hex digits on one line, mode 0600. Its content is never printed.
inline constexpr std::string_view k_secret_file = "tsuikyaku.secret";
std::filesystem::path workspace_secret_path(const std::filesystem::path& dir);

// The secret, or "" when the file does not exist. A config error when it is open to
// other users or too short.
std::string read_workspace_secret(const std::filesystem::path& dir);

// Makes a new secret from OpenSSL's random bytes; false (and nothing changed) when the
// file exists already.
bool create_workspace_secret(const std::filesystem::path& dir);

}  // namespace tsuikyaku::config
