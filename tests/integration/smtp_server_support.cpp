#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "smtp_server.hpp"

extern char** environ;

namespace tsuikyaku::testing {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr auto k_start_timeout = std::chrono::seconds{20};
constexpr const char* k_python = "/usr/bin/python3";  // Debian's, with python3-aiosmtpd

pid_t spawn(const std::vector<std::string>& argv, const fs::path& output) {
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(rc == 0);
  return pid;
}

std::vector<json> read_log(const fs::path& file) {
  std::vector<json> events;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (json::accept(line)) events.push_back(json::parse(line));
  }
  return events;
}

// Made once per test run: every server of the run shares one certificate.
struct Certificate {
  TempDir dir;
  Certificate() { make_certificate(dir.path()); }
};

}  // namespace

int run_program(const std::vector<std::string>& argv) {
  const TempDir dir;
  const pid_t pid = spawn(argv, dir / "output");
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  if (!WIFEXITED(status)) return -1;
  if (WEXITSTATUS(status) != 0) UNSCOPED_INFO(argv[0] << ": " << read_file(dir / "output"));
  return WEXITSTATUS(status);
}

void make_certificate(const fs::path& dir) {
  const int rc =
      run_program({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                   "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", (dir / "key.pem").string(),
                   "-out", (dir / "cert.pem").string(), "-days", "2", "-subj", "/CN=localhost",
                   "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"});
  REQUIRE(rc == 0);
}

int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), length) == 0);
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  ::close(fd);
  return ntohs(address.sin_port);
}

const fs::path& SmtpTestServer::ca_file() {
  static const Certificate certificate;
  static const fs::path path = certificate.dir / "cert.pem";
  return path;
}

SmtpTestServer::SmtpTestServer(SmtpServerOptions options) : m_options(std::move(options)) {
  const fs::path script = source_dir() / "tests/integration/smtp_test_server.py";
  std::vector<std::string> argv{k_python,      script.string(),
                                "--dir",       m_dir.path().string(),
                                "--port-file", (m_dir / "port").string()};
  if (m_options.starttls || m_options.implicit_tls) {
    const fs::path dir = ca_file().parent_path();
    argv.insert(argv.end(),
                {"--cert", (dir / "cert.pem").string(), "--key", (dir / "key.pem").string()});
  }
  if (m_options.implicit_tls) argv.emplace_back("--implicit-tls");
  if (!m_options.user.empty()) {
    argv.insert(argv.end(), {"--user", m_options.user, "--password", m_options.password});
  }
  if (m_options.refuse_auth) argv.emplace_back("--refuse-auth");
  for (const auto& [address, behaviour] : m_options.rules) {
    argv.insert(argv.end(), {"--rule", address + "=" + behaviour});
  }
  argv.insert(argv.end(), {"--default", m_options.default_behaviour});
  if (m_options.close_421_after) {
    argv.insert(argv.end(), {"--close-421-after", std::to_string(*m_options.close_421_after)});
  }
  if (!m_options.stall_at.empty()) argv.insert(argv.end(), {"--stall-at", m_options.stall_at});
  m_pid = spawn(argv, m_dir / "server.log");
  const auto deadline = std::chrono::steady_clock::now() + k_start_timeout;
  while (!fs::exists(m_dir / "port")) {
    int status = 0;
    if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      FAIL("the test SMTP server did not start: " << read_file(m_dir / "server.log"));
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(m_pid, SIGKILL);
      ::waitpid(m_pid, &status, 0);
      m_pid = -1;
      FAIL("the test SMTP server did not listen: " << read_file(m_dir / "server.log"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
  m_port = std::stoi(read_file(m_dir / "port"));
}

SmtpTestServer::~SmtpTestServer() {
  if (m_pid <= 0) return;
  ::kill(m_pid, SIGTERM);
  int status = 0;
  ::waitpid(m_pid, &status, 0);
}

std::string SmtpTestServer::url() const {
  return (m_options.implicit_tls ? "smtps://127.0.0.1:" : "smtp://127.0.0.1:") +
         std::to_string(m_port);
}

config::SmtpConfig SmtpTestServer::smtp_config() const {
  config::SmtpConfig smtp;
  smtp.url = url();
  smtp.implicit_tls = m_options.implicit_tls;
  smtp.host = "127.0.0.1";
  smtp.port = m_port;
  smtp.tls = m_options.starttls || m_options.implicit_tls ? config::TlsMode::required
                                                          : config::TlsMode::none;
  smtp.ca_file = ca_file();
  smtp.username = m_options.user;
  if (!m_options.user.empty()) smtp.password_env = "TSUIKYAKU_SMTP_PASSWORD";
  return smtp;
}

std::string SmtpTestServer::config_yaml() const {
  std::string text = "smtp:\n  url: " + url() + "\n";
  if (!m_options.starttls && !m_options.implicit_tls) text += "  tls: none\n";
  text += "  ca_file: " + ca_file().string() + "\n";
  if (!m_options.user.empty()) {
    text += "  username: " + m_options.user + "\n  password_env: TSUIKYAKU_SMTP_PASSWORD\n";
  }
  return text;
}

std::map<std::string, std::string> SmtpTestServer::env() const {
  return {{"TSUIKYAKU_SMTP_PASSWORD", m_options.password}};
}

std::vector<ReceivedMessage> SmtpTestServer::messages() const {
  std::vector<ReceivedMessage> out;
  for (const json& event : read_log(m_dir / "log.jsonl")) {
    if (event["event"] != "message") continue;
    ReceivedMessage message;
    message.connection = event["connection"];
    message.mail_from = event["mail_from"];
    message.rcpt_tos = event["rcpt_tos"].get<std::vector<std::string>>();
    message.tls = event["tls"];
    message.user = event["user"].is_null() ? "" : event["user"].get<std::string>();
    message.at = event["at"];
    message.data = read_file(m_dir / "messages" / event["file"].get<std::string>());
    out.push_back(std::move(message));
  }
  return out;
}

int SmtpTestServer::connections() const {
  int count = 0;
  for (const json& event : read_log(m_dir / "log.jsonl")) count += event["event"] == "connect";
  return count;
}

std::vector<std::string> SmtpTestServer::commands() const {
  std::vector<std::string> out;
  for (const json& event : read_log(m_dir / "log.jsonl")) {
    if (event["event"] != "command") continue;
    std::string command = event["command"];
    if (event.contains("arg")) command += " " + event["arg"].get<std::string>();
    out.push_back(std::move(command));
  }
  return out;
}

bool SmtpTestServer::stalled() const {
  const auto events = read_log(m_dir / "log.jsonl");
  return std::any_of(events.begin(), events.end(),
                     [](const json& event) { return event["event"] == "stall"; });
}

}  // namespace tsuikyaku::testing
