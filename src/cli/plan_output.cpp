#include "plan_output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "text_table.hpp"
#include "tsuikyaku/campaign/yearly.hpp"
#include "tsuikyaku/core/duration.hpp"
#include "tsuikyaku/core/i18n.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::cli {
namespace {

using campaign::Candidate;
using campaign::Outcome;
using Align = TextTable::Align;
// Insertion order, so the fields read in the order docs/json.md lists them.
using json = nlohmann::ordered_json;

std::string messages(std::size_t n) { return core::trf_n("{} message", "{} messages", n, n); }

std::string audience_text(const campaign::Campaign& campaign) {
  std::string who =
      campaign.segments.empty() ? core::tr("everyone") : core::join(campaign.segments, ", ");
  if (campaign.bought_around > 0) {
    who = core::trf("{} bought ±{}d last year", who, campaign.bought_around);
  }
  std::vector<std::string> parts{who};
  const campaign::ProductAudience& products = campaign.products;
  if (!products.bought.empty()) {
    parts.push_back(core::trf("bought {}", core::join(products.bought, ", ")));
  }
  if (!products.not_bought.empty()) {
    parts.push_back(core::trf("not bought {}", core::join(products.not_bought, ", ")));
  }
  return core::join(parts, "; ");
}

// "2026-11-09 14:00" in the shop's zone.
std::string local_minute(core::Instant t, const core::TimeZone& zone) {
  return core::format_local(zone.to_local(t)).substr(0, 16);
}

// "reason 2, other reason 1", reasons in the planner's order.
std::string by_reason(const std::map<campaign::Reason, std::int64_t>& counts) {
  std::vector<std::string> parts;
  for (const auto& [reason, n] : counts) {
    parts.push_back(fmt::format("{} {}", campaign::to_string(reason), n));
  }
  return core::join(parts, ", ");
}

// Why a candidate qualifies, or, for a skip, why not; and when it waited (quiet hours, the
// cooldown), since when it was due.
std::string why(const Candidate& c, const core::TimeZone& zone, core::Instant as_of) {
  std::string text;
  if (!c.order.empty()) {
    text = core::trf("order {}, {} {}", c.order, campaign::to_string(*c.event),
                     local_minute(c.event_at, zone));
    if (!c.segment.empty()) text += core::trf("; segment {}", c.segment);
  } else {
    text = core::trf("segment {}", c.segment);
  }
  if (c.outcome == Outcome::skip) {
    text += fmt::format(": {}", campaign::to_string(c.reason));
    if (c.reason == campaign::Reason::audience) {
      text += c.segment.empty() ? core::tr(" (no segment)") : "";
    } else if (!c.detail.empty()) {
      text += " (" + c.detail + ")";
    }
  } else if (c.send_at > std::max(c.due_at, as_of)) {
    text += core::trf("; due {}", local_minute(c.due_at, zone));
  }
  return text;
}

// The table's rows, indented, without its (empty) header line.
void print_rows(std::ostream& out, const TextTable& table, std::string_view indent) {
  std::ostringstream text;
  table.print(text);
  std::istringstream lines(text.str());
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) out << indent << line << '\n';
}

}  // namespace

std::string describe_start(const campaign::Campaign& campaign) {
  if (campaign.schedule) {
    if (campaign.schedule->on) {
      return core::trf("on {}", core::format_date(*campaign.schedule->on));
    }
    if (campaign.schedule->yearly) return campaign::describe(*campaign.schedule->yearly);
    return core::trf("every {}", core::format_duration(*campaign.schedule->every));
  }
  std::vector<std::string> events;
  for (const auto event : campaign.trigger->events) events.emplace_back(campaign::to_string(event));
  std::string text = core::join(events, core::tr(" or "));
  if (campaign.trigger->business_days > 0) {
    text += fmt::format(" +{}bd", campaign.trigger->business_days);
  } else if (campaign.trigger->delay.count() > 0) {
    text += " +" + core::format_duration(campaign.trigger->delay);
  }
  return text;
}

