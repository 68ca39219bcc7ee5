#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>

#include "config_parts.hpp"
#include "tsuikyaku/core/paths.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::config {
namespace {

using yaml::MapReader;

bool is_loopback(std::string_view host) {
  return host == "localhost" || host == "::1" || core::starts_with(host, "127.");
}

// The URL of a server: PLAIN://host[:port][/path] or TLS://host[:port][/path] (implicit
// TLS), an IPv6 host in brackets; the default ports as given. The path, without its
// leading slash, when path is not null (else none is allowed).
struct Scheme {
  std::string_view plain;
  std::string_view tls;
  int plain_port = 0;
  int tls_port = 0;
};

template <typename Server>
bool parse_url(std::string_view url, const Scheme& scheme, Server& out,
               std::string* path = nullptr) {
  std::string_view rest;
  const std::string plain = std::string(scheme.plain) + "://";
  const std::string tls = std::string(scheme.tls) + "://";
  if (core::starts_with(url, plain)) {
    rest = url.substr(plain.size());
    out.implicit_tls = false;
    out.port = scheme.plain_port;
  } else if (core::starts_with(url, tls)) {
    rest = url.substr(tls.size());
    out.implicit_tls = true;
    out.port = scheme.tls_port;
  } else {
    return false;
  }
  if (const auto slash =
          rest.find('/', rest.find(']') == std::string_view::npos ? 0 : rest.find(']'));
      slash != std::string_view::npos) {
    const std::string_view tail = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
    if (path != nullptr) {
      *path = std::string(tail);
    } else if (!tail.empty()) {
      return false;
    }
  }
  std::string_view port;
  if (core::starts_with(rest, "[")) {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return false;
    out.host = std::string(rest.substr(1, close - 1));
    rest.remove_prefix(close + 1);
    if (!rest.empty() && rest.front() != ':') return false;
    if (!rest.empty()) port = rest.substr(1);
  } else {
    const auto colon = rest.find(':');
    out.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) port = rest.substr(colon + 1);
  }
  if (out.host.empty() || out.host.find_first_of("/@ ") != std::string::npos) return false;
  if (!port.empty()) {
    int value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value < 1 || value > 65535) {
      return false;
    }
    out.port = value;
  }
  return true;
}

// tls, ca_file, username, password_env and password_file: the same rules for every server.
template <typename Server>
void parse_access(const MapReader& map, const std::filesystem::path& dir, std::string_view tls_url,
                  Server& out) {
  if (const auto tls = map.optional_string("tls")) {
    if (*tls == "none") {
      out.tls = TlsMode::none;
    } else if (*tls != "required") {
      throw map.error("tls", "expected required or none");
    }
  }
  if (out.tls == TlsMode::none && out.implicit_tls) {
    throw map.error("tls", fmt::format("none contradicts {}, which is always TLS", tls_url));
  }
  if (out.tls == TlsMode::none && !is_loopback(out.host)) {
    throw map.error("tls", fmt::format("none is allowed only for a loopback host (localhost, "
                                       "127.0.0.1, ::1), not {}",
                                       out.host));
  }
  if (const auto ca = map.optional_string("ca_file")) out.ca_file = dir / *ca;
  out.username = map.optional_string("username").value_or("");
  out.password_env = map.optional_string("password_env").value_or("");
  if (const auto file = map.optional_string("password_file")) out.password_file = dir / *file;
  if (!out.password_env.empty() && !out.password_file.empty()) {
    throw map.error("password_file", "give password_env or password_file, not both");
  }
  const bool has_password = !out.password_env.empty() || !out.password_file.empty();
  if (!out.username.empty() && !has_password) {
    throw map.error("username", "needs password_env or password_file as well");
  }
  if (out.username.empty() && has_password) {
    throw map.error(out.password_env.empty() ? "password_file" : "password_env",
                    "needs username as well");
  }
}

