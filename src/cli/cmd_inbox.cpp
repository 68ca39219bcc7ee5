#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "commands.hpp"
#include "text_table.hpp"
#include "tsuikyaku/app/inbox.hpp"
#include "tsuikyaku/app/inbox_scan.hpp"

// `tsuikyaku inbox` and `tsuikyaku inbox scan PATH... [--json]` (docs/mailbox.md).

namespace tsuikyaku::cli {
namespace {

using json = nlohmann::ordered_json;

struct InboxOptions {
  std::vector<std::string> paths;
  bool json = false;
  CLI::App* scan = nullptr;
};

json null_if_empty(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

// "nobody@example.jp 5.1.1 hard": the recipients of one message, for the text table.
std::string recipients_text(const mailbox::Reading& reading) {
  std::string text;
  for (const mailbox::Recipient& recipient : reading.recipients) {
    if (!text.empty()) text += ", ";
    text += recipient.address;
    if (!recipient.status.empty()) text += " " + recipient.status;
    if (reading.kind == mailbox::Kind::bounce) text += recipient.hard ? " hard" : " soft";
  }
  return text;
}

core::ExitCode run_scan(Context& ctx, const InboxOptions& options) {
  const std::vector<app::ScannedMessage> scanned = app::scan_messages(options.paths);
  std::ostream& out = ctx.io().out;
  if (options.json) {
    json document{{"messages", json::array()}};
    for (const app::ScannedMessage& message : scanned) {
      json recipients = json::array();
      for (const mailbox::Recipient& recipient : message.reading.recipients) {
        recipients.push_back({{"address", recipient.address},
                              {"status", null_if_empty(recipient.status)},
                              {"reply", null_if_empty(recipient.reply)},
                              {"reason", recipient.reason},
                              {"hard", recipient.hard}});
      }
      const auto& id = message.reading.original_message_id;
      document["messages"].push_back({{"file", message.file},
                                      {"kind", mailbox::kind_name(message.reading.kind)},
                                      {"recipients", recipients},
                                      {"original_message_id", id ? json(*id) : json(nullptr)}});
    }
    out << document.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
    return core::ExitCode::ok;
  }
  TextTable table({{"file"}, {"kind"}, {"recipients"}});
  for (const app::ScannedMessage& message : scanned) {
    table.add_row({message.file, std::string(mailbox::kind_name(message.reading.kind)),
                   recipients_text(message.reading)});
  }
  if (!scanned.empty()) table.print(out);
  if (!ctx.global().quiet) {
    out << fmt::format("{} message{}\n", scanned.size(), scanned.size() == 1 ? "" : "s");
  }
  return core::ExitCode::ok;
}

std::string counted(int n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

core::ExitCode run_read(Context& ctx) {
  app::Workspace workspace = ctx.open_workspace();
  const app::InboxCounts c = app::read_inbox(
      workspace, [&ctx](std::string_view name) { return ctx.env(name); }, ctx.clock());
  if (ctx.global().quiet) return core::ExitCode::ok;
  std::ostream& out = ctx.io().out;
  if (c.uidvalidity_changed) {
    out << "The folder's UIDVALIDITY changed: it was read again from the start; messages "
           "read before were not handled twice.\n";
  }
  out << fmt::format(
      "inbox: {} read: {} ({} hard), {}, {}, {}, {}, {}; {} suppressed\n",
      counted(c.read, "message", "messages"), counted(c.bounces, "bounce", "bounces"), c.hard,
      counted(c.complaints, "complaint", "complaints"),
      counted(c.unsubscribes, "unsubscribe request", "unsubscribe requests"),
      counted(c.auto_replies, "auto reply", "auto replies"), counted(c.replies, "reply", "replies"),
      counted(c.other, "other", "other"), counted(c.suppressed, "address", "addresses"));
  return core::ExitCode::ok;
}

}  // namespace

Registered add_inbox(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<InboxOptions>();
  CLI::App* sub = app.add_subcommand(
      "inbox",
      "Read the shop's mailbox (inbox: in tsuikyaku.yaml) over IMAP: bounces, complaints, "
      "unsubscribe requests and replies; run it before send");
  sub->require_subcommand(0, 1);
  sub->footer(
      "A hard bounce suppresses the address (bounced) and marks its message failed; soft "
      "bounces do after inbox.soft_bounces within inbox.soft_bounce_window; a complaint "
      "suppresses (complained), an unsubscribe request too (unsubscribed). Handled mail is "
      "moved to inbox.processed_folder (or flagged \\Seen), never deleted. Exit 69 when the "
      "server cannot be reached, 78 when it refuses the login. See docs/mailbox.md.");
  options->scan = sub->add_subcommand(
      "scan", "Say what each message is (.eml files, folders of them, Maildirs); changes nothing");
  options->scan->add_option("path", options->paths, "Message files or folders")->required();
  options->scan->add_flag("--json", options->json, json_help());
  options->scan->footer(
      "Kinds: bounce, complaint, auto-reply, unsubscribe, reply, other. A bounce's recipient "
      "is hard when the address is dead (no such user or domain, moved); see docs/mailbox.md. "
      "Needs no workspace.");
  return {sub, [&ctx, options]() -> core::ExitCode {
            return options->scan->parsed() ? run_scan(ctx, *options) : run_read(ctx);
          }};
}

}  // namespace tsuikyaku::cli