void print_campaigns_overview(std::ostream& out, const app::CampaignsOverview& overview,
                              const config::Config& config) {
  struct Counts {
    std::int64_t send = 0;
    std::map<campaign::Reason, std::int64_t> waiting, skipped;
  };
  std::map<std::string, Counts> counts;
  for (const Candidate& c : overview.plan.candidates) {
    Counts& n = counts[c.campaign];
    if (c.outcome == Outcome::send) ++n.send;
    if (c.outcome == Outcome::later) ++n.waiting[c.reason];
    if (c.outcome == Outcome::skip) ++n.skipped[c.reason];
  }
  const auto total = [](const std::map<campaign::Reason, std::int64_t>& m) {
    std::int64_t sum = 0;
    for (const auto& [reason, n] : m) sum += n;
    return std::to_string(sum);
  };
  out << core::trf("Campaigns as of {}: what send would do now",
                   core::format_iso(overview.as_of, config.shop.timezone))
      << "\n\n";
  TextTable table({{core::tr("campaign")},
                   {core::tr("kind")},
                   {core::tr("start")},
                   {core::tr("audience")},
                   {core::tr("send"), Align::right},
                   {core::tr("waiting"), Align::right},
                   {core::tr("skip"), Align::right}});
  std::vector<std::string> disabled, skipped, waiting, held;
  for (const campaign::Campaign& c : overview.campaigns) {
    if (!c.enabled) {
      disabled.push_back(c.name);
      continue;
    }
    const Counts& n = counts[c.name];
    table.add_row({c.name, std::string(campaign::to_string(c.kind)), describe_start(c),
                   audience_text(c), std::to_string(n.send), total(n.waiting), total(n.skipped)});
    if (!n.skipped.empty()) skipped.push_back(c.name + ": " + by_reason(n.skipped));
    std::map<campaign::Reason, std::int64_t> other = n.waiting;
    if (const auto h = other.find(campaign::Reason::not_started); h != other.end()) {
      held.push_back(core::trf("{}: {}; to start it: tsuikyaku campaigns start {}", c.name,
                               messages(static_cast<std::size_t>(h->second)), c.name));
      other.erase(h);
    }
    if (!other.empty()) waiting.push_back(c.name + ": " + by_reason(other));
  }
  table.print(out);
  for (const auto& [title, lines] :
       {std::pair{core::tr("Skipped:"), skipped}, std::pair{core::tr("Waiting:"), waiting}}) {
    if (lines.empty()) continue;
    out << '\n' << title << '\n';
    for (const std::string& line : lines) out << "  " << line << '\n';
  }
  if (!held.empty()) {
    out << '\n'
        << core::trf(
               "Waiting for a start (a first run to more than {} customers, "
               "send.first_run_limit):",
               config.send.first_run_limit)
        << '\n';
    for (const std::string& line : held) out << "  " << line << '\n';
  }
  for (const campaign::PoolUse& pool : overview.plan.pools) {
    if (!pool.low) continue;
    out << '\n'
        << core::trf_n("Coupon pool {}: {} code left after this plan: add codes to the file",
                       "Coupon pool {}: {} codes left after this plan: add codes to the file",
                       static_cast<unsigned long>(pool.left), pool.pool, pool.left)
        << '\n';
  }
  if (!disabled.empty()) {
    out << '\n' << core::trf("Disabled: {}", core::join(disabled, ", ")) << '\n';
  }
}

