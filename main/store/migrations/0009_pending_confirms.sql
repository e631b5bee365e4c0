-- Ticket confirmations a member machine owes the hall node (printed, or voided), kept until the
-- hall node has heard them, like everything else durable on this machine. They used to live in
-- hall-link/pending-confirms.json in the data folder; the member's first start after this
-- migration moves that file's notes in (main/hall-link/pending-confirms.ts).
CREATE TABLE hall_pending_confirm (
  ticket_id INTEGER PRIMARY KEY,
  number TEXT NOT NULL,
  printed INTEGER NOT NULL CHECK (printed IN (0, 1)),
  reason TEXT,
  may_have_printed INTEGER CHECK (may_have_printed IN (0, 1)),
  at TEXT NOT NULL,
  -- The order they were noted in: they are sent again in that order.
  noted INTEGER NOT NULL
);
