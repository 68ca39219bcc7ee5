#pragma once

#include <filesystem>

#include "tsuikyaku/mail/transport.hpp"

// The transport when no `smtp:` is configured (SPEC §8.2): every message becomes a file
// in a Maildir, `outbox/new/NAME.eml`, that any mail client opens. Each file is written
// under a unique name (time, pid, counter, host: the Maildir convention) in `tmp/`,
// flushed to disk, and renamed into `new/`, so a reader never sees half a message and a
// crash leaves at most a stray file in `tmp/`. The outcome is `sent` with the file name
// as server_id. A folder that cannot be written is `unreachable`: the run stops and
// everything stays queued.

namespace tsuikyaku::mail {

class OutboxTransport final : public Transport {
 public:
  // `dir` is the Maildir (the workspace's outbox/); tmp/, new/ and cur/ are made on the
  // first delivery when missing.
  explicit OutboxTransport(std::filesystem::path dir) : m_dir(std::move(dir)) {}

  std::string_view name() const override { return "outbox"; }
  std::unique_ptr<Connection> open_connection() override;
  const std::filesystem::path& dir() const { return m_dir; }

 private:
  std::filesystem::path m_dir;
};

}  // namespace tsuikyaku::mail
