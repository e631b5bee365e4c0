-- The outbox's open rows only, oldest first (issue 6, speed). The old index held every row
-- ever written, keyed (state, lane, id): each delivery moved its entry from the 'pending'
-- part to the 'delivered' part (two random pages rewritten per delivery, so a group commit of
-- 40 answers wrote some 80 index pages), and the index grew with the history.
-- This one holds only pending and parked rows, in id order, and covers what the drainer reads
-- to find each lane's head (state, lane, due time): an enqueue appends at its end, a delivery
-- drops an entry next to the ones delivered just before it, and finding work reads a few
-- hundred entries from the front instead of grouping the whole backlog by lane.
DROP INDEX outbox_open;
CREATE INDEX outbox_open ON outbox (id, state, lane, next_attempt_at)
  WHERE state IN ('pending', 'parked');
