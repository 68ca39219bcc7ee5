#include <array>

#include "tsuikyaku/store/database.hpp"

// The schema, as a history of migrations. A released migration is never edited: a
// change is a new migration at the end (docs/DESIGN.md, "The database").
//
// Times are Unix seconds (UTC), money is integer minor units with its currency code,
// booleans are 0/1. Each table says which SPEC section it serves.

namespace tsuikyaku::store {
namespace {

// Customers, orders and imports (SPEC §3), segment snapshots (SPEC §5), the messages
// ledger (SPEC §8.1), suppressions (SPEC §9) and coupons (SPEC §6).
constexpr std::string_view k_schema_v1 = R"sql(
CREATE TABLE imports (
  id                INTEGER PRIMARY KEY,
  source            TEXT NOT NULL,     -- the file as given, or '-' for standard input
  preset            TEXT NOT NULL,     -- generic, shopify, base, or mapping:FILE
  encoding          TEXT NOT NULL,     -- utf-8 or cp932, as decided for the file
  started_at        INTEGER NOT NULL,
  finished_at       INTEGER,
  rows_read         INTEGER NOT NULL DEFAULT 0,
  orders_new        INTEGER NOT NULL DEFAULT 0,
  orders_updated    INTEGER NOT NULL DEFAULT 0,
  customers_new     INTEGER NOT NULL DEFAULT 0,
  customers_updated INTEGER NOT NULL DEFAULT 0,
  rejected          INTEGER NOT NULL DEFAULT 0
);

-- A customer is the shop's customer id when the export has one, else the e-mail
-- address with a lower-cased domain; match_key is what identity compares (e-mail keys
-- lower-cased whole), so "Hanako@" and "hanako@" are one customer.
CREATE TABLE customers (
  id                INTEGER PRIMARY KEY,
  customer_key      TEXT NOT NULL,
  match_key         TEXT NOT NULL UNIQUE,
  email             TEXT,              -- from the newest order, domain lower-cased
  name              TEXT,
  accepts_marketing INTEGER NOT NULL DEFAULT 0 CHECK (accepts_marketing IN (0, 1)),
  postal_code       TEXT,
  address           TEXT,
  phone             TEXT,
  profile_at        INTEGER NOT NULL,  -- ordered_at of the order the fields above came from
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX customers_email ON customers (email COLLATE NOCASE);

CREATE TABLE orders (
  id                INTEGER PRIMARY KEY,
  order_key         TEXT NOT NULL UNIQUE,  -- the shop's order number
  customer_id       INTEGER NOT NULL REFERENCES customers (id),
  ordered_at        INTEGER NOT NULL,
  total_minor       INTEGER NOT NULL,
  currency          TEXT NOT NULL,
  status            TEXT NOT NULL DEFAULT 'paid',  -- paid, pending, cancelled, refunded, …
  shipped_at        INTEGER,
  delivered_at      INTEGER,
  cancelled_at      INTEGER,
  tracking_number   TEXT,
  carrier           TEXT,
  discount_code     TEXT,              -- for coupon redemption in the report
  import_id         INTEGER REFERENCES imports (id),
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX orders_customer ON orders (customer_id, ordered_at);
CREATE INDEX orders_ordered_at ON orders (ordered_at);
CREATE INDEX orders_shipped_at ON orders (shipped_at) WHERE shipped_at IS NOT NULL;
CREATE INDEX orders_delivered_at ON orders (delivered_at) WHERE delivered_at IS NOT NULL;
-- Coupon redemption in the report: the orders that used a code, found by the code.
CREATE INDEX orders_discount_code ON orders (upper(discount_code)) WHERE discount_code IS NOT NULL;

-- Line items, where an export has them (Shopify, line-item mappings).
CREATE TABLE order_lines (
  order_id          INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no           INTEGER NOT NULL,
  sku               TEXT,
  description       TEXT,
  quantity          INTEGER NOT NULL,
  unit_price        TEXT NOT NULL,     -- exact decimal in major units, as exported ("0.001")
  PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID;

-- Each customer's segment as computed for an as-of moment, so campaigns target it and
-- the report shows who moved between segments.
CREATE TABLE segment_runs (
  id                INTEGER PRIMARY KEY,
  as_of             INTEGER NOT NULL,
  computed_at       INTEGER NOT NULL,
  scoring           TEXT NOT NULL CHECK (scoring IN ('percentile', 'quintile')),
  rules             TEXT NOT NULL      -- the segment names in rule order, comma-separated
);
CREATE INDEX segment_runs_as_of ON segment_runs (as_of);

CREATE TABLE customer_segments (
  run_id            INTEGER NOT NULL REFERENCES segment_runs (id) ON DELETE CASCADE,
  customer_id       INTEGER NOT NULL REFERENCES customers (id),
  segment           TEXT NOT NULL,
  recency_days      INTEGER NOT NULL,
  frequency         INTEGER NOT NULL,
  monetary_minor    INTEGER NOT NULL,
  r                 INTEGER NOT NULL CHECK (r BETWEEN 1 AND 5),
  f                 INTEGER NOT NULL CHECK (f BETWEEN 1 AND 5),
  m                 INTEGER NOT NULL CHECK (m BETWEEN 1 AND 5),
  PRIMARY KEY (run_id, customer_id)
) WITHOUT ROWID;

-- One row per send run: pid, host and process start time tell a dead run from a live one.
CREATE TABLE send_runs (
  id                INTEGER PRIMARY KEY,
  pid               INTEGER NOT NULL,
  host              TEXT NOT NULL,
  process_start     TEXT NOT NULL,
  started_at        INTEGER NOT NULL,
  finished_at       INTEGER,
  as_of             INTEGER NOT NULL,
  transport         TEXT NOT NULL
);

-- The ledger (SPEC §8.1). dedup_key is campaign + order for triggered mail and
-- campaign + customer + occurrence for scheduled mail: planning inserts with
-- ON CONFLICT DO NOTHING, so no run queues a message twice.
CREATE TABLE messages (
  id                INTEGER PRIMARY KEY,
  dedup_key         TEXT NOT NULL UNIQUE,
  campaign          TEXT NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('transactional', 'marketing')),
  customer_id       INTEGER NOT NULL REFERENCES customers (id),
  order_id          INTEGER REFERENCES orders (id),
  occurrence        TEXT,
  state             TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'deferred',
                                                   'failed', 'skipped', 'unknown')),
  due_at            INTEGER NOT NULL,
  next_attempt_at   INTEGER NOT NULL,
  attempts          INTEGER NOT NULL DEFAULT 0,
  first_attempt_at  INTEGER,
  recipient         TEXT,              -- the address handed to the server
  message_id        TEXT UNIQUE,       -- the Message-ID header, without angle brackets
  coupon_code       TEXT,
  skip_reason       TEXT,
  last_error        TEXT,
  smtp_code         INTEGER,
  enhanced_code     TEXT,              -- "5.1.1"
  server_id         TEXT,              -- the server's queue id from its 250 reply
  transport         TEXT,              -- smtp or outbox
  run_id            INTEGER REFERENCES send_runs (id),
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  sent_at           INTEGER
);
-- The indexes are kept to what the two commits per delivered message must update, since
-- every index entry they change is a page written (docs/benchmarks.md). The rows a run
-- may deliver, in the order it takes them: only queued and deferred rows, so a row
-- leaves the index when it is marked sending and sending -> sent changes no entry here;
-- a customer's messages by customer alone, so setting sent_at changes no entry either;
-- counts by campaign and state (status, report) scan the table.
CREATE INDEX messages_pending ON messages (next_attempt_at)
  WHERE state IN ('queued', 'deferred');
CREATE INDEX messages_customer ON messages (customer_id);
CREATE INDEX messages_order ON messages (order_id) WHERE order_id IS NOT NULL;

-- Addresses that get no mail (bounced) or no marketing (unsubscribed, complained).
CREATE TABLE suppressions (
  address           TEXT PRIMARY KEY,  -- lower-cased
  reason            TEXT NOT NULL CHECK (reason IN ('unsubscribed', 'bounced', 'complained',
                                                    'manual')),
  detail            TEXT,              -- the server's reply, or a note
  source            TEXT NOT NULL,     -- send, cli, or import:FILE
  created_at        INTEGER NOT NULL
) WITHOUT ROWID;

-- Coupon pools: each code goes to one message, never reused.
CREATE TABLE coupons (
  id                INTEGER PRIMARY KEY,
  pool              TEXT NOT NULL,     -- the pool file as the campaign names it
  code              TEXT NOT NULL,
  message_id        INTEGER UNIQUE REFERENCES messages (id),
  assigned_at       INTEGER,
  UNIQUE (pool, code)
);
CREATE INDEX coupons_free ON coupons (pool, id) WHERE message_id IS NULL;
)sql";

// A run marks rows `sending` a batch at a time in a commit written through to the disk,
// then each one handed over as it goes: a row still `sending` but never handed over was
// not attempted (docs/sending.md, "Crashes and power failures").
constexpr const char* k_schema_v2 = R"sql(
ALTER TABLE messages ADD COLUMN handed_over_at INTEGER;
-- Schema 1 marked a row sending as it handed the message over.
UPDATE messages SET handed_over_at = updated_at WHERE state = 'sending';
)sql";

