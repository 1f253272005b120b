-- Inbound messages (io.tern.inbound). The message itself goes into `message` (direction
-- 'inbound'); a carrier's redelivery is recognised through the idempotency key the receiver
-- gives the insert (connection and carrier id), so it needs no table of its own.

-- Parts of long messages received so far, until the last part arrives or the wait is over.
CREATE TABLE inbound_part (
  group_key    text NOT NULL,          -- connection, sender, recipient, reference and total
  sequence     integer NOT NULL,
  total        integer NOT NULL,
  connection   text NOT NULL,
  carrier_id   text,
  from_address text NOT NULL,
  to_address   text NOT NULL,
  body         text NOT NULL,
  received_at  timestamptz NOT NULL,
  PRIMARY KEY (group_key, sequence)
);
CREATE INDEX inbound_part_received_idx ON inbound_part (received_at);

-- The webhook outbox: one row per stored inbound message, pending until its webhook (and
-- fallback) has been answered or given up. Written before the carrier is acknowledged.
CREATE TABLE inbound_webhook (
  message_sid     text PRIMARY KEY REFERENCES message (sid) ON DELETE CASCADE,
  account_sid     text NOT NULL,
  opt_out_type    text,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  created_at      timestamptz NOT NULL,
  finished_at     timestamptz
);
CREATE INDEX inbound_webhook_due_idx ON inbound_webhook (next_attempt_at)
  WHERE finished_at IS NULL;

-- Every request made for an inbound message: webhook, redirects, fallback.
CREATE TABLE inbound_webhook_attempt (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_sid   text NOT NULL REFERENCES message (sid) ON DELETE CASCADE,
  account_sid   text NOT NULL,
  url           text NOT NULL,
  method        text NOT NULL,
  kind          text NOT NULL,        -- webhook, redirect or fallback
  attempted_at  timestamptz NOT NULL,
  http_status   integer,
  error_code    integer,
  error         text
);
CREATE INDEX inbound_webhook_attempt_message_idx ON inbound_webhook_attempt (message_sid, id);

-- Opt-outs: a recipient who sent STOP to a sender number (scope = the number) or to a number
-- of a Messaging Service (scope = the service sid). Shared by every pod, read at validation.
CREATE TABLE opt_out (
  account_sid  text NOT NULL,
  scope        text NOT NULL,
  recipient    text NOT NULL,
  date_created timestamptz NOT NULL,
  PRIMARY KEY (account_sid, recipient, scope)
);

-- A Messaging Service's own opt-out replies (Tern's extension of the v1 Service resource):
-- no row means Twilio's default texts.
CREATE TABLE service_opt_out_reply (
  service_sid  text PRIMARY KEY REFERENCES messaging_service (sid) ON DELETE CASCADE,
  account_sid  text NOT NULL,
  enabled      boolean NOT NULL,
  stop_text    text,
  start_text   text,
  help_text    text,
  date_updated timestamptz NOT NULL
);
