#include "tsuikyaku/app/deliver.hpp"

#include <deque>
#include <map>
#include <random>
#include <unordered_map>

#include "render_ahead.hpp"
#include "tsuikyaku/campaign/planner.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/delivery/retry.hpp"
#include "tsuikyaku/mail/delivery_pool.hpp"
#include "tsuikyaku/mail/outbox_transport.hpp"
#include "tsuikyaku/mail/smtp_transport.hpp"
#include "tsuikyaku/mailbox/return_path.hpp"

namespace tsuikyaku::app {
namespace {

using delivery::Outcome;
using delivery::Status;

// One delivery run: the rows, what has come of them, and their rendering, which runs
// ahead on a thread of its own. The pool calls next() and on_outcome() under its lock,
// one at a time.
class Run {
 public:
  Run(store::Database& db, std::string_view transport, std::span<const store::LedgerRow> rows,
      const DeliverRequest& request, const RenderRow& render, const OnDeliveryProgress& progress)
      : m_ledger(db),
        m_transport(transport),
        m_rows(rows),
        m_request(request),
        m_progress(progress),
        m_ahead(rows, render) {
    for (std::size_t i = 0; i < rows.size(); ++i) m_by_id.emplace(rows[i].id, i);
    for (const auto& row : rows) m_counts.try_emplace(row.campaign);
    m_result.rehearsal = request.redirect_to.has_value();
  }

  std::optional<mail::OutgoingMessage> next() {
    if (m_claimed.empty()) claim();
    if (m_claimed.empty()) return std::nullopt;
    Claimed claimed = std::move(m_claimed.front());
    m_claimed.pop_front();
    return std::move(claimed.message);
  }

  // From here on the message may have been accepted: a run that dies after this leaves
  // it `unknown`, one that dies before it leaves it due.
  void on_hand_over(const mail::OutgoingMessage& message) {
    if (!m_request.redirect_to) m_ledger.mark_handed_over(message.ledger_id, m_request.now);
  }

  mail::Verdict on_outcome(const mail::OutgoingMessage& message, const Outcome& outcome) {
    const store::LedgerRow& row = m_rows[m_by_id.at(message.ledger_id)];
    const Outcome recorded = m_request.redirect_to ? outcome : record(row, message, outcome);
    m_result.tally.add(recorded);
    count(row.campaign, recorded);
    report_progress();
    if (auto reason = m_breaker.record(outcome)) {
      m_result.stopped = std::move(reason);
      return mail::Verdict::stop;
    }
    return mail::Verdict::go_on;
  }

  DeliverResult finish() {
    // What was never handed over stays, or goes back to, as it was: queued (or deferred
    // and due).
    for (const Claimed& claimed : m_claimed) {
      const store::LedgerRow& row = m_rows[claimed.index];
      if (!m_request.redirect_to) m_ledger.unclaim(row.id, row.state, m_request.now);
      ++m_counts[row.campaign].queued;
    }
    m_claimed.clear();
    for (std::size_t i = m_ahead.taken(); i < m_rows.size(); ++i) {
      ++m_counts[m_rows[i].campaign].queued;
    }
    for (auto& [name, counts] : m_counts) {
      counts.name = name;
      m_result.campaigns.push_back(counts);
    }
    return std::move(m_result);
  }