// A whole postal address for the printer (docs/import.md, "Postal addresses"): the block
// postal_code … country comes from the newest order that has one, postal_at says which.
// Schema 2 kept the newest order's street whole in address.
constexpr const char* k_schema_v3 = R"sql(
ALTER TABLE customers ADD COLUMN address2 TEXT;
ALTER TABLE customers ADD COLUMN city TEXT;
ALTER TABLE customers ADD COLUMN region TEXT;
ALTER TABLE customers ADD COLUMN country TEXT;
ALTER TABLE customers ADD COLUMN postal_at INTEGER;
UPDATE customers SET postal_at = profile_at WHERE coalesce(address, '') <> '';
)sql";

// A marketing campaign's first run waits for `campaigns start` (docs/sending.md, "A
// campaign's first run"). A campaign that has mailed before this schema has had its first
// run.
constexpr const char* k_schema_v4 = R"sql(
CREATE TABLE campaign_starts (
  campaign          TEXT PRIMARY KEY,
  started_at        INTEGER NOT NULL,
  started_by        TEXT NOT NULL CHECK (started_by IN ('command', 'first run')),
  daily_limit       INTEGER CHECK (daily_limit > 0)
);
-- What the last planning run held back, for `status`: a first run waiting for a start.
CREATE TABLE campaign_holds (
  campaign          TEXT PRIMARY KEY,
  held_at           INTEGER NOT NULL,
  messages          INTEGER NOT NULL
);
INSERT INTO campaign_starts (campaign, started_at, started_by)
  SELECT campaign, min(created_at), 'first run' FROM messages
  WHERE kind = 'marketing' AND state <> 'skipped' GROUP BY campaign;
)sql";

