#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "commands.hpp"
#include "text_table.hpp"
#include "tsuikyaku/app/inbox_scan.hpp"

// `tsuikyaku inbox scan PATH... [--json]` (docs/mailbox.md).

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

}  // namespace

Registered add_inbox(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<InboxOptions>();
  CLI::App* sub = app.add_subcommand(
      "inbox", "Mail that came back: bounces, complaints, auto replies, unsubscribe requests");
  sub->require_subcommand(1);
  options->scan = sub->add_subcommand(
      "scan", "Say what each message is (.eml files, folders of them, Maildirs); changes nothing");
  options->scan->add_option("path", options->paths, "Message files or folders")->required();
  options->scan->add_flag("--json", options->json, "Print one JSON document (docs/json.md)");
  options->scan->footer(
      "Kinds: bounce, complaint, auto-reply, unsubscribe, reply, other. A bounce's recipient "
      "is hard when the address is dead (no such user or domain, moved); see docs/mailbox.md. "
      "Needs no workspace.");
  return {sub, [&ctx, options]() -> core::ExitCode { return run_scan(ctx, *options); }};
}

}  // namespace tsuikyaku::cli
