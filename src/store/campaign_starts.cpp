#include "tsuikyaku/store/campaign_starts.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace tsuikyaku::store {

std::map<std::string, CampaignStartRow> load_campaign_starts(Database& db) {
  SQLite::Statement query(
      db.handle(), "SELECT campaign, started_at, started_by, daily_limit FROM campaign_starts");
  std::map<std::string, CampaignStartRow> out;
  while (query.executeStep()) {
    CampaignStartRow row;
    row.started_at = core::from_unix(query.getColumn(1).getInt64());
    row.by =
        query.getColumn(2).getString() == "command" ? StartedBy::command : StartedBy::first_run;
    if (!query.getColumn(3).isNull()) row.daily_limit = query.getColumn(3).getInt64();
    out.emplace(query.getColumn(0).getString(), row);
  }
  return out;
}

void record_campaign_start(Database& db, const std::string& campaign, const CampaignStartRow& row) {
  SQLite::Statement upsert(db.handle(), R"sql(
INSERT INTO campaign_starts (campaign, started_at, started_by, daily_limit) VALUES (?, ?, ?, ?)
ON CONFLICT (campaign) DO UPDATE SET
  started_at = excluded.started_at, started_by = excluded.started_by,
  daily_limit = excluded.daily_limit
)sql");
  upsert.bind(1, campaign);
  upsert.bind(2, core::to_unix(row.started_at));
  upsert.bind(3, row.by == StartedBy::command ? "command" : "first run");
  if (row.daily_limit) upsert.bind(4, *row.daily_limit);
  upsert.exec();
  record_campaign_hold(db, campaign, 0, row.started_at);
}

void record_first_run(Database& db, const std::string& campaign, core::Instant at) {
  SQLite::Statement insert(db.handle(),
                           "INSERT INTO campaign_starts (campaign, started_at, started_by) "
                           "VALUES (?, ?, 'first run') ON CONFLICT (campaign) DO NOTHING");
  insert.bind(1, campaign);
  insert.bind(2, core::to_unix(at));
  insert.exec();
}

std::vector<CampaignHold> load_campaign_holds(Database& db) {
  SQLite::Statement query(
      db.handle(), "SELECT campaign, held_at, messages FROM campaign_holds ORDER BY campaign");
  std::vector<CampaignHold> out;
  while (query.executeStep()) {
    out.push_back({query.getColumn(0).getString(), core::from_unix(query.getColumn(1).getInt64()),
                   query.getColumn(2).getInt64()});
  }
  return out;
}

void record_campaign_hold(Database& db, const std::string& campaign, std::int64_t messages,
                          core::Instant at) {
  if (messages == 0) {
    SQLite::Statement clear(db.handle(), "DELETE FROM campaign_holds WHERE campaign = ?");
    clear.bind(1, campaign);
    clear.exec();
    return;
  }
  SQLite::Statement upsert(db.handle(), R"sql(
INSERT INTO campaign_holds (campaign, held_at, messages) VALUES (?, ?, ?)
ON CONFLICT (campaign) DO UPDATE SET messages = excluded.messages
)sql");
  upsert.bind(1, campaign);
  upsert.bind(2, core::to_unix(at));
  upsert.bind(3, messages);
  upsert.exec();
}

std::int64_t planned_since(Database& db, const std::string& campaign, core::Instant since) {
  SQLite::Statement count(db.handle(),
                          "SELECT count(*) FROM messages WHERE campaign = ? AND created_at >= ? "
                          "AND state <> 'skipped'");
  count.bind(1, campaign);
  count.bind(2, core::to_unix(since));
  count.executeStep();
  return count.getColumn(0).getInt64();
}

}  // namespace tsuikyaku::store