// Customer ids and e-mail addresses are two key spaces (docs/import.md, "Customers and
// updates"): match_key is 'id:' and the id, or 'email:' and the address lower-cased, so an
// id that is another customer's address never meets that customer. Schema 4 kept the bare
// id or address; a customer keyed by an address has an @ in its customer_key, a match_key
// that is the key lower-cased and an e-mail that lower-cases to it (an id that is its own
// customer's address in lower case reads the same, and is taken as the address). The keys
// pass through blobs, which no text equals, so that no new key meets an old one on the way.
// customer_key names a customer in the planner and the ledger's dedup keys, so it becomes
// unique: of two schema-4 customers with one key (an id "Hanako@example.jp" and the address
// hanako@Example.JP), the later one is shown by its match key.
constexpr const char* k_schema_v5 = R"sql(
UPDATE customers SET match_key = CAST(
  CASE WHEN instr(customer_key, '@') > 0 AND match_key = lower(customer_key)
            AND lower(coalesce(email, customer_key)) = match_key
       THEN 'email:' ELSE 'id:' END || match_key AS BLOB);
UPDATE customers SET match_key = CAST(match_key AS TEXT);
UPDATE customers SET customer_key = match_key
  WHERE id NOT IN (SELECT min(id) FROM customers GROUP BY customer_key);
CREATE UNIQUE INDEX customers_key ON customers (customer_key);
)sql";

