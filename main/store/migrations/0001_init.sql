-- The foundation's tables. Later features add their own numbered files; applied files are
-- never edited (their checksum is recorded), so every kiosk's database has one history.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- One row per resident session the kiosk wiped: when and why, never who.
CREATE TABLE kiosk_session (
  id        INTEGER PRIMARY KEY,
  ended_at  TEXT NOT NULL,
  reason    TEXT NOT NULL CHECK (reason IN ('idle', 'cancel', 'done'))
) STRICT;
