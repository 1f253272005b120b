-- A message changes status three times on its way (sending, sent, delivered). Each change was an
-- update PostgreSQL could not make in place (a HOT update): status was a key or a predicate of
-- three of message's indexes (the sender queue, recovery and sent indexes), so every change
-- wrote a new entry into each of the table's indexes, the primary key and the listing index
-- included. What those three indexes found now lives in three narrow tables, one row a message
-- for as long as it is in that stage, written in the statement that moves it in or out; message
-- keeps only its primary key, its listing index and the last-send index. Claiming a queued
-- message and its delivery report now update it in place; its send still does not (date_sent is
-- the last-send index's key). Readers join message and check its status, so these rows only say
-- where to look.
--
-- Measured in psql (50-message rounds of sending, sent, delivered): 30-48 µs per row and change
-- with the six indexes, 12-19 µs with only the primary key and the listing index at fillfactor
-- 80, where 79% of the updates were made in place.

-- No message may be written between the fill below and the commit: it would have no stage row.
-- Reads go on; writes wait for the migration (DROP INDEX would make them wait anyway).
LOCK TABLE message IN SHARE MODE;

-- Messages queued or being sent, per sender in creation order: refill, recovery, queue depth.
CREATE TABLE queued_message (
  sender_key   text NOT NULL,
  date_created timestamptz NOT NULL,
  sid          text NOT NULL,
  PRIMARY KEY (sender_key, date_created, sid)
);

-- Scheduled and accepted messages by status in creation order: recovery at start.
CREATE TABLE unreleased_message (
  status       text NOT NULL,
  date_created timestamptz NOT NULL,
  sid          text NOT NULL,
  PRIMARY KEY (status, date_created, sid)
);

-- Messages sent and not yet reported: what a connection whose far end forgets on restart (the
-- simulated carrier) still owes reports for.
CREATE TABLE sent_message (
  sid text PRIMARY KEY
);

INSERT INTO queued_message (sender_key, date_created, sid)
SELECT sender_key, date_created, sid FROM message
WHERE status IN ('queued', 'sending') AND sender_key IS NOT NULL;

INSERT INTO unreleased_message (status, date_created, sid)
SELECT status, date_created, sid FROM message WHERE status IN ('scheduled', 'accepted');

INSERT INTO sent_message (sid) SELECT sid FROM message WHERE status = 'sent';

DROP INDEX IF EXISTS message_sender_queue_idx;
DROP INDEX IF EXISTS message_unreleased_idx;
DROP INDEX IF EXISTS message_sent_idx;

-- Room on each page for the new versions of its rows: an update is made in place only when the
-- new version fits on the row's page. New pages only; existing ones fill as they did.
ALTER TABLE message SET (fillfactor = 80);
