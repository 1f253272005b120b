-- The message lifecycle: sender queues found again after a restart, forward-only status changes,
-- and the status callback outbox written in the same transaction as the change it reports.

-- Who a message queues behind (Message.senderKey()): the number or short code, or
-- "account:ID" for an alphanumeric ID; NULL until a Messaging Service assigns a sender. Written
-- by the application on insert and on sender assignment; the backfill below is the same rule.
ALTER TABLE message ADD COLUMN sender_key text;
UPDATE message
SET sender_key = CASE WHEN from_address ~ '^\+?[0-9]+$' THEN from_address
                      ELSE account_sid || ':' || from_address END
WHERE from_address IS NOT NULL;

-- Callbacks written for the message so far: the next callback's sequence. On the message row,
-- so concurrent changes of one message, serialized by its row lock, number them without gaps.
ALTER TABLE message ADD COLUMN callback_count integer NOT NULL DEFAULT 0;

-- Refill and recovery of one sender's queue in creation order; only messages still queued or
-- being sent are in it, so it stays as small as the queues.
CREATE INDEX message_sender_queue_idx ON message (sender_key, date_created, sid)
  WHERE status IN ('queued', 'sending');

-- Recovery by status in creation order, with the sid as the cursor's tie-break.
DROP INDEX message_unfinished_idx;
CREATE INDEX message_unfinished_idx ON message (status, date_created, sid)
  WHERE status IN ('scheduled', 'accepted', 'queued', 'sending');

-- The outbox. A row is pending while outcome is NULL; DELIVERED or GAVE_UP finish it. Finished
-- rows stay with their attempts, as the message's callback history, until the message goes.
CREATE TABLE status_callback (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_sid       text NOT NULL REFERENCES message (sid) ON DELETE CASCADE,
  account_sid       text NOT NULL,
  url               text NOT NULL,
  status            text NOT NULL,
  sequence          integer NOT NULL,
  params            jsonb NOT NULL,        -- the form parameters, fixed at the status change
  idempotency_token text NOT NULL,
  attempts          integer NOT NULL,
  next_attempt_at   timestamptz NOT NULL,
  created_at        timestamptz NOT NULL,
  outcome           text,
  finished_at       timestamptz,
  -- Also serves "has this message an earlier callback pending?" (a message has a few rows)
  -- and the cascade from message.
  UNIQUE (message_sid, sequence)
);
-- What is due, earliest first; finished callbacks (the vast majority) stay out of it.
CREATE INDEX status_callback_due_idx ON status_callback (next_attempt_at, id)
  WHERE outcome IS NULL;

CREATE TABLE status_callback_attempt (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  callback_id     bigint NOT NULL REFERENCES status_callback (id) ON DELETE CASCADE,
  attempted_at    timestamptz NOT NULL,
  http_status     integer,
  error           text,
  outcome         text NOT NULL,
  next_attempt_at timestamptz
);
CREATE INDEX status_callback_attempt_callback_idx ON status_callback_attempt (callback_id, id);
