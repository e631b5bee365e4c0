-- The hall queue (issue 5). The event log is the truth: every ticket state and every figure
-- is derived from it; the hall node replays today's events at start. No personal data: a
-- ticket carries its number, service and priority reasons, never who took it.

CREATE TABLE queue_event (
  id          INTEGER PRIMARY KEY,
  day         TEXT NOT NULL,            -- the queue day (YYYY-MM-DD, starts at the reset hour)
  at          INTEGER NOT NULL,         -- epoch milliseconds
  type        TEXT NOT NULL,
  ticket_id   INTEGER,
  counter_id  TEXT,
  data        TEXT NOT NULL CHECK (json_valid(data))
) STRICT;
CREATE INDEX queue_event_by_day ON queue_event (day, id);

-- Staff logged in at a counter: the session token's SHA-256, never the token.
CREATE TABLE queue_session (
  token_hash  TEXT PRIMARY KEY,
  staff_id    TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('staff', 'manager', 'technician')),
  counter_id  TEXT,
  expires_at  INTEGER NOT NULL
) STRICT;

-- Kiosks and displays enrolled at this hall node (besides those listed in the config).
CREATE TABLE queue_device (
  id          TEXT PRIMARY KEY,
  role        TEXT NOT NULL CHECK (role IN ('kiosk', 'display')),
  token_hash  TEXT NOT NULL UNIQUE,
  enrolled_at INTEGER NOT NULL,
  revoked_at  INTEGER
) STRICT;
