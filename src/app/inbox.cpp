#include "tsuikyaku/app/inbox.hpp"

#include <fmt/format.h>

#include <optional>

#include "tsuikyaku/core/email.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/mail/imap_client.hpp"
#include "tsuikyaku/mailbox/header.hpp"
#include "tsuikyaku/mailbox/message.hpp"
#include "tsuikyaku/mailbox/reading.hpp"
#include "tsuikyaku/mailbox/return_path.hpp"
#include "tsuikyaku/store/inbox.hpp"
#include "tsuikyaku/store/suppressions.hpp"

namespace tsuikyaku::app {
namespace {

using mailbox::Kind;

// The ledger row a message came back about: its return path's token (checked against the
// row's Message-ID), else the returned Message-ID. Never its From or To alone.
std::optional<store::SentMessage> ledger_row(store::Database& db, const config::Config& config,
                                             const mailbox::Message& message,
                                             const mailbox::Reading& reading) {
  if (!config.send.return_path.empty()) {
    for (const auto& token : mailbox::return_path_tokens(message, config.send.return_path)) {
      auto row = store::sent_message_by_id(db, token.ledger_id);
      if (row && !row->message_id.empty() &&
          mailbox::return_path_check(row->message_id) == token.check) {
        return row;
      }
    }
  }
  if (reading.original_message_id) {
    return store::sent_message_by_message_id(db, *reading.original_message_id);
  }
  return std::nullopt;
}

class Handler {
 public:
  Handler(Workspace& ws, core::Instant now, std::string folder, std::int64_t uidvalidity)
      : m_ws(ws), m_now(now), m_folder(std::move(folder)), m_uidvalidity(uidvalidity) {}

  // Returns false for a message left to a person (other).
  bool handle(std::int64_t uid, const std::string& bytes, InboxCounts& counts) {
    const mailbox::Message message = mailbox::parse_message(bytes);
    const mailbox::Reading reading = mailbox::read_message(message);
    const mailbox::Headers& headers = message.root.headers;
    store::InboxMessage base;
    base.folder = m_folder;
    base.uidvalidity = m_uidvalidity;
    base.uid = uid;
    base.message_id = mailbox::angle_addr(headers.get("Message-ID").value_or(""));
    base.kind = std::string(mailbox::kind_name(reading.kind));
    base.sender = headers.text("From");
    base.subject = headers.text("Subject");
    base.received_at = m_now;
    ++counts.read;
    // Read before (under another UIDVALIDITY, or copied back): filed away again, not counted.
    if (!base.message_id.empty() && store::inbox_has_read(m_ws.db, base.message_id)) {
      --counts.read;
      return reading.kind != Kind::other;
    }
    const auto row = ledger_row(m_ws.db, m_ws.config, message, reading);
    if (row) {
      base.ledger_id = row->id;
      ++counts.matched;
    }
    switch (reading.kind) {
      case Kind::bounce:
        ++counts.bounces;
        for (const mailbox::Recipient& r : reading.recipients) bounce(base, r, row, counts);
        if (reading.recipients.empty()) store::record_inbox_message(m_ws.db, base);
        return true;
      case Kind::complaint: {
        ++counts.complaints;
        const std::string address = row ? row->recipient : "";
        base.address = core::address_match_key(address);
        if (address.empty()) {
          ++counts.unmatched;
        } else {
          suppress(address, store::SuppressionReason::complained,
                   fmt::format("complaint {}", describe(base)), counts);
        }
        store::record_inbox_message(m_ws.db, base);
        return true;
      }
      case Kind::unsubscribe: {
        ++counts.unsubscribes;
        const auto from = core::parse_mailbox(headers.text("From"));
        if (from) {
          base.address = core::address_match_key(from->address);
          suppress(from->address, store::SuppressionReason::unsubscribed,
                   fmt::format("asked by mail {}", describe(base)), counts);
        }
        store::record_inbox_message(m_ws.db, base);
        return true;
      }
      case Kind::auto_reply:
        ++counts.auto_replies;
        store::record_inbox_message(m_ws.db, base);
        return true;
      case Kind::reply: {
        ++counts.replies;
        if (const auto from = core::parse_mailbox(headers.text("From"))) {
          base.address = core::address_match_key(from->address);
        }
        store::record_inbox_message(m_ws.db, base);
        return true;
      }
      case Kind::other:
        break;
    }
    ++counts.other;
    store::record_inbox_message(m_ws.db, base);
    return false;
  }

