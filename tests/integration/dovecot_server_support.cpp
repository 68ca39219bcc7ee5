#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

#include "dovecot_server.hpp"
#include "smtp_server.hpp"

extern char** environ;

namespace tsuikyaku::testing {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_dovecot = "/usr/sbin/dovecot";

bool accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

std::string user_name(uid_t uid) {
  const passwd* entry = ::getpwuid(uid);
  REQUIRE(entry != nullptr);
  return entry->pw_name;
}

}  // namespace

DovecotServer::DovecotServer() {
  REQUIRE(fs::exists(k_dovecot));  // scripts/deps installs dovecot-imapd
  const bool root = ::geteuid() == 0;
  std::string login_user = user_name(::geteuid());
  m_uid = ::geteuid();
  m_gid = ::getegid();
  if (root) {
    const passwd* mail = ::getpwnam("dovecot");
    REQUIRE(mail != nullptr);
    m_uid = mail->pw_uid;
    m_gid = mail->pw_gid;
    login_user = "dovenull";
    fs::permissions(m_dir.path(), fs::perms::owner_all | fs::perms::group_read |
                                      fs::perms::group_exec | fs::perms::others_read |
                                      fs::perms::others_exec);
  }
  m_port = closed_port();
  const fs::path cert = SmtpTestServer::ca_file();
  const fs::path dir = m_dir.path();
  fs::create_directories(dir / "run");
  fs::create_directories(dir / "home");
  own(dir / "home");
  for (const char* sub : {"cur", "new", "tmp"}) {
    fs::create_directories(maildir("INBOX") / sub);
  }
  own(dir / "home");
  write_file(dir / "users", std::string(k_user) + ":{PLAIN}" + k_password + "::::\n");
  write_file(dir / "dovecot.conf",
             "base_dir = " + (dir / "run").string() + "\nstate_dir = " + (dir / "run").string() +
                 "\nprotocols = imap\nlisten = 127.0.0.1\n"
                 "service imap-login {\n  chroot =\n  inet_listener imap {\n    port = 0\n  }\n"
                 "  inet_listener imaps {\n    port = " +
                 std::to_string(m_port) +
                 "\n    ssl = yes\n  }\n}\nservice anvil {\n  chroot =\n}\n"
                 "ssl = required\nssl_cert = <" +
                 cert.string() + "\nssl_key = <" + (cert.parent_path() / "key.pem").string() +
                 "\nlog_path = " + (dir / "dovecot.log").string() +
                 "\nauth_mechanisms = plain login\n"
                 "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN " +
                 (dir / "users").string() +
                 "\n}\nuserdb {\n  driver = static\n  args = uid=" + std::to_string(m_uid) +
                 " gid=" + std::to_string(m_gid) + " home=" + (dir / "home").string() +
                 "\n}\nmail_location = maildir:" + (dir / "home/Maildir").string() +
                 "\nmail_fsync = never\nfirst_valid_uid = 1\nfirst_valid_gid = 1\n"
                 "default_login_user = " +
                 login_user + "\ndefault_internal_user = " + user_name(::geteuid()) + "\n");
  const std::string conf = (dir / "dovecot.conf").string();
  std::vector<std::string> argv{k_dovecot, "-F", "-c", conf};
  std::vector<char*> args;
  for (auto& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  REQUIRE(::posix_spawn(&m_pid, k_dovecot, nullptr, nullptr, args.data(), environ) == 0);
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds{20};
  while (!accepts(m_port)) {
    if (std::chrono::steady_clock::now() > until) {
      FAIL("Dovecot did not start; its log:\n" + read_file(dir / "dovecot.log"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }
}

DovecotServer::~DovecotServer() {
  if (m_pid > 0) {
    ::kill(m_pid, SIGTERM);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
  }
}

std::string DovecotServer::config_yaml(const std::string& processed_folder) const {
  std::string yaml = "inbox:\n  url: imaps://127.0.0.1:" + std::to_string(m_port) +
                     "/INBOX\n  username: " + k_user +
                     "\n  password_env: TSUIKYAKU_IMAP_PASSWORD\n  ca_file: " +
                     SmtpTestServer::ca_file().string() + "\n";
  if (!processed_folder.empty()) yaml += "  processed_folder: " + processed_folder + "\n";
  return yaml;
}

std::map<std::string, std::string> DovecotServer::env() const {
  return {{"TSUIKYAKU_IMAP_PASSWORD", k_password}};
}

fs::path DovecotServer::maildir(const std::string& folder) const {
  const fs::path root = m_dir.path() / "home/Maildir";
  return folder == "INBOX" ? root : root / ("." + folder);
}

void DovecotServer::own(const fs::path& path) const {
  if (::geteuid() != 0) return;
  REQUIRE(::chown(path.c_str(), m_uid, m_gid) == 0);
  if (fs::is_directory(path)) {
    for (const auto& entry : fs::recursive_directory_iterator(path)) {
      REQUIRE(::chown(entry.path().c_str(), m_uid, m_gid) == 0);
    }
  }
}

void DovecotServer::deliver(const std::string& bytes, const std::string& folder) {
  const fs::path file =
      maildir(folder) / "new" / ("1700000000." + std::to_string(++m_delivered) + ".test:2,");
  write_file(file, bytes);
  own(file);
}

std::vector<std::string> DovecotServer::messages(const std::string& folder) const {
  std::vector<std::string> out;
  for (const char* sub : {"cur", "new"}) {
    const fs::path dir = maildir(folder) / sub;
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) out.push_back(read_file(entry.path()));
  }
  return out;
}

void DovecotServer::renumber(const std::string& folder) {
  const fs::path dir = maildir(folder);
  const fs::path list = dir / "dovecot-uidlist";
  std::string text = read_file(list);
  const std::regex validity(R"(^(\d+) V(\d+))");
  std::smatch match;
  REQUIRE(std::regex_search(text, match, validity));
  const long next = std::stol(match[2].str()) + 1;
  text = match[1].str() + " V" + std::to_string(next) +
         text.substr(static_cast<std::size_t>(match[0].length()));
  write_file(list, text);
  own(list);
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().starts_with("dovecot.index")) fs::remove(entry.path());
  }
}

}  // namespace tsuikyaku::testing
