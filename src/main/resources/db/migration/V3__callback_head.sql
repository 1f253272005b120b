-- The head of each message's callbacks (its lowest pending sequence, the only one that may be
-- due) is marked, so the outbox read is an index scan over the heads alone: its cost no longer
-- grows with the pending callbacks waiting behind them, nor depends on table statistics. Without
-- statistics (autovacuum off, or just after a bulk load) the anti-join it replaces was planned as
-- a hash over every pending callback, ~120 ms per read at 100,000 pending.

-- On the message row, the sequence of its head callback, NULL when none is pending. Every change
-- of the head happens under the message's row lock and reads this column from the locked row, so
-- a status change and an attempt finishing the head at the same time cannot both miss the other.
ALTER TABLE message ADD COLUMN callback_head integer;

-- On the callback: whether it is its message's head. Only ever true while pending.
ALTER TABLE status_callback ADD COLUMN head boolean NOT NULL DEFAULT false;

-- The back-fill applies the rule to the callbacks written so far.
UPDATE status_callback c SET head = true
FROM (
  SELECT DISTINCT ON (message_sid) id
  FROM status_callback
  WHERE outcome IS NULL
  ORDER BY message_sid, sequence
) h
WHERE c.id = h.id;

UPDATE message m SET callback_head = c.sequence
FROM status_callback c
WHERE c.message_sid = m.sid AND c.head;

-- What is due, earliest first, among the heads only: a read walks this index from its start and
-- stops at its limit. (status_callback_due_idx stays for the count of pending callbacks.)
CREATE INDEX status_callback_head_due_idx ON status_callback (next_attempt_at, id) WHERE head;
