-- The outbox's open rows only (issue 6, speed). The old index held every row ever written,
-- keyed by state first, so each delivery moved its entry from the 'pending' part to the
-- 'delivered' part (two random index pages rewritten per delivery) and the index grew with
-- the history. This one holds only pending and parked rows: a delivery just drops its entry,
-- the lane-heads query reads only what is still open, and the index stays as small as the
-- backlog.
DROP INDEX outbox_open;
CREATE INDEX outbox_open ON outbox (lane, id) WHERE state IN ('pending', 'parked');