std::string resolve_password(std::string_view section, const std::string& password_env,
                             const std::filesystem::path& password_file, const EnvLookup& env) {
  if (!password_env.empty()) {
    const auto value = env(password_env);
    if (!value || value->empty()) {
      throw core::Error(core::ErrorKind::config,
                        fmt::format("{}.password_env: the environment variable {} is not set",
                                    section, password_env));
    }
    return *value;
  }
  if (password_file.empty()) return {};
  const std::string name = core::display_path(password_file);
  require_private_file(password_file, std::string(section) + ".password_file");
  std::ifstream in(password_file, std::ios::binary);
  std::string password;
  if (!in || !std::getline(in, password)) {
    throw core::Error(core::ErrorKind::config,
                      fmt::format("{}.password_file: cannot read {}", section, name));
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) {
    throw core::Error(core::ErrorKind::config,
                      fmt::format("{}.password_file: {} is empty", section, name));
  }
  return password;
}

// An IMAP folder name as it goes into a command: printable ASCII (no modified UTF-7).
bool is_folder_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return c >= ' ' && c <= '~' && c != '"' && c != '\\';
  });
}

}  // namespace

SmtpConfig parse_smtp(const MapReader& smtp, const std::filesystem::path& dir) {
  smtp.allow({"url", "tls", "ca_file", "username", "password_env", "password_file", "connections",
              "rate", "reply_timeout"});
  SmtpConfig out;
  out.url = smtp.string("url");
  if (!parse_url(out.url, Scheme{"smtp", "smtps", 587, 465}, out)) {
    throw smtp.error("url", "expected smtp://host:port (STARTTLS) or smtps://host:port");
  }
  parse_access(smtp, dir, "smtps://", out);
  if (auto n = smtp.optional_int("connections", 1, 64)) out.connections = static_cast<int>(*n);
  out.rate = smtp.optional_parsed("rate", core::parse_rate, "a rate like 20/s or 100/min");
  if (const auto wait = smtp.optional_parsed("reply_timeout", core::parse_duration,
                                             "a duration like 10m or 30s")) {
    out.reply_timeout = *wait;
  }
  return out;
}

InboxConfig parse_inbox(const MapReader& inbox, const std::filesystem::path& dir) {
  inbox.allow({"url", "tls", "ca_file", "username", "password_env", "password_file",
               "processed_folder", "soft_bounces", "soft_bounce_window"});
  InboxConfig out;
  out.url = inbox.string("url");
  if (!parse_url(out.url, Scheme{"imap", "imaps", 143, 993}, out, &out.folder) ||
      (!out.folder.empty() && !is_folder_name(out.folder))) {
    throw inbox.error("url", "expected imaps://host/INBOX (or imap://host:143/INBOX, STARTTLS)");
  }
  if (out.folder.empty()) out.folder = "INBOX";
  parse_access(inbox, dir, "imaps://", out);
  if (out.username.empty()) throw inbox.missing("username");
  if (const auto folder = inbox.optional_string("processed_folder")) {
    if (!is_folder_name(*folder) || *folder == out.folder) {
      throw inbox.error("processed_folder",
                        "expected another folder's name in ASCII, like Processed");
    }
    out.processed_folder = *folder;
  }
  if (auto n = inbox.optional_int("soft_bounces", 1, 1000)) out.soft_bounces = static_cast<int>(*n);
  if (auto d = inbox.optional_parsed("soft_bounce_window", core::parse_duration,
                                     "a duration like 30d")) {
    out.soft_bounce_window = *d;
  }
  return out;
}

std::string resolve_smtp_password(const SmtpConfig& smtp, const EnvLookup& env) {
  return resolve_password("smtp", smtp.password_env, smtp.password_file, env);
}

std::string resolve_inbox_password(const InboxConfig& inbox, const EnvLookup& env) {
  return resolve_password("inbox", inbox.password_env, inbox.password_file, env);
}

bool sends_to_mail_server(const Config& config) {
  return config.smtp && !is_loopback(config.smtp->host);
}

}  // namespace tsuikyaku::config
