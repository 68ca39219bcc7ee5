#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tsuikyaku/config/config.hpp"

// The shop's mailbox over IMAP through libcurl (docs/mailbox.md): the folder's
// UIDVALIDITY, the UIDs after the last one read, each message's bytes, and moving or
// flagging what was handled. Never deletes. Throws core::Error: unavailable (69) when the
// server cannot be reached or TLS fails, config (78) when the login is refused; no message
// ever holds the password.

namespace tsuikyaku::mail {

struct FolderStatus {
  std::int64_t uidvalidity = 0;
  std::int64_t uidnext = 0;
};

class ImapClient {
 public:
  ImapClient(const config::InboxConfig& inbox, std::string password);
  ~ImapClient();
  ImapClient(const ImapClient&) = delete;
  ImapClient& operator=(const ImapClient&) = delete;

  FolderStatus status();
  // The UIDs greater than after, in order.
  std::vector<std::int64_t> uids_after(std::int64_t after);
  std::string fetch(std::int64_t uid);
  // UID MOVE to processed_folder (created when missing), or \Seen without one.
  void file_away(std::int64_t uid);
  // \Seen taken off again (fetching set it): for a message left to a person.
  void mark_unseen(std::int64_t uid);

 private:
  std::string run(const std::string& url, const std::string& command);
  struct Curl;
  const config::InboxConfig& m_inbox;
  std::string m_password;
  std::string m_base;    // imaps://host:port/
  std::string m_folder;  // the folder's URL
  std::unique_ptr<Curl> m_curl;
  bool m_created = false;
};

}  // namespace tsuikyaku::mail
