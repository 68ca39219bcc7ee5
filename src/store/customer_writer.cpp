#include "customer_writer.hpp"

#include <algorithm>
#include <functional>
#include <string_view>
#include <vector>

#include "statement_binding.hpp"

namespace tsuikyaku::store {
namespace {

using ingest::OrderRecord;

using Profile = CustomerWriter::Profile;

std::uint64_t hash_of(std::string_view email, std::string_view name, std::string_view postal_code,
                      std::string_view address, std::string_view phone, bool accepts_marketing) {
  std::uint64_t h = accepts_marketing ? 1 : 2;
  for (const std::string_view part : {email, name, postal_code, address, phone}) {
    h = h * 0x100000001b3ULL ^ std::hash<std::string_view>{}(part);
  }
  return h;
}

std::uint64_t hash_of(const Profile& p) {
  return hash_of(p.email, p.name, p.postal_code, p.address, p.phone, p.accepts_marketing);
}

// The profile in six columns from first on: email, name, postal_code, address, phone,
// accepts_marketing.
Profile read_profile(SQLite::Statement& row, int first) {
  return Profile{row.getColumn(first).getString(),     row.getColumn(first + 1).getString(),
                 row.getColumn(first + 2).getString(), row.getColumn(first + 3).getString(),
                 row.getColumn(first + 4).getString(), row.getColumn(first + 5).getInt() != 0};
}

// The order gives every field: its profile replaces the known one whole.
bool complete_profile(const OrderRecord& o) {
  return !o.email.empty() && !o.name.empty() && !o.postal_code.empty() && !o.address.empty() &&
         !o.phone.empty() && o.accepts_marketing.has_value();
}

}  // namespace

CustomerWriter::CustomerWriter(SQLite::Database& db, std::int64_t now)
    : m_db(db),
      m_now(now),
      m_find(db,
             "SELECT id, profile_at, email, name, postal_code, address, phone, "
             "accepts_marketing FROM customers WHERE match_key = ?"),
      m_insert(db,
               "INSERT INTO customers (customer_key, match_key, email, name, accepts_marketing, "
               "postal_code, address, phone, profile_at, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (match_key) DO NOTHING"),
      m_fields(db,
               "SELECT email, name, postal_code, address, phone, accepts_marketing "
               "FROM customers WHERE id = ?"),
      m_update(db,
               "UPDATE customers SET email = ?, name = ?, postal_code = ?, address = ?, "
               "phone = ?, accepts_marketing = ?, profile_at = ?, updated_at = ? WHERE id = ?"),
      m_move(db, "UPDATE customers SET profile_at = ? WHERE id = ?") {}

CustomerWriter::Entry& CustomerWriter::load(const OrderRecord& order, std::int64_t ordered_at) {
  // Most customers a big import meets are new: try the insert first, look on a conflict.
  const bool accepts = order.accepts_marketing.value_or(false);
  SQLite::Statement& s = m_insert;
  s.reset();
  bind_text(s, 1, order.customer_key);
  bind_text(s, 2, order.match_key);
  bind_text(s, 3, order.email);
  bind_text(s, 4, order.name);
  s.bind(5, accepts ? 1 : 0);
  bind_text(s, 6, order.postal_code);
  bind_text(s, 7, order.address);
  bind_text(s, 8, order.phone);
  s.bind(9, ordered_at);
  s.bind(10, m_now);
  s.bind(11, m_now);
  Entry entry;
  if (s.exec() == 1) {
    ++m_new;
    entry.id = m_db.getLastInsertRowid();
    entry.profile_at = ordered_at;
    entry.profile_hash =
        hash_of(order.email, order.name, order.postal_code, order.address, order.phone, accepts);
    entry.counted = true;
  } else {
    m_find.reset();
    bind_text(m_find, 1, order.match_key);
    m_find.executeStep();
    entry.id = m_find.getColumn(0).getInt64();
    entry.profile_at = m_find.getColumn(1).getInt64();
    entry.profile_hash = hash_of(read_profile(m_find, 2));
    m_find.reset();
  }
  return m_cache.add(order.match_key, entry);
}

void CustomerWriter::update(Entry& entry, const OrderRecord& order, std::int64_t ordered_at) {
  // Assigned, not constructed: the strings keep their storage from row to row.
  Profile& next = m_next;
  next.email = order.email;
  next.name = order.name;
  next.postal_code = order.postal_code;
  next.address = order.address;
  next.phone = order.phone;
  next.accepts_marketing = order.accepts_marketing.value_or(false);
  if (!complete_profile(order)) {
    m_fields.reset();
    m_fields.bind(1, entry.id);
    m_fields.executeStep();
    const Profile known = read_profile(m_fields, 0);
    m_fields.reset();
    keep_known(next.email, known.email);
    keep_known(next.name, known.name);
    keep_known(next.postal_code, known.postal_code);
    keep_known(next.address, known.address);
    keep_known(next.phone, known.phone);
    if (!order.accepts_marketing) next.accepts_marketing = known.accepts_marketing;
  }
  entry.moved = entry.moved || ordered_at != entry.profile_at;
  entry.profile_at = ordered_at;
  const std::uint64_t hash = hash_of(next);
  if (hash == entry.profile_hash) return;
  SQLite::Statement& s = m_update;
  s.reset();
  bind_text(s, 1, next.email);
  bind_text(s, 2, next.name);
  bind_text(s, 3, next.postal_code);
  bind_text(s, 4, next.address);
  bind_text(s, 5, next.phone);
  s.bind(6, next.accepts_marketing ? 1 : 0);
  s.bind(7, ordered_at);
  s.bind(8, m_now);
  s.bind(9, entry.id);
  s.exec();
  entry.profile_hash = hash;
  entry.moved = false;
  if (!entry.counted) ++m_updated;
  entry.counted = true;
}

std::int64_t CustomerWriter::upsert(const OrderRecord& order) {
  const std::int64_t ordered_at = core::to_unix(*order.ordered_at);
  Entry* known = m_cache.find(order.match_key);
  Entry& entry = known != nullptr ? *known : load(order, ordered_at);
  // An order older than the one the profile came from says nothing new (SPEC §3); on a
  // tie the later row wins.
  if (ordered_at >= entry.profile_at) update(entry, order, ordered_at);
  return entry.id;
}

void CustomerWriter::flush() {
  // In row id order, so the updates walk the table once instead of jumping around it.
  std::vector<std::pair<std::int64_t, std::int64_t>> moves;
  for (const Entry& entry : m_cache.entries()) {
    if (entry.moved) moves.emplace_back(entry.id, entry.profile_at);
  }
  m_cache.release();
  std::sort(moves.begin(), moves.end());
  for (const auto& [id, at] : moves) {
    m_move.reset();
    m_move.bind(1, at);
    m_move.bind(2, id);
    m_move.exec();
  }
}

}  // namespace tsuikyaku::store
