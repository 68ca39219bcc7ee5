#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/store/customer_history.hpp"
#include "tsuikyaku/store/database.hpp"

// The ledger's offline side (docs/offline.md): the inserts waiting for their parcels and
// the postal batches, which the owner packs and posts and then records. Planning writes
// the rows (ledger_queue.hpp); `send` never claims them (ledger.hpp).

namespace tsuikyaku::store {

// A queued insert or postal row with what a packing list or a label needs.
struct OfflineRow {
  std::int64_t id = 0;
  std::string campaign;
  std::int64_t customer_id = 0;
  std::string customer_key;
  CustomerContact contact;
  std::optional<std::int64_t> order_id;
  std::string order_key;  // inserts: the order whose parcel it goes into
  core::Instant ordered_at;
  std::string coupon_code;
  std::string batch;  // postal
};

// Inserts that can no longer go into their parcel: the order shipped (reason `missed`) or
// was cancelled (`cancelled`) by now. Returns how many rows were settled.
std::int64_t settle_inserts(Database& db, core::Instant now);

// The queued inserts, by order (ordered_at, order number), then row id.
std::vector<OfflineRow> queued_inserts(Database& db);

// Marks the queued inserts of the order `sent` at now, and those recorded missed (the
// owner says they were packed after all). nullopt: no such order; else how
// many rows changed (0: nothing was waiting, or it was recorded before).
std::optional<std::int64_t> mark_inserts_packed(Database& db, const std::string& order_key,
                                                core::Instant now);

// Gives every queued postal row due by now (of campaign, when given) that is not recorded
// yet to `batch`, and returns the batch's queued rows by postal code, then id.
std::vector<OfflineRow> gather_postal_batch(Database& db, const std::string& batch,
                                            const std::optional<std::string>& campaign,
                                            core::Instant now);

struct BatchDone {
  std::int64_t marked = 0;  // rows this call made `sent`
  std::int64_t before = 0;  // rows of the batch recorded sent before
};
// Marks the batch's queued rows `sent` at now.
BatchDone mark_batch_posted(Database& db, const std::string& batch, core::Instant now);

}  // namespace tsuikyaku::store
