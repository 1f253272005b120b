-- A throttle refills a sender's window from queued_message, and a window holds of each message
-- only its place, its segments and its validity period. The refill read the segments and the
-- validity period from message: one message page per queued message, and under a backlog
-- larger than shared_buffers a refill of 193 took 290 ms on average, most of it in message's
-- pages (benchmarks/RESULTS.md). Queue rows now carry both, so a refill reads only the queue.
--
-- Nullable, and not filled here: a row written before this migration, or by a pod of an earlier
-- version during a rolling upgrade, has neither, and the refill reads those two values from the
-- message for it. Adding a nullable column without a default changes no row, so the migration
-- takes a moment whatever the table holds.
ALTER TABLE queued_message
  ADD COLUMN num_segments integer,
  ADD COLUMN validity_period integer;
