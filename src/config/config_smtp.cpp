#include <fmt/format.h>
#include <sys/stat.h>

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

// smtp://host[:port] or smtps://host[:port]; an IPv6 host in brackets.
bool parse_url(std::string_view url, SmtpConfig& out) {
  std::string_view rest;
  if (core::starts_with(url, "smtp://")) {
    rest = url.substr(7);
    out.implicit_tls = false;
    out.port = 587;
  } else if (core::starts_with(url, "smtps://")) {
    rest = url.substr(8);
    out.implicit_tls = true;
    out.port = 465;
  } else {
    return false;
  }
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
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

}  // namespace

SmtpConfig parse_smtp(const MapReader& smtp, const std::filesystem::path& dir) {
  smtp.allow({"url", "tls", "ca_file", "username", "password_env", "password_file", "connections",
              "rate"});
  SmtpConfig out;
  out.url = smtp.string("url");
  if (!parse_url(out.url, out)) {
    throw smtp.error("url", "expected smtp://host:port (STARTTLS) or smtps://host:port");
  }
  if (const auto tls = smtp.optional_string("tls")) {
    if (*tls == "none") {
      out.tls = TlsMode::none;
    } else if (*tls != "required") {
      throw smtp.error("tls", "expected required or none");
    }
  }
  if (out.tls == TlsMode::none && out.implicit_tls) {
    throw smtp.error("tls", "none contradicts smtps://, which is always TLS");
  }
  if (out.tls == TlsMode::none && !is_loopback(out.host)) {
    throw smtp.error("tls", fmt::format("none is allowed only for a loopback host (localhost, "
                                        "127.0.0.1, ::1), not {}",
                                        out.host));
  }
  if (const auto ca = smtp.optional_string("ca_file")) out.ca_file = dir / *ca;
  out.username = smtp.optional_string("username").value_or("");
  out.password_env = smtp.optional_string("password_env").value_or("");
  if (const auto file = smtp.optional_string("password_file")) out.password_file = dir / *file;
  if (!out.password_env.empty() && !out.password_file.empty()) {
    throw smtp.error("password_file", "give password_env or password_file, not both");
  }
  const bool has_password = !out.password_env.empty() || !out.password_file.empty();
  if (!out.username.empty() && !has_password) {
    throw smtp.error("username", "needs password_env or password_file as well");
  }
  if (out.username.empty() && has_password) {
    throw smtp.error(out.password_env.empty() ? "password_file" : "password_env",
                     "needs username as well");
  }
  if (auto n = smtp.optional_int("connections", 1, 64)) out.connections = static_cast<int>(*n);
  out.rate = smtp.optional_parsed("rate", core::parse_rate, "a rate like 20/s or 100/min");
  return out;
}

std::string resolve_smtp_password(const SmtpConfig& smtp, const EnvLookup& env) {
  if (!smtp.password_env.empty()) {
    const auto value = env(smtp.password_env);
    if (!value || value->empty()) {
      throw core::Error(core::ErrorKind::config,
                        fmt::format("smtp.password_env: the environment variable {} is not set",
                                    smtp.password_env));
    }
    return *value;
  }
  if (smtp.password_file.empty()) return {};
  const std::string name = core::display_path(smtp.password_file);
  struct stat info {};
  if (::stat(smtp.password_file.c_str(), &info) != 0) {
    throw core::Error(core::ErrorKind::config,
                      fmt::format("smtp.password_file: cannot read {}", name));
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    throw core::Error(
        core::ErrorKind::config,
        fmt::format("smtp.password_file: {} is open to other users; run chmod 600 {}", name, name));
  }
  std::ifstream in(smtp.password_file, std::ios::binary);
  std::string password;
  if (!in || !std::getline(in, password)) {
    throw core::Error(core::ErrorKind::config,
                      fmt::format("smtp.password_file: cannot read {}", name));
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) {
    throw core::Error(core::ErrorKind::config,
                      fmt::format("smtp.password_file: {} is empty", name));
  }
  return password;
}

bool sends_to_mail_server(const Config& config) {
  return config.smtp && !is_loopback(config.smtp->host);
}

}  // namespace tsuikyaku::config
