#include "tsuikyaku/store/suppressions.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/Savepoint.h>

#include "reused.hpp"
#include "statement_binding.hpp"
#include "statements.hpp"
#include "tsuikyaku/core/email.hpp"

namespace tsuikyaku::store {
namespace {

// created_at is when the address was first suppressed. A new reason or detail replaces
// the old one, except that nothing replaces a bounce (SPEC §6: a bounced address gets no
// mail at all); an entry that would not change is left alone, so the caller can tell.
constexpr const char* k_upsert = R"sql(
INSERT INTO suppressions (address, reason, detail, source, created_at)
VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (address) DO UPDATE SET
  reason = excluded.reason, detail = excluded.detail, source = excluded.source
WHERE (suppressions.reason <> 'bounced' OR excluded.reason = 'bounced')
  AND (suppressions.reason <> excluded.reason OR suppressions.detail IS NOT excluded.detail)
)sql";

constexpr const char* k_columns =
    "SELECT address, reason, detail, source, created_at FROM "
    "suppressions";

Suppression read_suppression(SQLite::Statement& query) {
  Suppression entry;
  entry.address = query.getColumn(0).getString();
  entry.reason = campaign::parse_suppression(query.getColumn(1).getString())
                     .value_or(SuppressionReason::manual);
  entry.detail = text_or_empty(query.getColumn(2));
  entry.source = query.getColumn(3).getString();
  entry.created_at = core::from_unix(query.getColumn(4).getInt64());
  return entry;
}

}  // namespace

namespace {

SuppressResult upsert_entry(SQLite::Statement& upsert, SQLite::Statement& find,
                            const SuppressionEntry& entry, core::Instant now) {
  const std::string key = core::address_match_key(entry.address);
  find.reset();
  find.bind(1, key);
  const bool existed = find.executeStep();
  upsert.reset();
  upsert.bind(1, key);
  upsert.bind(2, std::string(to_string(entry.reason)));
  bind_text_or_null(upsert, 3, entry.detail);
  upsert.bind(4, entry.source);
  upsert.bind(5, core::to_unix(now));
  const int changes = upsert.exec();
  if (!existed) return SuppressResult::added;
  return changes > 0 ? SuppressResult::updated : SuppressResult::unchanged;
}

}  // namespace

SuppressResult suppress(Database& db, const SuppressionEntry& entry, core::Instant now) {
  return suppress_all(db, {entry}, now).front();
}

std::vector<SuppressResult> suppress_all(Database& db, const std::vector<SuppressionEntry>& entries,
                                         core::Instant now) {
  SQLite::Statement upsert(db.handle(), k_upsert);
  SQLite::Statement find(db.handle(), "SELECT 1 FROM suppressions WHERE address = ?");
  // Inside a caller's transaction (a bounce recorded with its ledger row) a savepoint
  // nests; on its own it is the import's one transaction.
  SQLite::Savepoint savepoint(db.handle(), "suppress");
  std::vector<SuppressResult> results;
  results.reserve(entries.size());
  for (const SuppressionEntry& entry : entries) {
    results.push_back(upsert_entry(upsert, find, entry, now));
  }
  savepoint.release();
  return results;
}

bool unsuppress(Database& db, std::string_view address) {
  SQLite::Statement remove(db.handle(), "DELETE FROM suppressions WHERE address = ?");
  remove.bind(1, core::address_match_key(address));
  return remove.exec() > 0;
}

std::vector<Suppression> list_suppressions(Database& db) {
  SQLite::Statement query(db.handle(), std::string(k_columns) + " ORDER BY address");
  std::vector<Suppression> out;
  while (query.executeStep()) out.push_back(read_suppression(query));
  return out;
}

std::optional<Suppression> find_suppression(Database& db, std::string_view address) {
  // Kept prepared: the last check before each message asks it (app/send.cpp).
  Reused query(db, sql::k_suppression_by_address);
  query->bind(1, core::address_match_key(address));
  if (!query->executeStep()) return std::nullopt;
  return read_suppression(*query);
}

}  // namespace tsuikyaku::store