 private:
  // Takes the next rendered rows, as many as are ready up to k_claim_batch, and marks them
  // sending in one commit written through to the disk: one fsync for the batch, not one a
  // message, and still none handed over before its mark is safe from a power failure.
  void claim() {
    while (m_claimed.empty()) {
      std::vector<RenderAhead::Item> items = m_ahead.pop_ready(k_claim_batch);
      if (items.empty()) return;
      std::vector<store::Attempt> attempts;
      std::vector<Claimed> claimed;
      for (RenderAhead::Item& item : items) {
        const store::LedgerRow& row = m_rows[item.index];
        if (!item.message) {
          unsendable(row, item.error);
          continue;
        }
        mail::OutgoingMessage& message = *item.message;
        if (m_request.redirect_to) {
          message.recipient = *m_request.redirect_to;
        } else {
          attempts.push_back(
              {row.id, m_request.run_id, message.recipient, message.message_id, m_transport});
        }
        claimed.push_back({item.index, std::move(message)});
      }
      std::vector<campaign::Reason> refused(attempts.size(), campaign::Reason::none);
      store::LedgerWriter::LastCheck check;
      if (m_request.last_check) {
        check = [&](std::size_t i) {
          refused[i] = m_request.last_check(m_rows[claimed[i].index]);
          return refused[i] == campaign::Reason::none ? std::string()
                                                      : std::string(to_string(refused[i]));
        };
      }
      m_ledger.mark_sending(attempts, m_request.now, check);
      for (std::size_t i = 0; i < claimed.size(); ++i) {
        if (i < refused.size() && refused[i] != campaign::Reason::none) {
          ++m_counts[m_rows[claimed[i].index].campaign].skipped[refused[i]];
          report_progress();
          continue;
        }
        m_claimed.push_back(std::move(claimed[i]));
      }
    }
  }

  // A row that cannot become a message (its address went bad since it was planned)
  // fails on its own; it is never handed over.
  void unsendable(const store::LedgerRow& row, const std::string& error) {
    Outcome failed;
    failed.status = Status::failed;
    failed.error = error;
    if (!m_request.redirect_to) m_ledger.mark_unsendable(row.id, error, m_request.now);
    m_result.tally.add(failed);
    count(row.campaign, failed);
    report_progress();
  }

  // Writes the outcome to the ledger; returns it as the tally must count it (a deferral
  // after three days is a failure).
  Outcome record(const store::LedgerRow& row, const mail::OutgoingMessage& message,
                 const Outcome& outcome) {
    const core::Instant now = m_request.now;
    if (outcome.session_failed()) {
      m_ledger.release(row.id, row.state, outcome, now);
      return outcome;
    }
    switch (outcome.status) {
      case Status::sent:
        m_ledger.mark_sent(row.id, outcome, now);
        break;
      case Status::deferred:
        return defer(row, outcome);
      case Status::failed:
        if (outcome.dead_address) {
          m_ledger.mark_bounced(row.id, outcome, message.recipient, now);
        } else {
          m_ledger.mark_failed(row.id, outcome, now);
        }
        break;
      case Status::unknown:
        m_ledger.mark_unknown(row.id, outcome, now);
        break;
    }
    return outcome;
  }

  Outcome defer(const store::LedgerRow& row, const Outcome& outcome) {
    const core::Instant now = m_request.now;
    const auto next =
        delivery::next_attempt(row.first_attempt_at.value_or(now), row.attempts + 1, now);
    if (next) {
      m_ledger.mark_deferred(row.id, outcome,
                             campaign::next_allowed(*next, m_request.quiet_hours, m_request.zone),
                             now);
      return outcome;
    }
    Outcome gave_up = outcome;
    gave_up.status = Status::failed;
    gave_up.error = "deferred for 3 days, given up: " + outcome.error;
    m_ledger.mark_failed(row.id, outcome, now, gave_up.error);
    return gave_up;
  }

  void count(const std::string& campaign, const Outcome& outcome) {
    CampaignDelivery& counts = m_counts[campaign];
    if (outcome.session_failed()) {
      ++counts.queued;
      return;
    }
    switch (outcome.status) {
      case Status::sent:
        ++counts.sent;
        break;
      case Status::deferred:
        ++counts.deferred;
        break;
      case Status::failed:
        ++counts.failed;
        if (outcome.dead_address) ++counts.bounced;
        break;
      case Status::unknown:
        ++counts.unknown;
        break;
    }
  }

  void report_progress() {
    ++m_done;
    if (m_progress) m_progress({m_done, m_rows.size()});
  }

