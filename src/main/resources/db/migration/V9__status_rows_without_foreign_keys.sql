-- Carrier ids and status callbacks are written only by the status statement, for messages it has
-- just updated and still holds locked, so a foreign key to message proves nothing there. It did
-- cost: each check locks the new message row once more (KEY SHARE, a WAL record of its own),
-- about 40 µs per row, a third of a `sent` change. Deleting a message removes its ids and its
-- callbacks (their attempts cascade from status_callback) in the same transaction, after the
-- message row, so a status change waiting on that row cannot leave any behind.
ALTER TABLE carrier_id DROP CONSTRAINT carrier_id_message_sid_fkey;
ALTER TABLE status_callback DROP CONSTRAINT status_callback_message_sid_fkey;
