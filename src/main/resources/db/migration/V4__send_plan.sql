-- Each message's send plan, fixed when it is accepted: whether it goes as MMS, and the encoding
-- and segments of the text the carrier receives. The text itself is not stored twice: it is the
-- body, followed for an MMS sent as SMS by its media URLs one per line (SendPlan.stored).
-- num_segments and encoding stay as the API reports them (0 and NULL on a Messaging Service
-- message until its sender is chosen); these columns are what the throttle charges and the
-- carrier sends. NULL on rows written before this migration: they are planned again from their
-- body and media when read.
ALTER TABLE message
  ADD COLUMN plan_mms boolean,
  ADD COLUMN plan_encoding text,
  ADD COLUMN plan_segments integer;
