-- The carrier seam: the ids a carrier connection gave each message it accepted, and the
-- delivery reports that name them. Reports are matched through these tables rather than by
-- the pod that submitted, so a report finds its message on any pod and after a restart.

-- One row per part of a message, recorded in the same transaction as its `sent`. Two
-- connections may issue the same id, hence the pair as key; a carrier that recycles an id
-- gives it to the newest message.
CREATE TABLE carrier_id (
  connection  text NOT NULL,
  carrier_id  text NOT NULL,
  message_sid text NOT NULL REFERENCES message (sid) ON DELETE CASCADE,
  part        integer NOT NULL,   -- 0-based, in the order the carrier answered them
  parts       integer NOT NULL,   -- how many ids the message was given
  PRIMARY KEY (connection, carrier_id)
);
CREATE INDEX carrier_id_message_idx ON carrier_id (message_sid);

-- Every report received, the first one per id (a duplicate changes nothing). `matched` is
-- false while a report waits for its id to be recorded (it came before the submit answer was
-- written); reports are forgotten `carrier.reports.keepHours` after they were received.
CREATE TABLE carrier_report (
  connection    text NOT NULL,
  carrier_id    text NOT NULL,
  status        text NOT NULL,
  error_code    integer,
  error_message text,
  done_date     timestamptz NOT NULL,
  received_at   timestamptz NOT NULL,
  matched       boolean NOT NULL,
  PRIMARY KEY (connection, carrier_id)
);
CREATE INDEX carrier_report_unmatched_idx ON carrier_report (connection, carrier_id) WHERE NOT matched;
CREATE INDEX carrier_report_received_idx ON carrier_report (received_at);

-- Messages sent and not yet reported: what a connection whose far end forgets on restart (the
-- simulated carrier) still owes reports for.
CREATE INDEX message_sent_idx ON message (sid) WHERE status = 'sent';
