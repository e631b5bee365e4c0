-- Appointments (预约) booked on the city platform, cached on the hall node so check-in works
-- while the city is unreachable. Personal fields are sealed like cases (main/privacy/): the
-- resident (ID number and name) is AES-256-GCM ciphertext, id_index the HMAC blind index.

CREATE TABLE appointment (
  id             TEXT PRIMARY KEY,          -- the platform's appointment id
  day            TEXT NOT NULL,             -- the slot's date in hall time (YYYY-MM-DD)
  service_id     TEXT NOT NULL,             -- the hall's queue service
  slot_start     INTEGER NOT NULL,          -- epoch milliseconds
  slot_end       INTEGER NOT NULL,
  id_index       TEXT NOT NULL,
  resident_enc   BLOB NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('booked', 'cancelled')),
  synced_at      INTEGER NOT NULL,
  -- Set here at the kiosk: the platform does not know about check-ins.
  checked_in_at  INTEGER,
  ticket_id      INTEGER,
  ticket_number  TEXT
) STRICT;
CREATE INDEX appointment_by_resident ON appointment (id_index, day);
CREATE INDEX appointment_by_day ON appointment (day);

-- When each day's list was last fetched from the platform (one row per day synced).
CREATE TABLE appointment_sync (
  day        TEXT PRIMARY KEY,
  synced_at  INTEGER NOT NULL
) STRICT;
