-- Cases, ratings and the outbox that carries them to the city platform (issue 6).
-- Personal fields are AES-256-GCM ciphertext (main/privacy/sealer.ts); id_index is an HMAC
-- blind index of the ID number, so nothing here reads as a resident without the key.

-- A case submitted at this hall. lane = the resident's blind index: cases of one resident
-- reach the platform in the order they were submitted.
CREATE TABLE hall_case (
  id                    INTEGER PRIMARY KEY,
  receipt_number        TEXT NOT NULL UNIQUE,
  service_id            TEXT NOT NULL,
  id_index              TEXT NOT NULL,
  applicant_enc         BLOB NOT NULL,
  form_enc              BLOB NOT NULL,
  created_at            TEXT NOT NULL,
  platform_case_number  TEXT,
  platform_status       TEXT,
  status_checked_at     TEXT
) STRICT;
CREATE INDEX hall_case_by_resident ON hall_case (id_index, id);

-- A 1–5 rating (5 非常满意 … 1 非常不满意) of a ticket or a case. No personal data.
CREATE TABLE rating (
  id            INTEGER PRIMARY KEY,
  subject_kind  TEXT NOT NULL CHECK (subject_kind IN ('case', 'ticket')),
  subject_ref   TEXT NOT NULL,
  level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  created_at    TEXT NOT NULL,
  platform_rating_id TEXT
) STRICT;

-- What must reach the platform. The row is written in the same transaction as its case or
-- rating; id gives the order; the same idempotency key goes out on every try. payload_enc is
-- the exact request body, sealed, and is dropped once delivered or discarded.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('case', 'rating')),
  ref_id           INTEGER NOT NULL,
  lane             TEXT NOT NULL,
  idempotency_key  TEXT NOT NULL,  -- a random UUID per row: unique by construction, no index to pay for
  payload_enc      BLOB,
  state            TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'parked', 'discarded')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT,
  created_at       INTEGER NOT NULL,
  settled_at       INTEGER,
  result           TEXT
) STRICT;
CREATE INDEX outbox_open ON outbox (state, lane, id);

-- Alerts for staff (a parked lane, a setup problem). Never personal data.
CREATE TABLE staff_alert (
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  code         TEXT NOT NULL,
  outbox_id    INTEGER,
  message_zh   TEXT NOT NULL,
  message_en   TEXT NOT NULL,
  cleared_at   TEXT
) STRICT;

-- Every read of a resident's data: who, when, why, with what result. Kept ≥ 6 months; the
-- subject is the blind index, never the ID number.
CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,
  at             TEXT NOT NULL,
  actor          TEXT NOT NULL,
  purpose        TEXT NOT NULL,
  subject_index  TEXT NOT NULL,
  action         TEXT NOT NULL,
  result         TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_by_age ON audit_log (at);

-- The platform's service catalog as last fetched; served stale (with its age) when offline.
CREATE TABLE catalog_cache (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  version     TEXT NOT NULL,
  body        TEXT NOT NULL,
  fetched_at  TEXT NOT NULL
) STRICT;
