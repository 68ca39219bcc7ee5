#pragma once

// Customers during an import (SPEC §3 identity): a cache of the customers this import
// touched, so that a repeat buyer costs a hash lookup instead of an index search, and the
// move of a profile's date to a newer order is written once at the end. Private to store.

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <cstdint>
#include <string>

#include "customer_cache.hpp"
#include "tsuikyaku/import/mapping.hpp"
#include "tsuikyaku/import/order_record.hpp"

namespace tsuikyaku::store {

class CustomerWriter {
 public:
  CustomerWriter(SQLite::Database& db, std::int64_t now);

  // The customer's row id, inserting or updating the customer from order: the newest
  // order's name, e-mail, phone and consent win, and an empty value keeps the known one;
  // the postal address is the block of the newest order that has one, whatever order the
  // rows come in. Counts go to new_count and updated_count (each customer at most once
  // per import).
  std::int64_t upsert(const ingest::OrderRecord& order);

  // Writes the deferred profile dates and frees the cache. Call once, before commit.
  void flush();

  std::int64_t new_count() const { return m_new; }
  std::int64_t updated_count() const { return m_updated; }

  // The columns an order's newer data replaces: the person, and the postal block in the
  // order of ingest::k_postal_fields.
  struct Profile {
    std::string email, name, phone;
    bool accepts_marketing = false;
    std::array<std::string, ingest::k_postal_fields.size()> postal;
  };

 private:
  using Entry = CustomerCache::Entry;
  Entry& load(const ingest::OrderRecord& order, std::int64_t ordered_at);
  void update(Entry& entry, const ingest::OrderRecord& order, std::int64_t ordered_at);

  SQLite::Database& m_db;
  std::int64_t m_now;
  SQLite::Statement m_find, m_insert, m_fields, m_update, m_move;
  CustomerCache m_cache;
  Profile m_next;  // scratch space of update()
  std::int64_t m_new = 0;
  std::int64_t m_updated = 0;
};

}  // namespace tsuikyaku::store
