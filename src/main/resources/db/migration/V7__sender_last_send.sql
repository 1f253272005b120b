-- A sender's latest send (MessageLifecycle.lastSend): a throttle shard that starts (a restart,
-- or a shard taken over by another pod) holds each sender from there, so its pace survives the
-- move. One index entry per message sent; received messages stay out of it.
CREATE INDEX message_sender_last_send_idx ON message (sender_key, date_sent, num_segments)
  WHERE date_sent IS NOT NULL AND direction <> 'inbound';
