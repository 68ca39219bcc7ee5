#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "tsuikyaku/mailbox/reading.hpp"

// `tsuikyaku inbox scan PATH...` (docs/mailbox.md): reads messages from files and folders
// and says what each is. Changes nothing and needs no workspace.

namespace tsuikyaku::app {

// How much of one file is read: a longer message is read up to here (a bounce's report is
// at its start; what is cut is the tail of a returned attachment).
inline constexpr std::size_t k_max_message_bytes = 64 * 1024 * 1024;

struct ScannedMessage {
  std::string file;  // as core::display_path names it
  mailbox::Reading reading;
};

// The files PATHS name: a file as given; a folder's files in name order, skipping names
// that start with "."; a Maildir (a folder with cur/ or new/) its cur/ and new/ files.
// A path that does not exist or cannot be read is a core::Error (no_input).
std::vector<std::string> message_files(const std::vector<std::string>& paths);

// Each file read and judged, in the order of message_files.
std::vector<ScannedMessage> scan_messages(const std::vector<std::string>& paths);

}  // namespace tsuikyaku::app