  // Rows marked sending at a time. A power failure leaves at most this many rows (and
  // those in flight) `unknown` that were never tried; a crash of the process, none.
  static constexpr std::size_t k_claim_batch = 16;

  struct Claimed {
    std::size_t index;  // into m_rows
    mail::OutgoingMessage message;
  };

  store::LedgerWriter m_ledger;
  std::deque<Claimed> m_claimed;  // marked sending, not yet handed over
  std::string m_transport;
  std::span<const store::LedgerRow> m_rows;
  const DeliverRequest& m_request;
  const OnDeliveryProgress& m_progress;
  std::unordered_map<std::int64_t, std::size_t> m_by_id;
  std::map<std::string, CampaignDelivery> m_counts;  // by name
  std::size_t m_done = 0;
  delivery::CircuitBreaker m_breaker;
  DeliverResult m_result;
  RenderAhead m_ahead;  // last: its thread starts once the rest is ready
};

}  // namespace

DeliverResult deliver(store::Database& db, mail::Transport& transport,
                      std::span<const store::LedgerRow> rows, const DeliverRequest& request,
                      const RenderRow& render, const OnDeliveryProgress& progress) {
  Run run(db, transport.name(), rows, request, render, progress);
  mail::PoolCallbacks callbacks;
  callbacks.next = [&run] { return run.next(); };
  callbacks.on_hand_over = [&run](const mail::OutgoingMessage& message) {
    run.on_hand_over(message);
  };
  callbacks.on_outcome = [&run](const mail::OutgoingMessage& message, const Outcome& outcome) {
    return run.on_outcome(message, outcome);
  };
  mail::deliver_all(transport, {request.connections, request.rate}, callbacks);
  return run.finish();
}

DeliverRequest deliver_request(const config::Config& config, core::Instant now,
                               std::int64_t run_id) {
  DeliverRequest request;
  request.now = now;
  request.run_id = run_id;
  if (config.smtp) {
    request.connections = config.smtp->connections;
    request.rate = config.smtp->rate;
  }
  request.quiet_hours = config.send.quiet_hours;
  request.zone = config.shop.timezone;
  return request;
}

std::unique_ptr<mail::Transport> open_transport(const config::Config& config,
                                                const config::EnvLookup& env) {
  if (!config.smtp) return std::make_unique<mail::OutboxTransport>(config.dir / "outbox");
  mail::SmtpSettings settings;
  settings.server = *config.smtp;
  if (!config.smtp->username.empty()) {
    settings.password = config::resolve_smtp_password(*config.smtp, env);
  }
  return std::make_unique<mail::SmtpTransport>(std::move(settings));
}

std::string message_token(const store::LedgerRow& row, core::Instant date) {
  if (const auto at = row.message_id.find('@'); at != std::string::npos) {
    return row.message_id.substr(0, at);
  }
  // The row id makes it unique in this database, the random low bits across databases
  // (a test workspace and the real one of the same shop). The id comes first so that a
  // run's Message-IDs grow in order and each lands at the end of the ledger's unique
  // index, rather than on a page of its own at random.
  thread_local std::mt19937_64 random{std::random_device{}()};
  const auto id = static_cast<std::uint64_t>(row.id);
  return render::make_message_token(date, (id << 32) | (random() & 0xFFFF'FFFFU));
}

mail::OutgoingMessage render_outgoing(const render::MessageRequest& request, std::int64_t ledger_id,
                                      std::string_view return_path) {
  render::RenderedMessage rendered = render::render_message(request);
  mail::OutgoingMessage message;
  message.ledger_id = ledger_id;
  message.sender =
      request.campaign->from ? request.campaign->from->address : request.shop->from.address;
  message.recipient = std::move(rendered.recipient);
  message.message_id = std::move(rendered.message_id);
  if (!return_path.empty()) {
    message.sender = mailbox::return_path_for(return_path, ledger_id, message.message_id);
  }
  message.data = std::move(rendered.eml);
  return message;
}

}  // namespace tsuikyaku::app
