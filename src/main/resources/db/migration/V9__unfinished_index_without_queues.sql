-- Recovery by status reads only scheduled and accepted messages (ScheduledReleaseVerticle,
-- SenderAssignmentVerticle); queued and sending ones are found per sender through
-- message_sender_queue_idx. Keeping them in this index as well cost an index entry for every
-- message accepted and every message handed to the carrier, in an index that no read used.
DROP INDEX message_unfinished_idx;
CREATE INDEX message_unfinished_idx ON message (status, date_created, sid)
  WHERE status IN ('scheduled', 'accepted');