void print_forecast(std::ostream& out, const app::ForecastResult& forecast,
                    const config::Config& config, bool quiet) {
  const core::TimeZone& zone = config.shop.timezone;
  std::size_t sends = 0, skips = 0;
  for (const auto& day : forecast.days) {
    sends += day.sends.size();
    skips += day.skips.size();
  }
  out << core::trf("Plan for {} from {}: {}, {} skipped",
                   core::trf_n("{} day", "{} days", forecast.days.size(), forecast.days.size()),
                   core::format_iso(forecast.as_of, zone), messages(sends), skips)
      << '\n';
  for (const campaign::Campaign& c : forecast.campaigns) {
    out << fmt::format("\n{} ({}, {}, {})\n", c.name, campaign::to_string(c.kind),
                       describe_start(c), audience_text(c));
    bool any = false;
    for (const campaign::ForecastDay& day : forecast.days) {
      const auto counted = day.held.find(c.name);
      const std::int64_t held = counted == day.held.end() ? 0 : counted->second;
      if (held > 0) {
        out << "  "
            << core::trf(
                   "waiting for a start: its first run would send {} at once, to more "
                   "customers than send.first_run_limit ({}); to start it: tsuikyaku "
                   "campaigns start {}",
                   messages(static_cast<std::size_t>(held)), config.send.first_run_limit, c.name)
            << '\n';
        any = true;
        break;
      }
    }
    for (const campaign::ForecastDay& day : forecast.days) {
      TextTable table({{""}, {""}, {""}});  // no header line: print_rows leaves it out
      std::size_t n_send = 0, n_skip = 0;
      for (const auto* list : {&day.sends, &day.skips}) {
        for (const Candidate& x : *list) {
          if (x.campaign != c.name) continue;
          const bool sent = x.outcome == Outcome::send;
          (sent ? n_send : n_skip) += 1;
          table.add_row({sent ? local_minute(x.send_at, zone).substr(11) : core::tr("skip"),
                         x.customer, why(x, zone, forecast.as_of)});
        }
      }
      if (n_send + n_skip == 0) continue;
      any = true;
      out << "  " << core::ui_day(core::civil(day.date)) << ": " << messages(n_send);
      out << (n_skip > 0 ? core::trf(", {} skipped", n_skip) : "") << '\n';
      if (!quiet) print_rows(out, table, "    ");
    }
    if (!any) {
      const std::size_t n = forecast.days.size();
      out << "  " << (n == 1 ? core::tr("nothing today") : core::trf("nothing in these {} days", n))
          << '\n';
    }
  }
}

void print_forecast_json(std::ostream& out, const app::ForecastResult& forecast,
                         const config::Config& config) {
  const core::TimeZone& zone = config.shop.timezone;
  const auto entry = [&](const Candidate& c) {
    json item{{"customer_key", c.customer},
              {"order_id", c.order.empty() ? json(nullptr) : json(c.order)},
              {"occurrence", c.occurrence.empty() ? json(nullptr) : json(c.occurrence)},
              {"due_at", core::format_iso(c.due_at, zone)}};
    if (c.event) {
      item["event"] = campaign::to_string(*c.event);
      item["event_at"] = core::format_iso(c.event_at, zone);
    }
    item["segment"] = c.segment.empty() ? json(nullptr) : json(c.segment);
    if (c.outcome == Outcome::send) {
      item["send_at"] = core::format_iso(c.send_at, zone);
    } else {
      item["reason"] = campaign::to_string(c.reason);
      item["detail"] = c.detail.empty() ? json(nullptr) : json(c.detail);
    }
    return item;
  };
  json campaigns = json::array();
  for (const campaign::Campaign& c : forecast.campaigns) {
    json days = json::array();
    for (const campaign::ForecastDay& day : forecast.days) {
      json send = json::array(), skip = json::array();
      for (const Candidate& x : day.sends) {
        if (x.campaign == c.name) send.push_back(entry(x));
      }
      for (const Candidate& x : day.skips) {
        if (x.campaign == c.name) skip.push_back(entry(x));
      }
      if (send.empty() && skip.empty()) continue;
      days.push_back({{"date", core::format_date(day.date)}, {"send", send}, {"skip", skip}});
    }
    campaigns.push_back({{"name", c.name},
                         {"kind", campaign::to_string(c.kind)},
                         {"start", describe_start(c)},
                         {"days", days}});
  }
  const json document{{"as_of", core::format_iso(forecast.as_of, zone)},
                      {"days", forecast.days.size()},
                      {"campaigns", campaigns}};
  out << document.dump(2) << '\n';
}

}  // namespace tsuikyaku::cli
