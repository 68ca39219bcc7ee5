#include "customer_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <string_view>
#include <vector>

#include "fingerprint.hpp"
#include "statement_binding.hpp"
#include "statements.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/escape.hpp"

namespace tsuikyaku::store {
namespace {

using ingest::OrderRecord;

using Profile = CustomerWriter::Profile;
constexpr std::int64_t k_no_postal = CustomerCache::k_no_postal;

// The postal block of an order, in the order of ingest::k_postal_fields.
std::array<const std::string*, ingest::k_postal_fields.size()> postal_of(const OrderRecord& o) {
  return {&o.postal_code, &o.address, &o.address2, &o.city, &o.region, &o.country};
}

bool has_gaps(const Profile& p) { return p.name.empty() || p.email.empty(); }

// A whole address has a street line: only such a block replaces the known one.
bool has_street(const OrderRecord& o) { return !o.address.empty(); }

// One bit per postal field (k_postal_fields order) that is non-empty in the order, or
// empty in a profile.
std::uint8_t postal_given(const OrderRecord& o) {
  const auto block = postal_of(o);
  std::uint8_t bits = 0;
  for (std::size_t i = 0; i < block.size(); ++i) {
    if (!block[i]->empty()) bits = static_cast<std::uint8_t>(bits | (1U << i));
  }
  return bits;
}
std::uint8_t postal_missing(const Profile& p) {
  std::uint8_t bits = 0;
  for (std::size_t i = 0; i < p.postal.size(); ++i) {
    if (p.postal[i].empty()) bits = static_cast<std::uint8_t>(bits | (1U << i));
  }
  return bits;
}

// customers.fingerprint: the profile as stored (fingerprint.hpp).
std::int64_t hash_of(const Profile& p) {
  Fingerprint f;
  f.add(std::int64_t{p.accepts_marketing ? 1 : 0});
  for (const std::string_view part : {p.email, p.name, p.phone}) f.add(part);
  for (const std::string& part : p.postal) f.add(part);
  return f.value();
}

// Assigned field by field, so that a reused profile keeps its strings' storage.
void assign_profile(Profile& p, const OrderRecord& o) {
  p.email = o.email;
  p.name = o.name;
  p.phone = o.phone;
  p.accepts_marketing = o.accepts_marketing.value_or(false);
  const auto block = postal_of(o);
  for (std::size_t i = 0; i < block.size(); ++i) p.postal[i] = *block[i];
}

Profile profile_of(const OrderRecord& o) {
  Profile p;
  assign_profile(p, o);
  return p;
}

// The profile in ten columns from first on, in sql::k_profile_columns' order: email, name,
// phone, accepts_marketing, then the postal block.
Profile read_profile(SQLite::Statement& row, int first) {
  Profile p{text_or_empty(row.getColumn(first)),
            text_or_empty(row.getColumn(first + 1)),
            text_or_empty(row.getColumn(first + 2)),
            row.getColumn(first + 3).getInt() != 0,
            {}};
  for (std::size_t i = 0; i < p.postal.size(); ++i) {
    p.postal[i] = text_or_empty(row.getColumn(first + 4 + static_cast<int>(i)));
  }
  return p;
}

// Binds a profile to ten parameters from first on, in sql::k_profile_columns' order.
void bind_profile(SQLite::Statement& s, int first, const Profile& p) {
  bind_text(s, first, p.email);
  bind_text(s, first + 1, p.name);
  bind_text(s, first + 2, p.phone);
  s.bind(first + 3, p.accepts_marketing ? 1 : 0);
  for (std::size_t i = 0; i < p.postal.size(); ++i) {
    bind_text(s, first + 4 + static_cast<int>(i), p.postal[i]);
  }
}

void bind_postal_at(SQLite::Statement& s, int index, std::int64_t postal_at) {
  if (postal_at == k_no_postal) {
    s.bind(index);
  } else {
    s.bind(index, postal_at);
  }
}

// The order gives every field: its profile replaces the known one whole.
bool complete_profile(const OrderRecord& o) {
  return !o.email.empty() && !o.name.empty() && !o.phone.empty() &&
         o.accepts_marketing.has_value() && !o.postal_code.empty() && !o.address.empty();
}

void fill_if_empty(std::string& field, const std::string& value) {
  if (field.empty()) field = value;
}

}  // namespace

CustomerWriter::CustomerWriter(SQLite::Database& db, std::int64_t now)
    : m_db(db),
      m_now(now),
      m_find(db, sql::customer_by_match_key()),
      m_insert(db, sql::customer_insert()),
      m_fields(db, sql::customer_profile()),
      m_update(db, sql::k_customer_update),
      m_move(db, sql::k_customer_move) {}

CustomerWriter::Entry& CustomerWriter::load(const OrderRecord& order, std::int64_t ordered_at) {
  // Most customers a big import meets are new: try the insert first, look on a conflict.
  const Profile profile = profile_of(order);
  const std::int64_t postal_at = has_street(order) ? ordered_at : k_no_postal;
  SQLite::Statement& s = m_insert;
  s.reset();
  bind_text(s, 1, order.customer_key);
  bind_text(s, 2, order.match_key);
  bind_profile(s, 3, profile);
  bind_postal_at(s, 13, postal_at);
  s.bind(14, ordered_at);
  s.bind(15, m_now);
  s.bind(16, m_now);
  const std::int64_t fingerprint = hash_of(profile);
  s.bind(17, fingerprint);
  Entry entry;
  bool found = false;
  if (s.exec() == 0) {
    m_find.reset();
    bind_text(m_find, 1, order.match_key);
    found = m_find.executeStep();
    if (!found) {
      // Not this customer but its key: another kind's (an id that is another customer's
      // address). The new customer is shown by its match key, which names the kind.
      s.reset();
      bind_text(s, 1, order.match_key);
      if (s.exec() == 0) {
        throw core::Error(core::ErrorKind::data,
                          fmt::format("line {}: customer {} has the key of two other customers",
                                      order.line, core::escaped(order.customer_key)));
      }
    }
  }
  if (!found) {
    ++m_new;
    entry.id = m_db.getLastInsertRowid();
    entry.profile_at = ordered_at;
    entry.postal_at = postal_at;
    entry.profile_hash = fingerprint;
    entry.gaps = has_gaps(profile);
    entry.postal_missing = postal_missing(profile);
    entry.counted = true;
  } else {
    entry.id = m_find.getColumn(0).getInt64();
    entry.profile_at = m_find.getColumn(1).getInt64();
    const auto postal = optional_int(m_find.getColumn(2));
    entry.postal_at = postal ? *postal : k_no_postal;
    const Profile known = read_profile(m_find, 4);
    // A customer of schema 7 gets its fingerprint at flush.
    const std::optional<std::int64_t> stored = optional_int(m_find.getColumn(3));
    entry.profile_hash = stored ? *stored : hash_of(known);
    entry.moved = !stored;
    entry.gaps = has_gaps(known);
    entry.postal_missing = postal_missing(known);
    m_find.reset();
  }
  return m_cache.add(order.match_key, entry);
}

void CustomerWriter::update(Entry& entry, const OrderRecord& order, std::int64_t ordered_at) {
  // An order older than the one the profile came from only fills what no newer order gave
  // (SPEC §3; on a tie the later row wins), but its address may be the newest one known.
  // The address is one block, from the newest order with a street line; an order with
  // parts of one and no street (a postal code only) fills what is unknown, never more.
  const bool newest = ordered_at >= entry.profile_at;
  const bool postal = has_street(order) && ordered_at >= entry.postal_at;
  const bool postal_fill = !postal && (postal_given(order) & entry.postal_missing) != 0;
  const bool fills = !newest && entry.gaps && (!order.name.empty() || !order.email.empty());
  if (!newest && !postal && !postal_fill && !fills) return;
  Profile& next = m_next;
  if (newest && postal && complete_profile(order)) {
    assign_profile(next, order);
  } else {
    m_fields.reset();
    m_fields.bind(1, entry.id);
    m_fields.executeStep();
    const Profile known = read_profile(m_fields, 0);
    m_fields.reset();
    next = known;
    if (newest) {
      next.email = order.email;
      next.name = order.name;
      next.phone = order.phone;
      fill_if_empty(next.email, known.email);
      fill_if_empty(next.name, known.name);
      fill_if_empty(next.phone, known.phone);
      if (order.accepts_marketing) next.accepts_marketing = *order.accepts_marketing;
    } else {
      fill_if_empty(next.email, order.email);
      fill_if_empty(next.name, order.name);
      fill_if_empty(next.phone, order.phone);
    }
    const auto block = postal_of(order);
    for (std::size_t i = 0; i < block.size(); ++i) {
      if (postal) {
        next.postal[i] = *block[i];
      } else {
        fill_if_empty(next.postal[i], *block[i]);
      }
    }
  }
  const std::int64_t profile_at = std::max(entry.profile_at, ordered_at);
  const std::int64_t postal_at = postal ? ordered_at : entry.postal_at;
  entry.moved = entry.moved || profile_at != entry.profile_at || postal_at != entry.postal_at;
  entry.profile_at = profile_at;
  entry.postal_at = postal_at;
  entry.gaps = has_gaps(next);
  entry.postal_missing = postal_missing(next);
  const std::int64_t hash = hash_of(next);
  if (hash == entry.profile_hash) return;
  SQLite::Statement& s = m_update;
  s.reset();
  bind_profile(s, 1, next);
  bind_postal_at(s, 11, postal_at);
  s.bind(12, profile_at);
  s.bind(13, m_now);
  s.bind(14, hash);
  s.bind(15, entry.id);
  s.exec();
  entry.profile_hash = hash;
  entry.moved = false;

  if (!entry.counted) ++m_updated;
  entry.counted = true;
}

std::int64_t CustomerWriter::upsert(const OrderRecord& order) {
  const std::int64_t ordered_at = core::to_unix(*order.ordered_at);
  if (Entry* known = m_cache.find(order.match_key)) {
    update(*known, order, ordered_at);
    return known->id;
  }
  const std::int64_t inserted_before = m_new;
  Entry& entry = load(order, ordered_at);
  // A customer just inserted from this order holds it already.
  if (m_new == inserted_before) update(entry, order, ordered_at);
  return entry.id;
}

void CustomerWriter::flush() {
  // In row id order, so the updates walk the table once instead of jumping around it.
  struct Move {
    std::int64_t id, profile_at, postal_at, fingerprint;
    bool operator<(const Move& other) const { return id < other.id; }
  };
  std::vector<Move> moves;
  for (const Entry& entry : m_cache.entries()) {
    if (entry.moved) {
      moves.push_back({entry.id, entry.profile_at, entry.postal_at, entry.profile_hash});
    }
  }
  m_cache.release();
  std::sort(moves.begin(), moves.end());
  for (const Move& move : moves) {
    m_move.reset();
    m_move.bind(1, move.profile_at);
    bind_postal_at(m_move, 2, move.postal_at);
    m_move.bind(3, move.fingerprint);
    m_move.bind(4, move.id);
    m_move.exec();
  }
}

}  // namespace tsuikyaku::store
