#pragma once

#include <filesystem>
#include <string>

#include "tsuikyaku/core/time.hpp"

// One `send` at a time per database (SPEC §8.1), and the identity of a run, by which
// the ledger tells `sending` rows of a dead run from those of a live one.
//
// The lock is an flock() on a file beside the database, `<database>.send-lock`, where
// <database> is the path with every symlink resolved (a symlinked database or workspace
// folder reaches the same lock; a bind-mounted folder holds the same lock file), held for
// the life of the SendLock; with it, two record locks that the kernel ties to the file
// itself (open-file-description locks): one on the lock file, which `status` can ask about
// without taking it, and one on a byte of the database file that SQLite never locks, so
// that another name of the same database file (a hard link, a bind mount of the file
// alone) is the same lock. The lock file also records the database file's device and
// inode (`database=DEV:INO`), for a person who compares two paths. The kernel drops it when the
// process ends, however it ends, so a lock left by a dead process is taken over by construction. It
// is a separate file because SQLite itself locks the database and its -wal/-shm files with POSIX
// record locks, which a process drops when it closes any descriptor of the file, and which NFS may
// map flock() onto. The file is never deleted: unlinking it while another process waits on it would
// let two runs hold two different files.
//
// A database on a network share: Linux NFS clients lock with the server's lock manager,
// so the lock holds between machines; SMB and others may lock per machine only. SQLite's
// WAL mode needs the database on a local disk anyway (its -shm file is shared memory),
// so docs/sending.md says to keep the database local.

namespace tsuikyaku::store {

// Who runs: the process id, its start (the boot id and the start time in clock ticks
// since boot, from /proc) and the host. A pid alone is reused; pid + start is not.
struct RunIdentity {
  int pid = 0;
  std::string host;
  std::string process_start;  // "<boot id>:<start ticks>"
};

RunIdentity current_run_identity();

// Whether the process of `run` is still running. A run of another host counts as alive:
// nothing here can tell, and the send lock keeps two hosts from sending anyway.
bool is_alive(const RunIdentity& run);

// Whether `run` ran since the machine last started, by the kernel's boot id, not the host
// name (a container restarted on the same boot gets a new one); false when no boot id can
// be read, so its rows are taken for a run of an earlier boot (`unknown`, never resent). What a
// process of this boot committed is in the file, even if the process was killed; a run of an
// earlier boot may have lost its last commits that were not written through to the disk.
bool ran_since_boot(const RunIdentity& run);

// Whether a send holds the lock of a database, asked without taking it.
enum class LockProbe {
  free,         // no send runs on it
  held,         // one does
  cannot_tell,  // the lock cannot be asked about (an unreadable file, no record locks)
};

class SendLock {
 public:
  // Whether a send holds the lock of the database at `database` now.
  static LockProbe probe(const std::filesystem::path& database);

  // Takes the lock of the database at `database`, or throws core::Error (temp_fail,
  // exit 75) at once when another process holds it, naming that process, its host and
  // since when (local time in `zone`); a holder that has only just taken the lock is given
  // up to half a second to write who it is. `now` is recorded as the moment it was taken.
  static SendLock acquire(const std::filesystem::path& database, core::Instant now,
                          const core::TimeZone& zone);

  SendLock(SendLock&& other) noexcept;
  SendLock& operator=(SendLock&& other) noexcept;
  SendLock(const SendLock&) = delete;
  SendLock& operator=(const SendLock&) = delete;
  ~SendLock();

  const std::filesystem::path& path() const { return m_path; }

 private:
  SendLock(int fd, std::filesystem::path path) : m_fd(fd), m_path(std::move(path)) {}
  void release() noexcept;

  int m_fd = -1;
  int m_database_fd = -1;  // the process's descriptor of the database file, never closed
  std::filesystem::path m_path;
};

}  // namespace tsuikyaku::store
