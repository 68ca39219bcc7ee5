#pragma once

// A real SMTP server for the integration tests: tests/integration/smtp_test_server.py
// (aiosmtpd) on 127.0.0.1 and a free port, with STARTTLS and a self-signed certificate
// made with openssl for the test run, AUTH PLAIN/LOGIN with a known user, and answers
// chosen per recipient (see the script). It records every message it accepts, so a
// test can check that each arrived once and unchanged, and over how many connections.
//
// A test of the command line writes server.config_yaml() into its tsuikyaku.yaml and
// passes server.env() to run_cli.

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "support.hpp"
#include "tsuikyaku/config/config.hpp"

namespace tsuikyaku::testing {

struct SmtpServerOptions {
  bool starttls = true;                  // offer and require STARTTLS
  bool implicit_tls = false;             // smtps:// instead
  std::string user = "shop@kaede.test";  // empty: no AUTH
  std::string password = "Kaede-Secret-4711";
  bool refuse_auth = false;                  // 535 5.7.8 to every AUTH
  std::map<std::string, std::string> rules;  // recipient -> behaviour ("rcpt:550 5.1.1 …")
  std::string default_behaviour = "accept";
  std::optional<int> close_421_after;  // 421 to the MAIL after N messages on a connection
  std::string stall_at;  // "greeting", "ehlo", "mail", "rcpt", "data", "dot" (after the
                         // data's final dot): silent there (empty: never)
};

struct ReceivedMessage {
  int connection = 0;  // 1, 2, … in the order the server accepted them
  std::string mail_from;
  std::vector<std::string> rcpt_tos;
  bool tls = false;
  std::string user;  // the AUTH user, empty without AUTH
  double at = 0;     // when the server had it (Unix seconds)
  std::string data;  // the bytes as received, after dot-unstuffing
};

class SmtpTestServer {
 public:
  explicit SmtpTestServer(SmtpServerOptions options = {});
  ~SmtpTestServer();
  SmtpTestServer(const SmtpTestServer&) = delete;
  SmtpTestServer& operator=(const SmtpTestServer&) = delete;

  int port() const { return m_port; }
  const SmtpServerOptions& options() const { return m_options; }
  // The server's certificate, to be given as smtp.ca_file.
  static const std::filesystem::path& ca_file();
  // smtp://127.0.0.1:PORT, or smtps:// with implicit TLS.
  std::string url() const;
  // The settings a client of this server uses (the password comes from env()).
  config::SmtpConfig smtp_config() const;
  // The `smtp:` block of a tsuikyaku.yaml for this server.
  std::string config_yaml() const;
  // The environment that holds the password: TSUIKYAKU_SMTP_PASSWORD.
  std::map<std::string, std::string> env() const;

  std::vector<ReceivedMessage> messages() const;
  int connections() const;                    // TCP connections accepted so far
  std::vector<std::string> commands() const;  // "EHLO", "MAIL a@b", "RCPT c@d" in order
  bool stalled() const;                       // it has gone silent at options().stall_at

 private:
  SmtpServerOptions m_options;
  TempDir m_dir;
  pid_t m_pid = -1;
  int m_port = 0;
};

// A port on 127.0.0.1 that nothing listens on (bound, then closed).
int closed_port();

// Runs a program with arguments, waits, returns its exit status (-1 when it died).
int run_program(const std::vector<std::string>& argv);

// A fresh self-signed certificate and key for CN=localhost, 127.0.0.1, in dir.
void make_certificate(const std::filesystem::path& dir);

}  // namespace tsuikyaku::testing