 private:
  // "<Message-ID> (UID 7)": which message is the evidence.
  static std::string describe(const store::InboxMessage& m) {
    return m.message_id.empty() ? fmt::format("(UID {})", m.uid)
                                : fmt::format("<{}>", m.message_id);
  }

  void suppress(const std::string& address, store::SuppressionReason reason,
                const std::string& detail, InboxCounts& counts) {
    const bool known = store::find_suppression(m_ws.db, address).has_value();
    store::suppress(m_ws.db, {address, reason, detail, "inbox"}, m_now);
    if (!known) ++counts.suppressed;
  }

  void bounce(store::InboxMessage entry, const mailbox::Recipient& r,
              const std::optional<store::SentMessage>& row, InboxCounts& counts) {
    // The address we mailed: the row's the bounce leads to (a forwarded address may be
    // what failed). A bounce that leads to no row suppresses nobody: anyone can write one.
    const std::string address = row ? row->recipient : "";
    entry.address = core::address_match_key(address.empty() ? r.address : address);
    entry.hard = r.hard;
    entry.status = r.status;
    entry.detail = r.reason;
    if (r.hard) ++counts.hard;
    store::record_inbox_message(m_ws.db, entry);
    if (address.empty()) {
      ++counts.unmatched;
      return;
    }
    const std::string said = fmt::format("{} {} in bounce {}", r.status.empty() ? "-" : r.status,
                                         r.reason, describe(entry));
    if (r.hard) {
      suppress(address, store::SuppressionReason::bounced, said, counts);
      if (row) store::mark_bounced_later(m_ws.db, row->id, r.status, "bounced: " + said, m_now);
      return;
    }
    const config::InboxConfig& inbox = *m_ws.config.inbox;
    const std::int64_t soft = store::soft_bounces_since(m_ws.db, core::address_match_key(address),
                                                        m_now - inbox.soft_bounce_window);
    if (soft >= inbox.soft_bounces) {
      suppress(address, store::SuppressionReason::bounced,
               fmt::format("{} soft bounces within {} days, the last {}", soft,
                           inbox.soft_bounce_window.count() / 86400, said),
               counts);
    }
  }

  Workspace& m_ws;
  core::Instant m_now;
  std::string m_folder;
  std::int64_t m_uidvalidity;
};

}  // namespace

InboxCounts read_inbox(Workspace& workspace, const config::EnvLookup& env,
                       const core::Clock& clock) {
  const config::Config& config = workspace.config;
  if (!config.inbox) {
    throw core::Error(core::ErrorKind::config,
                      fmt::format("{}: no inbox: block; add one with url, username and "
                                  "password_env (docs/mailbox.md)",
                                  config.display_name));
  }
  const config::InboxConfig& inbox = *config.inbox;
  mail::ImapClient client(inbox, config::resolve_inbox_password(inbox, env));
  const std::string folder = fmt::format("{}:{}/{}", inbox.host, inbox.port, inbox.folder);
  const mail::FolderStatus status = client.status();
  InboxCounts counts;
  store::FolderMark mark{status.uidvalidity, 0};
  if (const auto known = store::folder_mark(workspace.db, folder)) {
    // A new UIDVALIDITY numbers the folder afresh: read it from the start; what was read
    // before is known by its Message-ID.
    if (known->uidvalidity == status.uidvalidity) {
      mark = *known;
    } else {
      counts.uidvalidity_changed = true;
    }
  }
  Handler handler(workspace, clock.now(), folder, status.uidvalidity);
  for (const std::int64_t uid : client.uids_after(mark.last_uid)) {
    const std::string bytes = client.fetch(uid);
    if (handler.handle(uid, bytes, counts)) {
      client.file_away(uid);
    } else {
      client.mark_unseen(uid);
    }
    mark.last_uid = uid;
    store::set_folder_mark(workspace.db, folder, mark, clock.now());
  }
  store::set_folder_mark(workspace.db, folder, mark, clock.now());
  return counts;
}

}  // namespace tsuikyaku::app
