#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "commands.hpp"
#include "json_fields.hpp"
#include "text_table.hpp"
#include "tsuikyaku/app/status.hpp"
#include "tsuikyaku/core/i18n.hpp"

// `tsuikyaku status [--json]` (SPEC §9, §11): what the ledger holds, what needs a person.

namespace tsuikyaku::cli {
namespace {

using Align = TextTable::Align;
using store::MessageState;

// The human listing shows this many rows that need attention; --json shows them all.
constexpr std::size_t k_attention_shown = 50;

json states_json(const app::StateCounts& states) {
  json out = json::object();
  for (const MessageState state : store::k_message_states) {
    out[std::string(store::to_string(state))] = states[state];
  }
  return out;
}

std::string_view to_string(app::RunState state) {
  switch (state) {
    case app::RunState::finished:
      return "finished";
    case app::RunState::running:
      return "running";
    case app::RunState::died:
      return "died";
  }
  return "finished";
}

std::string_view to_string(app::SendingState state) {
  switch (state) {
    case app::SendingState::running:
      return "running";
    case app::SendingState::ended:
      return "ended";
    case app::SendingState::cannot_tell:
      return "cannot_tell";
  }
  return "running";
}

// The state of the last send for a person ("finished"); --json has to_string's.
const char* run_state_label(app::RunState state) {
  switch (state) {
    case app::RunState::finished:
      return core::tr("finished");
    case app::RunState::running:
      return core::tr("running");
    case app::RunState::died:
      return core::tr("died");
  }
  return core::tr("finished");
}

// The `sending` rows a person must know of: those no running send holds.
bool sending_stuck(const app::StatusResult& status) {
  return !status.sending.empty() && status.sending_state != app::SendingState::running;
}

json row_json(const store::AttentionRow& row, const core::TimeZone& zone) {
  json entry{{"id", row.id},
             {"message_id", text_or_null(row.message_id)},
             {"campaign", row.campaign},
             {"customer_key", row.customer_key},
             {"state", store::to_string(row.state)},
             {"last_error", text_or_null(row.last_error)},
             {"recipient", text_or_null(row.recipient)},
             {"attempts", row.attempts},
             {"next_attempt_at", nullptr},
             {"updated_at", core::format_iso(row.updated_at, zone)}};
  if (row.state == MessageState::deferred) {
    entry["next_attempt_at"] = core::format_iso(row.next_attempt_at, zone);
  }
  return entry;
}

void print_json(std::ostream& out, const app::StatusResult& status, const core::TimeZone& zone) {
  json document;
  document["states"] = states_json(status.totals);
  document["campaigns"] = json::array();
  for (const app::CampaignStatus& campaign : status.campaigns) {
    json entry{{"name", campaign.name}};
    entry.update(states_json(campaign.states));
    document["campaigns"].push_back(std::move(entry));
  }
  document["attention"] = json::array();
  for (const store::AttentionRow& row : status.attention) {
    document["attention"].push_back(row_json(row, zone));
  }
  document["sending"] = nullptr;
  if (!status.sending.empty()) {
    json rows = json::array();
    for (const store::AttentionRow& row : status.sending) rows.push_back(row_json(row, zone));
    document["sending"] = {{"send", to_string(status.sending_state)}, {"messages", rows}};
  }
  document["coupon_pools_low"] = json::array();
  for (const store::CouponPoolCount& pool : status.low_pools) {
    document["coupon_pools_low"].push_back(
        {{"pool", pool.pool}, {"free", pool.free}, {"total", pool.total}});
  }
  document["held"] = json::array();
  for (const store::CampaignHold& hold : status.held) {
    document["held"].push_back({{"campaign", hold.campaign},
                                {"messages", hold.messages},
                                {"held_at", core::format_iso(hold.held_at, zone)}});
  }
  document["quiet_hours"] = nullptr;
  if (status.quiet_until && status.due_in_quiet_hours > 0) {
    document["quiet_hours"] = {{"until", core::format_iso(*status.quiet_until, zone)},
                               {"due", status.due_in_quiet_hours}};
  }
  document["last_run"] = nullptr;
  if (const auto& last = status.last_run) {
    document["last_run"] = {
        {"id", last->run.id},
        {"state", to_string(last->state)},
        {"started_at", core::format_iso(last->run.started_at, zone)},
        {"finished_at", last->run.finished_at ? json(core::format_iso(*last->run.finished_at, zone))
                                              : json(nullptr)},
        {"transport", last->run.transport},
        {"pid", last->run.identity.pid},
        {"host", last->run.identity.host}};
  }
  out << document.dump(2) << '\n';
}

void print_counts(std::ostream& out, const app::StatusResult& status) {
  std::vector<TextTable::Column> columns{{core::tr("campaign"), Align::left}};
  for (const MessageState state : store::k_message_states) {
    columns.push_back({std::string(store::to_string(state)), Align::right});
  }
  TextTable table(std::move(columns));
  const auto add = [&table](const std::string& name, const app::StateCounts& states) {
    std::vector<std::string> cells{name};
    for (const MessageState state : store::k_message_states) {
      cells.push_back(std::to_string(states[state]));
    }
    table.add_row(std::move(cells));
  };
  for (const app::CampaignStatus& campaign : status.campaigns) add(campaign.name, campaign.states);
  add(core::tr("total"), status.totals);
  table.print(out);
}

void print_rows(std::ostream& out, const std::vector<store::AttentionRow>& rows,
                const core::TimeZone& zone) {
  TextTable table({{core::tr("id"), Align::right},
                   {core::tr("state"), Align::left},
                   {core::tr("campaign"), Align::left},
                   {core::tr("customer"), Align::left},
                   {core::tr("message-id"), Align::left},
                   {core::tr("last error"), Align::left}});
  for (std::size_t i = 0; i < rows.size() && i < k_attention_shown; ++i) {
    const store::AttentionRow& row = rows[i];
    std::string error = row.last_error;
    if (row.state == MessageState::deferred) {
      error = core::trf("next try {}: {}", core::format_iso(row.next_attempt_at, zone), error);
    }
    table.add_row({std::to_string(row.id), std::string(store::to_string(row.state)), row.campaign,
                   row.customer_key, row.message_id.empty() ? "-" : row.message_id, error});
  }
  table.print(out);
  if (rows.size() > k_attention_shown) {
    out << core::trf("… and {} more; tsuikyaku status --json lists them all",
                     rows.size() - k_attention_shown)
        << '\n';
  }
}

void print_attention(std::ostream& out, const app::StatusResult& status,
                     const core::TimeZone& zone) {
  out << '\n' << core::trf("Needs attention ({}):", status.attention.size()) << '\n';
  print_rows(out, status.attention, zone);
  if (status.totals[MessageState::unknown] > 0) {
    out << core::tr(
               "Unknown messages may have reached the server: look for their Message-ID in "
               "its logs; tsuikyaku send --retry-unknown sends them again "
               "(docs/sending.md).")
        << '\n';
  }
}

void print_human(std::ostream& out, const app::StatusResult& status, const core::TimeZone& zone) {
  if (status.campaigns.empty()) {
    out << core::tr("The ledger is empty: no message has been planned yet.") << '\n';
  } else {
    print_counts(out, status);
  }
  if (!status.attention.empty()) print_attention(out, status, zone);
  if (sending_stuck(status)) {
    if (status.sending_state == app::SendingState::ended) {
      out << '\n'
          << core::trf(
                 "Sending, left by a send that ended ({}): the next send sends again those "
                 "it never handed over and makes the rest unknown (docs/sending.md).",
                 status.sending.size())
          << '\n';
    } else {
      out << '\n'
          << core::trf(
                 "Sending, and whether a send still runs cannot be known ({}): the send "
                 "lock cannot be read. They may be in flight or stuck: see that no "
                 "tsuikyaku send runs, then run tsuikyaku send, which recovers them "
                 "(docs/sending.md).",
                 status.sending.size())
          << '\n';
    }
    print_rows(out, status.sending, zone);
  }
  if (!status.low_pools.empty()) {
    out << '\n' << core::tr("Coupon pools running low:") << '\n';
    for (const store::CouponPoolCount& pool : status.low_pools) {
      out << "  " << core::trf("{}: {} of {} codes left", pool.pool, pool.free, pool.total) << '\n';
    }
  }
  if (!status.held.empty()) {
    out << '\n' << core::tr("Waiting for a start (docs/sending.md):") << '\n';
    for (const store::CampaignHold& hold : status.held) {
      out << "  "
          << core::trf_n("{}: {} message held since {}; to start it: tsuikyaku campaigns start {}",
                         "{}: {} messages held since {}; to start it: tsuikyaku campaigns "
                         "start {}",
                         static_cast<unsigned long>(hold.messages), hold.campaign, hold.messages,
                         core::format_iso(hold.held_at, zone), hold.campaign)
          << '\n';
    }
  }
  if (status.quiet_until && status.due_in_quiet_hours > 0) {
    out << '\n'
        << core::trf_n("Quiet hours until {}: {} due message waits for them to end",
                       "Quiet hours until {}: {} due messages wait for them to end",
                       static_cast<unsigned long>(status.due_in_quiet_hours),
                       core::format_iso(*status.quiet_until, zone), status.due_in_quiet_hours)
        << '\n';
  }
  if (status.replies > 0) {
    out << '\n'
        << core::trf("Replies from customers ({}; read them in your mailbox):", status.replies)
        << '\n';
    for (const store::InboxMessage& reply : status.latest_replies) {
      out << fmt::format("  {}  {}  {}\n", core::format_iso(reply.received_at, zone), reply.sender,
                         reply.subject);
    }
  }
  if (const auto& last = status.last_run) {
    out << '\n'
        << core::trf("Last send: started {}, {} ({})", core::format_iso(last->run.started_at, zone),
                     run_state_label(last->state), last->run.transport)
        << '\n';
  }
}

}  // namespace

Registered add_status(CLI::App& app, Context& ctx) {
  auto json_flag = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand(
      "status",
      core::tr("The ledger: messages by state and campaign, what needs attention, coupon pools"));
  sub->add_flag("--json", *json_flag, json_help());
  sub->footer(
      core::tr("Unknown, deferred and failed messages are listed with their last error, and "
               "messages left sending by a send that ended; the newest customers' replies that "
               "tsuikyaku inbox read, by date, sender and subject. Exits 1 when messages are "
               "sending and the send lock cannot be read, so that whether they are in flight "
               "cannot be known."));
  return {sub, [&ctx, json_flag] {
            app::Workspace workspace = ctx.open_workspace();
            const app::StatusResult status = app::ledger_status(workspace, ctx.clock().now());
            const core::TimeZone& zone = workspace.config.shop.timezone;
            if (*json_flag) {
              print_json(ctx.io().out, status, zone);
            } else {
              print_human(ctx.io().out, status, zone);
            }
            // Messages that may be stuck, of which no one can say: a person looks.
            const bool unknowable =
                sending_stuck(status) && status.sending_state == app::SendingState::cannot_tell;
            return unknowable ? core::ExitCode::failure : core::ExitCode::ok;
          }};
}

}  // namespace tsuikyaku::cli
