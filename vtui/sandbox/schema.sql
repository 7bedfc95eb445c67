-- The sandbox's SQLite schema. Times are integer epoch milliseconds (the API shows them as
-- ISO-8601 with ms and Z). JSON columns hold the API's own shapes. `seq` columns give a
-- stable tie-breaker wherever created_at values are equal.
-- Owned by vtui/sandbox/store.py; vtui/sandbox/seed.py writes the same tables in bulk.

PRAGMA foreign_keys = OFF;

CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);                                        -- schema_version, seed, size, request counter...

CREATE TABLE IF NOT EXISTS customers (
  seq             INTEGER PRIMARY KEY,    -- insertion order, tie-breaker
  id              TEXT NOT NULL UNIQUE,   -- cust_ + 24 alphanumerics
  source_id       TEXT UNIQUE,            -- optional, immutable once set
  name            TEXT COLLATE NOCASE,
  email           TEXT COLLATE NOCASE,
  phone           TEXT,
  description     TEXT,
  birthdate       TEXT,                   -- YYYY-MM-DD
  birthday        TEXT,                   -- deprecated twin, stored independently
  city            TEXT COLLATE NOCASE,    -- copy of address.city, for the `city` filter
  address         TEXT,                   -- JSON object, or NULL
  metadata        TEXT,                   -- JSON object, or NULL when never set
  summary         TEXT NOT NULL,          -- JSON (redemptions, orders)
  loyalty         TEXT NOT NULL,          -- JSON (points, referred_customers, campaigns)
  referrals       TEXT NOT NULL,          -- JSON (total, campaigns[])
  system_metadata TEXT NOT NULL DEFAULT '{}',
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER,                -- NULL until the first update
  touched_at      INTEGER NOT NULL        -- COALESCE(updated_at, created_at): sort/filter key
);
CREATE INDEX IF NOT EXISTS customers_created ON customers(created_at, seq);
CREATE INDEX IF NOT EXISTS customers_touched ON customers(touched_at, seq);
CREATE INDEX IF NOT EXISTS customers_email   ON customers(email, created_at, seq);
CREATE INDEX IF NOT EXISTS customers_name    ON customers(name, created_at, seq);
CREATE INDEX IF NOT EXISTS customers_city    ON customers(city, created_at, seq);

CREATE TABLE IF NOT EXISTS events (       -- customer activity
  seq           INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,     -- evcus_ + 18 hex
  customer_id   TEXT NOT NULL,            -- customers.id
  type          TEXT NOT NULL,            -- customer.created, customer.updated, ...
  category      TEXT NOT NULL,            -- ACTION | EFFECT (filter only; not in the object)
  campaign_id   TEXT,
  campaign_type TEXT,
  data          TEXT NOT NULL,            -- JSON: the activity's `data` ({data: {...}, event_source: {...}})
  group_id      TEXT,                     -- request id that caused it
  created_at    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_customer ON events(customer_id, created_at, seq);

CREATE TABLE IF NOT EXISTS redeemables (  -- holder records: what /redeemables lists
  seq               INTEGER PRIMARY KEY,
  id                TEXT NOT NULL UNIQUE, -- rh_ + 18 hex, increasing with seq
  customer_id       TEXT NOT NULL,
  redeemable_id     TEXT NOT NULL,        -- v_...
  redeemable_object TEXT NOT NULL,        -- voucher
  holder_role       TEXT NOT NULL,        -- OWNER | REFERRER | REFEREE
  campaign_id       TEXT,
  campaign_type     TEXT,                 -- DISCOUNT_COUPONS, GIFT_VOUCHERS, LOYALTY_PROGRAM, ...
  voucher_type      TEXT,                 -- DISCOUNT_VOUCHER | GIFT_VOUCHER | LOYALTY_CARD
  status            TEXT NOT NULL,        -- ACTIVE | USED | DISABLED | NOT_ACTIVE_YET | EXPIRED | NO_BALANCE
  voucher           TEXT NOT NULL,        -- JSON: redeemable.voucher
  created_at        INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS redeemables_customer ON redeemables(customer_id, id);

CREATE TABLE IF NOT EXISTS segments (
  id         TEXT PRIMARY KEY,            -- seg_ + 24 alphanumerics
  name       TEXT NOT NULL,
  type       TEXT NOT NULL,               -- static | auto-update
  filter     TEXT,                        -- JSON rule for auto-update segments, NULL for static
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS segment_members (
  segment_id   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,          -- the member customer's created_at (list order)
  customer_seq INTEGER NOT NULL,          -- customers.seq
  PRIMARY KEY (segment_id, created_at, customer_seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS segment_members_customer ON segment_members(customer_seq);

CREATE TABLE IF NOT EXISTS async_actions (
  seq              INTEGER PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,  -- aa_ + 18 hex
  type             TEXT NOT NULL,         -- CUSTOMERS.IMPORT_CSV | CUSTOMERS.BULK_UPDATE | CUSTOMERS.METADATA_UPDATE
  status           TEXT NOT NULL,         -- ENQUEUED | IN_PROGRESS | DONE | FAILED
  operation_status TEXT,                  -- SUCCESS | FAILED | UNKNOWN (bulk and metadata only)
  progress         INTEGER NOT NULL DEFAULT 0,
  request_id       TEXT NOT NULL,
  processing_time  INTEGER,
  result           TEXT,                  -- JSON, set when DONE/FAILED
  payload          BLOB,                  -- the job's input until processed
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS async_actions_created ON async_actions(created_at, seq);
