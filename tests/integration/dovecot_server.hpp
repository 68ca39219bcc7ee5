#pragma once

// A real IMAP server for the integration tests: Debian's Dovecot (dovecot-imapd) started
// by the test on 127.0.0.1 and a free port, with implicit TLS on the certificate the SMTP
// tests make, one user with a password (passdb passwd-file) and a Maildir in a temporary
// folder. It runs as the current user from its own config (dovecot -c), touching nothing
// in /etc; as root its mail processes run as Debian's dovecot user and its login processes
// as dovenull, since Dovecot runs neither as root.

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support.hpp"

namespace tsuikyaku::testing {

class DovecotServer {
 public:
  DovecotServer();
  ~DovecotServer();
  DovecotServer(const DovecotServer&) = delete;
  DovecotServer& operator=(const DovecotServer&) = delete;

  static constexpr const char* k_user = "shop";
  static constexpr const char* k_password = "Imap-Secret-9137";

  int port() const { return m_port; }
  // The `inbox:` block of a tsuikyaku.yaml for this server, with this processed_folder.
  std::string config_yaml(const std::string& processed_folder = "Processed") const;
  // The environment that holds the password: TSUIKYAKU_IMAP_PASSWORD.
  std::map<std::string, std::string> env() const;

  // Puts a message into a folder (INBOX, or a folder's name) as a mail server delivers it.
  void deliver(const std::string& bytes, const std::string& folder = "INBOX");
  // The messages in a folder, cur/ and new/ together.
  std::vector<std::string> messages(const std::string& folder = "INBOX") const;
  // Gives the folder a new UIDVALIDITY, as when a mailbox is recreated.
  void renumber(const std::string& folder = "INBOX");

 private:
  std::filesystem::path maildir(const std::string& folder) const;
  void own(const std::filesystem::path& path) const;
  TempDir m_dir;
  pid_t m_pid = -1;
  int m_port = 0;
  uid_t m_uid = 0;
  gid_t m_gid = 0;
  int m_delivered = 0;
};

}  // namespace tsuikyaku::testing