// The shop's mailbox (docs/mailbox.md): how far `inbox` has read each folder, and what
// every message it read was, for soft bounces over time, replies and a rerun.
constexpr const char* k_schema_v6 = R"sql(
CREATE TABLE inbox_folders (
  folder            TEXT PRIMARY KEY,  -- host/folder as inbox.url names it
  uidvalidity       INTEGER NOT NULL,
  last_uid          INTEGER NOT NULL,
  read_at           INTEGER NOT NULL
);
CREATE TABLE inbox_messages (
  id                INTEGER PRIMARY KEY,
  folder            TEXT NOT NULL,
  uidvalidity       INTEGER NOT NULL,
  uid               INTEGER NOT NULL,
  message_id        TEXT,              -- of the message that came in
  kind              TEXT NOT NULL CHECK (kind IN ('bounce', 'complaint', 'auto-reply',
                                                  'unsubscribe', 'reply', 'other')),
  address           TEXT,              -- the failed recipient, the sender of a reply, ...
  hard              INTEGER NOT NULL DEFAULT 0,
  status            TEXT,
  detail            TEXT,
  sender            TEXT,              -- the From field
  subject           TEXT,
  ledger_id         INTEGER REFERENCES messages (id),
  received_at       INTEGER NOT NULL
);
CREATE INDEX inbox_messages_id ON inbox_messages (message_id);
CREATE INDEX inbox_messages_address ON inbox_messages (address, received_at);
)sql";

// Offline channels (docs/offline.md): a ledger row is mailed, packed into a parcel or
// posted; a postal row remembers the batch it was printed in; no_post suppresses postal
// mail only, which the reason's CHECK must allow, so the list is copied into a new table.
constexpr const char* k_schema_v7 = R"sql(
ALTER TABLE messages ADD COLUMN channel TEXT NOT NULL DEFAULT 'email'
  CHECK (channel IN ('email', 'insert', 'postal'));
ALTER TABLE messages ADD COLUMN batch TEXT;
CREATE INDEX messages_batch ON messages (batch) WHERE batch IS NOT NULL;
CREATE TABLE suppressions_v7 (
  address           TEXT PRIMARY KEY,
  reason            TEXT NOT NULL CHECK (reason IN ('unsubscribed', 'bounced', 'complained',
                                                    'manual', 'no_post')),
  detail            TEXT,
  source            TEXT NOT NULL,
  created_at        INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO suppressions_v7 SELECT address, reason, detail, source, created_at FROM suppressions;
DROP TABLE suppressions;
ALTER TABLE suppressions_v7 RENAME TO suppressions;
)sql";

// Re-importing what changed only (docs/import.md, "Importing the same export again"): the
// fingerprint of the row last applied to an order, and of a customer's stored profile
// (src/store/fingerprint.hpp). NULL is unknown: the next import that meets the row compares
// it field by field and writes the fingerprint. A later migration that changes an order's
// or a customer's stored values sets their fingerprint to NULL.
constexpr const char* k_schema_v8 = R"sql(
ALTER TABLE orders ADD COLUMN fingerprint INTEGER;
ALTER TABLE customers ADD COLUMN fingerprint INTEGER;
)sql";

constexpr std::array k_migrations{
    Migration{1, "customers, orders, segments, messages ledger, suppressions, coupons",
              k_schema_v1},
    Migration{2, "messages.handed_over_at: sending rows a run never handed over", k_schema_v2},
    Migration{3, "customers: whole postal addresses, from the newest order that has one",
              k_schema_v3},
    Migration{4, "campaign_starts: first runs of marketing campaigns wait for a start",
              k_schema_v4},
    Migration{5, "customers: ids and e-mail addresses are two key spaces", k_schema_v5},
    Migration{6, "inbox_folders, inbox_messages: what `inbox` has read", k_schema_v6},
    Migration{7, "messages.channel, messages.batch, suppression no_post: offline channels",
              k_schema_v7},
    Migration{8, "orders.fingerprint, customers.fingerprint: re-import what changed only",
              k_schema_v8},
};

}  // namespace

std::span<const Migration> schema_migrations() { return k_migrations; }

}  // namespace tsuikyaku::store
