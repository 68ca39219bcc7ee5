#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/store/database.hpp"

// What `tsuikyaku inbox` has read (docs/mailbox.md): the last UID of each folder under
// its UIDVALIDITY, and every message read, for soft bounces over time, the replies
// `status` lists, and a rerun that must not handle a message twice.

namespace tsuikyaku::store {

struct FolderMark {
  std::int64_t uidvalidity = 0;
  std::int64_t last_uid = 0;
};

std::optional<FolderMark> folder_mark(Database& db, std::string_view folder);
void set_folder_mark(Database& db, std::string_view folder, const FolderMark& mark,
                     core::Instant now);

struct InboxMessage {
  std::string folder;
  std::int64_t uidvalidity = 0;
  std::int64_t uid = 0;
  std::string message_id;  // of the message that came in; empty when it has none
  std::string kind;        // mailbox::kind_name
  std::string address;     // empty when none
  bool hard = false;
  std::string status;
  std::string detail;
  std::string sender;
  std::string subject;
  std::optional<std::int64_t> ledger_id;
  core::Instant received_at;
};

void record_inbox_message(Database& db, const InboxMessage& message);

// True when a message with this Message-ID was read before (whatever its folder or UID).
bool inbox_has_read(Database& db, std::string_view message_id);

// Soft bounces of an address (match-key form) that led to a ledger row, read at or after
// since.
std::int64_t soft_bounces_since(Database& db, std::string_view address, core::Instant since);

// The customers' replies read, newest first, at most limit.
std::vector<InboxMessage> inbox_replies(Database& db, std::int64_t limit);
std::int64_t count_inbox_replies(Database& db);

// A ledger row that a message came back about.
struct SentMessage {
  std::int64_t id = 0;
  std::string recipient;
  std::string message_id;
  std::string state;
};
std::optional<SentMessage> sent_message_by_id(Database& db, std::int64_t id);
std::optional<SentMessage> sent_message_by_message_id(Database& db, std::string_view message_id);

// A sent message that bounced afterwards: `failed`, with the status and what the bounce
// said, as a bounce at RCPT time leaves it. Rows in other states are left alone.
void mark_bounced_later(Database& db, std::int64_t id, std::string_view status,
                        std::string_view error, core::Instant now);

}  // namespace tsuikyaku::store
