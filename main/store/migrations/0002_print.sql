-- The print spool: one row per print job with its outcome. The document is what the paper
-- says (masked names only, never an ID number), kept so staff can reprint a ticket.

CREATE TABLE print_job (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('ticket', 'receipt', 'test')),
  -- the ticket id or case id the job is for (no personal data)
  ref         TEXT,
  document    TEXT NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('pending', 'printed', 'failed', 'previewed')),
  -- on failure: 'before' (not sent), 'send' or 'after' (sent, paper unconfirmed)
  stage       TEXT CHECK (stage IN ('before', 'send', 'after')),
  -- the printer state at the outcome (online, paperOut, ...)
  state       TEXT,
  reprint_of  INTEGER REFERENCES print_job (id),
  created_at  TEXT NOT NULL,
  finished_at TEXT
) STRICT;

CREATE INDEX print_job_ref ON print_job (ref);
