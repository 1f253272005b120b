package io.tern.store.pg;

/**
 * Every statement {@link PgMessageStore} runs. Parameters are cast where PostgreSQL cannot infer
 * their type (optional filters compared with NULL, array parameters).
 */
final class MessageSql {
  private MessageSql() {}

  /** The cheapest round trip, for readiness. */
  static final String PING = "SELECT 1";

  /** Columns read back into a {@link io.tern.message.Message}; see {@link PgRows#message}. */
  private static final String MESSAGE_COLUMNS = """
      m.sid, m.account_sid, m.to_address, m.from_address, m.messaging_service_sid, m.body,
      m.status, m.direction, m.num_segments, m.encoding, m.error_code, m.error_message, m.price,
      m.price_unit, m.status_callback, m.validity_period, m.send_at, m.date_created,
      m.date_updated, m.date_sent, m.plan_mms, m.plan_encoding, m.plan_segments,
      md.media_sids, md.media_urls, md.media_types, md.media_dates
      """;

  /** A message's media as parallel arrays in position order; NULL arrays when it has none. */
  private static final String MEDIA_OF_M = """
      CROSS JOIN LATERAL (
        SELECT array_agg(x.sid ORDER BY x.position) AS media_sids,
               array_agg(x.url ORDER BY x.position) AS media_urls,
               array_agg(x.content_type ORDER BY x.position) AS media_types,
               array_agg(x.date_created ORDER BY x.position) AS media_dates
        FROM message_media x WHERE x.message_sid = m.sid) md
      """;

  /*
   * The stage tables (V11): queued_message, unreleased_message and sent_message hold a message
   * while its status is queued or sending, scheduled or accepted, and sent. They replace
   * indexes of message keyed or filtered on status, so that a status change can update the
   * message row in place (a HOT update). Every statement that inserts a message or changes its
   * status moves it in and out of them in the same statement; every reader joins message and
   * checks the status again, but for the throttle's refill ({@link #SENDER_QUEUE_FIRST}), whose
   * queue rows carry what it reads (V12).
   */

  /**
   * CTEs entering the rows of CTE {@code inserted} (sid, status, date_created, sender_key,
   * num_segments, validity_period) in the stage tables their status calls for; a statement goes
   * on from here with its SELECT.
   */
  private static final String STAGES_OF_INSERTED = """
       queued AS (
        INSERT INTO queued_message (sender_key, date_created, sid, num_segments, validity_period)
        SELECT sender_key, date_created, sid, num_segments, validity_period FROM inserted
        WHERE status IN ('queued', 'sending') AND sender_key IS NOT NULL
      ), unreleased AS (
        INSERT INTO unreleased_message (status, date_created, sid)
        SELECT status, date_created, sid FROM inserted WHERE status IN ('scheduled', 'accepted')
      ), sent AS (
        INSERT INTO sent_message (sid) SELECT sid FROM inserted WHERE status = 'sent'
      )
      """;

  /**
   * Inserts one message with its media and claims its idempotency key, in one statement so it
   * is atomic on its own and inside a batch. $25 is the key or NULL; a key created at or before
   * $26 is outside its window and is taken over by the new message. $27 is the sender key
   * ({@link io.tern.message.Message#senderKey}); $28-$30 the send plan's MMS flag, encoding and
   * segments. Returns the
   * sid when the message was inserted, no row when the key belongs to an earlier message. Two
   * concurrent claims of one key serialize on its primary key, so only one inserts.
   */
  static final String INSERT = """
      WITH claim AS (
        INSERT INTO idempotency_key AS k (account_sid, idempotency_key, message_sid, created_at)
        SELECT $2::text, $25::text, $1::text, $18::timestamptz WHERE $25::text IS NOT NULL
        ON CONFLICT (account_sid, idempotency_key) DO UPDATE
          SET message_sid = EXCLUDED.message_sid, created_at = EXCLUDED.created_at
          WHERE k.created_at <= $26::timestamptz
        RETURNING message_sid
      ), inserted AS (
        INSERT INTO message (sid, account_sid, to_address, from_address, messaging_service_sid,
            body, status, direction, num_segments, encoding, error_code, error_message, price,
            price_unit, status_callback, validity_period, send_at, date_created, date_updated,
            date_sent, sender_key, plan_mms, plan_encoding, plan_segments)
        SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text,
            $9::integer, $10::text, $11::integer, $12::text, $13::text, $14::text, $15::text,
            $16::integer, $17::timestamptz, $18::timestamptz, $19::timestamptz, $20::timestamptz,
            $27::text, $28::boolean, $29::text, $30::integer
        WHERE $25::text IS NULL OR EXISTS (SELECT 1 FROM claim)
        RETURNING sid, account_sid, status, date_created, sender_key, num_segments,
            validity_period
      ), media AS (
        INSERT INTO message_media (sid, message_sid, account_sid, position, url, content_type,
            date_created)
        SELECT u.sid, i.sid, i.account_sid, u.position, u.url, u.content_type, u.date_created
        FROM inserted i,
            unnest($21::text[], $22::text[], $23::text[], $24::timestamptz[])
              WITH ORDINALITY AS u(sid, url, content_type, date_created, position)
      ),""" + STAGES_OF_INSERTED + """
      SELECT sid FROM inserted
      """;

  /**
   * Inserts many messages without media or idempotency key at once, from one array per column
   * (the values of {@link #INSERT}'s $1-$20 and $27-$30, element i of each array being message i):
   * one statement, one plan and one commit for the lot, where {@link #INSERT} executes three
   * inserts per message. Fails as a whole if any message fails.
   */
  static final String INSERT_MANY = """
      WITH inserted AS (
        INSERT INTO message (sid, account_sid, to_address, from_address, messaging_service_sid,
            body, status, direction, num_segments, encoding, error_code, error_message, price,
            price_unit, status_callback, validity_period, send_at, date_created, date_updated,
            date_sent, sender_key, plan_mms, plan_encoding, plan_segments)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
            $6::text[], $7::text[], $8::text[], $9::integer[], $10::text[], $11::integer[],
            $12::text[], $13::text[], $14::text[], $15::text[], $16::integer[],
            $17::timestamptz[], $18::timestamptz[], $19::timestamptz[], $20::timestamptz[],
            $21::text[], $22::boolean[], $23::text[], $24::integer[])
        RETURNING sid, status, date_created, sender_key, num_segments, validity_period
      ),""" + STAGES_OF_INSERTED + """
      SELECT count(*) FROM inserted
      """;

  static final String FIND = "SELECT " + MESSAGE_COLUMNS + """
      FROM message m
      """ + MEDIA_OF_M + """
      WHERE m.account_sid = $1 AND m.sid = $2
      """;

  /** The message an idempotency key answers with. */
  static final String FIND_BY_IDEMPOTENCY_KEY = "SELECT " + MESSAGE_COLUMNS + """
      FROM idempotency_key k
      JOIN message m ON m.sid = k.message_sid AND m.account_sid = k.account_sid
      """ + MEDIA_OF_M + """
      WHERE k.account_sid = $1 AND k.idempotency_key = $2
      """;

  private static final String LIST_FILTERS = """
        AND ($2::text IS NULL OR p.to_address = $2::text)
        AND ($3::text IS NULL OR p.from_address = $3::text)
        AND ($4::timestamptz IS NULL OR p.date_sent >= $4::timestamptz)
        AND ($5::timestamptz IS NULL OR p.date_sent < $5::timestamptz)
      """;

  private static final String NEWEST_FIRST = " ORDER BY m.date_created DESC, m.sid DESC\n";

  /** First page: $1 account, $2-$5 filters or NULL, $6 limit (page size + 1). */
  static final String LIST_FIRST_PAGE = "SELECT " + MESSAGE_COLUMNS + """
      FROM (
        SELECT p.* FROM message p
        WHERE p.account_sid = $1::text
      """ + LIST_FILTERS + """
        ORDER BY p.date_created DESC, p.sid DESC
        LIMIT $6
      ) m
      """ + MEDIA_OF_M + NEWEST_FIRST;

  /**
   * Next pages: as {@link #LIST_FIRST_PAGE}, strictly after message $7's position. The position
   * comes from a join rather than a subquery so the row comparison can bound the index scan.
   * No such message in the account: no position, no rows.
   */
  static final String LIST_AFTER = "SELECT " + MESSAGE_COLUMNS + """
      FROM (
        SELECT p.* FROM message p
        JOIN message a ON a.account_sid = $1::text AND a.sid = $7::text
        WHERE p.account_sid = $1::text
          AND (p.date_created, p.sid) < (a.date_created, a.sid)
      """ + LIST_FILTERS + """
        ORDER BY p.date_created DESC, p.sid DESC
        LIMIT $6
      ) m
      """ + MEDIA_OF_M + NEWEST_FIRST;

  /**
   * Walking back: as {@link #LIST_AFTER}, the rows strictly before message $7's position (newer
   * ones), nearest first so the limit keeps the right ones, then newest first.
   */
  static final String LIST_BEFORE = "SELECT " + MESSAGE_COLUMNS + """
      FROM (
        SELECT p.* FROM message p
        JOIN message a ON a.account_sid = $1::text AND a.sid = $7::text
        WHERE p.account_sid = $1::text
          AND (p.date_created, p.sid) > (a.date_created, a.sid)
      """ + LIST_FILTERS + """
        ORDER BY p.date_created ASC, p.sid ASC
        LIMIT $6
      ) m
      """ + MEDIA_OF_M + NEWEST_FIRST;

  /** Redaction: the body only, and only of a message in a final state. */
  static final String REDACT = "WITH m AS (" + """
        UPDATE message SET body = '', date_updated = $3
        WHERE account_sid = $1 AND sid = $2
          AND status IN ('sent', 'delivered', 'undelivered', 'failed', 'canceled', 'received', 'read')
        RETURNING *
      )
      SELECT\s""" + MESSAGE_COLUMNS + "FROM m\n" + MEDIA_OF_M;

  /**
   * Media, feedback and idempotency key go with it (ON DELETE CASCADE). Returns the keys of its
   * stage table rows for {@link #DELETE_STATUS_ROWS}: the row's latest version, whatever a status
   * change committed while the delete waited for it.
   */
  static final String DELETE = """
      DELETE FROM message WHERE account_sid = $1 AND sid = $2
      RETURNING sender_key, date_created
      """;

  /**
   * The carrier ids, status callbacks and stage table rows of message $1 (sender key $2, created
   * $3), which have no foreign key to it (see V9 and V11): run after {@link #DELETE} in its
   * transaction, so its snapshot is taken once the message row is gone and sees whatever a
   * status change committed before that.
   */
  static final String DELETE_STATUS_ROWS = """
      WITH ids AS (DELETE FROM carrier_id WHERE message_sid = $1),
      queued AS (
        DELETE FROM queued_message WHERE sender_key = $2 AND date_created = $3 AND sid = $1
      ),
      unreleased AS (
        DELETE FROM unreleased_message
        WHERE status IN ('scheduled', 'accepted') AND date_created = $3 AND sid = $1
      ),
      sent AS (DELETE FROM sent_message WHERE sid = $1)
      DELETE FROM status_callback WHERE message_sid = $1
      """;

  static final String DELETE_MEDIA = """
      DELETE FROM message_media WHERE account_sid = $1 AND message_sid = $2 AND sid = $3
      """;

  /** Upsert, only for a message of the account; a replacement keeps the first date_created. */
  static final String SAVE_FEEDBACK = """
      INSERT INTO message_feedback (message_sid, account_sid, outcome, date_created, date_updated)
      SELECT m.sid, m.account_sid, $3, $4, $5 FROM message m
      WHERE m.account_sid = $1 AND m.sid = $2
      ON CONFLICT (message_sid) DO UPDATE
        SET outcome = EXCLUDED.outcome, date_updated = EXCLUDED.date_updated
      RETURNING account_sid, message_sid, outcome, date_created, date_updated
      """;

  static final String EXPIRE_IDEMPOTENCY_KEYS = "DELETE FROM idempotency_key WHERE created_at < $1";

  // Lifecycle

  /**
   * Applies a round of status changes, at most one per message, and writes their callbacks, in
   * one statement: one plan and one execution for the round where a statement per change
   * executed four sub-statements per change. A batch with several changes of one message is
   * several rounds (its first changes, then its second ones...) in one executeBatch: one round
   * trip and one transaction, each round seeing the one before. Java decides every rule and
   * passes the decision; the SQL only applies it. Element i of each array is change i:
   *
   * <ul>
   *   <li>$1 sid, $2 new status, $3 at; $4-$11 error code, error message, date sent, price,
   *       price unit, from, segments, encoding, each NULL to keep the stored value;
   *   <li>$12 whether $9 is an account-scoped sender (alphanumeric ID), for the sender key;
   *   <li>$13 the statuses the message may be in for the change to apply (forward only), comma
   *       separated (one array per change would make a two-dimensional array, which must be
   *       rectangular);
   *   <li>$14 whether the new status is reported for every message, $15 for a Messaging Service
   *       message; a reported change of a message with a callback URL (its own, else its
   *       service's) writes an outbox row whose sequence is the message's callback count;
   *   <li>$16 whether the callback carries ErrorCode, $17 its RawDlrDoneDate or NULL, $18 its
   *       idempotency token; $19 (one value) the ApiVersion;
   *   <li>$20-$24 the carrier ids of the {@code sent} changes, one element per part: the change's
   *       position (1-based), connection, id, part (0-based) and parts; written for the changes
   *       that apply, in this statement, so they commit together.
   * </ul>
   *
   * <p>The service is joined by its key alone, its account compared after: the statement runs
   * with a generic plan ({@link PgStores#WRITE_PLANNING}), and one made on an empty table took
   * the account's index to find it, reading all of the account's services per change.
   *
   * <p>The messages are locked first, in sid order (ORDER BY under FOR NO KEY UPDATE locks in
   * that order whatever join the planner picks), as {@link #LOCK_MESSAGES_OF_CALLBACKS} does, so
   * two rounds or a round and the recording of attempts cannot deadlock. The lock also makes
   * target read the latest row, which the UPDATE then changes.
   *
   * <p>A new callback is its message's head (the one that may be due) when none was pending.
   * That is read from the message's callback_head as this statement's UPDATE sees it: the
   * locked, latest row, even when an attempt finishing the old head committed while this
   * statement waited for the lock (the statement's snapshot would not show that).
   *
   * <p>A change moves the message between the stage tables (see {@link #STAGES_OF_INSERTED}):
   * out of the one its old status (read under the lock in target) called for, into the one its
   * new status calls for; a change within a stage, such as queued to sending, touches none.
   *
   * <p>The callback parameters mirror {@link io.tern.store.CallbackForm#of}: jsonb_strip_nulls
   * leaves out what is absent, as the Java map does. Returns each updated message with the
   * change's position in the arrays (1-based); a change not applied has no row.
   */
  static final String APPLY_STATUS_CHANGES = """
      WITH target AS MATERIALIZED (
        SELECT c.*, url.callback_url, t.status AS old_status, t.sender_key AS old_sender_key,
            url.callback_url IS NOT NULL
              AND (c.reports_all OR (c.reports_service AND t.messaging_service_sid IS NOT NULL))
              AS reported
        FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::integer[], $5::text[],
            $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::integer[], $11::text[],
            $12::boolean[], $13::text[], $14::boolean[], $15::boolean[], $16::boolean[],
            $17::text[], $18::text[])
          WITH ORDINALITY AS c(change_sid, new_status, at, error_code, error_message, date_sent,
            price, price_unit, new_from, num_segments, encoding, scoped_sender, moves_from,
            reports_all, reports_service, carries_error, raw_dlr_done_date, token, position)
        JOIN message t ON t.sid = c.change_sid
        LEFT JOIN messaging_service s ON s.sid = t.messaging_service_sid
        CROSS JOIN LATERAL (
          SELECT COALESCE(t.status_callback,
              CASE WHEN s.account_sid = t.account_sid THEN s.status_callback END) AS callback_url
        ) url
        ORDER BY t.sid
        FOR NO KEY UPDATE OF t
      ), m AS (
        UPDATE message u SET
            status = c.new_status,
            date_updated = c.at,
            error_code = COALESCE(c.error_code, u.error_code),
            error_message = COALESCE(c.error_message, u.error_message),
            date_sent = COALESCE(c.date_sent, u.date_sent),
            price = COALESCE(c.price, u.price),
            price_unit = COALESCE(c.price_unit, u.price_unit),
            from_address = COALESCE(c.new_from, u.from_address),
            num_segments = COALESCE(c.num_segments, u.num_segments),
            encoding = COALESCE(c.encoding, u.encoding),
            sender_key = CASE WHEN c.new_from IS NULL THEN u.sender_key
                              WHEN c.scoped_sender THEN u.account_sid || ':' || c.new_from
                              ELSE c.new_from END,
            callback_count = u.callback_count + CASE WHEN c.reported THEN 1 ELSE 0 END,
            callback_head = CASE WHEN c.reported
                                 THEN COALESCE(u.callback_head, u.callback_count + 1)
                                 ELSE u.callback_head END
        FROM target c
        WHERE u.sid = c.change_sid AND u.status = ANY(string_to_array(c.moves_from, ','))
        RETURNING u.*, c.callback_url, c.reported, c.position, c.at, c.carries_error,
            c.raw_dlr_done_date, c.token, c.old_status, c.old_sender_key
      ), callback AS (
        INSERT INTO status_callback (message_sid, account_sid, url, status, sequence, params,
            idempotency_token, attempts, next_attempt_at, created_at, head)
        SELECT m.sid, m.account_sid, m.callback_url, m.status, m.callback_count,
            jsonb_strip_nulls(jsonb_build_object(
              'MessageSid', m.sid, 'SmsSid', m.sid,
              'MessageStatus', m.status, 'SmsStatus', m.status,
              'AccountSid', m.account_sid, 'From', m.from_address, 'To', m.to_address,
              'ApiVersion', $19::text, 'MessagingServiceSid', m.messaging_service_sid,
              'ErrorCode', CASE WHEN m.carries_error THEN m.error_code::text END,
              'RawDlrDoneDate', m.raw_dlr_done_date)),
            m.token, 0, m.at, m.at, m.callback_head = m.callback_count
        FROM m WHERE m.reported
      ), carrier_ids AS (
        INSERT INTO carrier_id (connection, carrier_id, message_sid, part, parts)
        SELECT x.connection, x.carrier_id, m.sid, x.part, x.parts
        FROM unnest($20::integer[], $21::text[], $22::text[], $23::integer[], $24::integer[])
          AS x(position, connection, carrier_id, part, parts)
        JOIN m ON m.position = x.position
        ON CONFLICT (connection, carrier_id) DO UPDATE
          SET message_sid = excluded.message_sid, part = excluded.part, parts = excluded.parts
      ), left_queue AS (
        DELETE FROM queued_message q USING m
        WHERE q.sender_key = m.old_sender_key AND q.date_created = m.date_created
          AND q.sid = m.sid AND m.old_status IN ('queued', 'sending')
          AND (m.status NOT IN ('queued', 'sending') OR m.sender_key <> m.old_sender_key)
      ), joined_queue AS (
        INSERT INTO queued_message (sender_key, date_created, sid, num_segments, validity_period)
        SELECT m.sender_key, m.date_created, m.sid, m.num_segments, m.validity_period FROM m
        WHERE m.status IN ('queued', 'sending') AND m.sender_key IS NOT NULL
          AND (m.old_status NOT IN ('queued', 'sending')
               OR m.sender_key IS DISTINCT FROM m.old_sender_key)
        ON CONFLICT DO NOTHING
      ), left_unreleased AS (
        DELETE FROM unreleased_message r USING m
        WHERE r.status = m.old_status AND r.date_created = m.date_created AND r.sid = m.sid
          AND m.old_status IN ('scheduled', 'accepted') AND m.status <> m.old_status
      ), joined_unreleased AS (
        INSERT INTO unreleased_message (status, date_created, sid)
        SELECT m.status, m.date_created, m.sid FROM m
        WHERE m.status IN ('scheduled', 'accepted') AND m.status <> m.old_status
        ON CONFLICT DO NOTHING
      ), left_sent AS (
        DELETE FROM sent_message s USING m
        WHERE s.sid = m.sid AND m.old_status = 'sent' AND m.status <> 'sent'
      ), joined_sent AS (
        INSERT INTO sent_message (sid)
        SELECT m.sid FROM m WHERE m.status = 'sent' AND m.old_status <> 'sent'
        ON CONFLICT DO NOTHING
      )
      SELECT m.position,\s""" + MESSAGE_COLUMNS + "FROM m\n" + MEDIA_OF_M;

  private static final String CALLBACK_COLUMNS = """
      c.id, c.message_sid, c.account_sid, c.url, c.status, c.sequence, c.params,
      c.idempotency_token, c.attempts, c.next_attempt_at, c.created_at
      """;

  /**
   * Pending callbacks due at $1, earliest first, at most $2, without the ids in $3; a callback
   * waits while an earlier one of its message is pending. Only heads (a message's lowest pending sequence) are read,
   * through status_callback_head_due_idx: the scan stops at the limit whatever the backlog
   * behind the heads and whatever statistics the planner has, so it runs as a prepared
   * statement (its generic plan is that same index scan: the predicate is a literal).
   */
  static final String DUE_CALLBACKS = "SELECT " + CALLBACK_COLUMNS + """
      FROM status_callback c
      WHERE c.head AND c.next_attempt_at <= $1 AND c.id <> ALL($3::bigint[])
      ORDER BY c.next_attempt_at, c.id
      LIMIT $2
      """;

  /**
   * Locks the messages of callbacks $1 (ids), in sid order as the status changes do, so the
   * attempts recorded after it in the same transaction see every callback those messages have
   * (READ COMMITTED: a later statement's snapshot is taken after the lock) and no status change
   * writes one meanwhile. The head of a message only moves under this lock.
   */
  static final String LOCK_MESSAGES_OF_CALLBACKS = """
      SELECT m.sid FROM message m
      WHERE m.sid IN (SELECT c.message_sid FROM status_callback c WHERE c.id = ANY($1::bigint[]))
      ORDER BY m.sid
      FOR NO KEY UPDATE OF m
      """;

  /**
   * Records attempt ($2 at, $3 HTTP status, $4 error, $5 outcome, $6 next attempt) of pending
   * callback $1: RETRY keeps it pending until $6; DELIVERED and GAVE_UP finish it. A finished
   * head hands over to the message's lowest pending callback, if any (callback_head on the
   * message, head on the callback). Run after {@link #LOCK_MESSAGES_OF_CALLBACKS} in the same
   * transaction. Returns the attempt's id, or no row when the callback is not pending.
   */
  static final String RECORD_CALLBACK_ATTEMPT = """
      WITH c AS (
        UPDATE status_callback SET
            attempts = attempts + 1,
            next_attempt_at = COALESCE($6::timestamptz, next_attempt_at),
            outcome = CASE WHEN $5::text = 'RETRY' THEN NULL ELSE $5::text END,
            finished_at = CASE WHEN $5::text = 'RETRY' THEN NULL ELSE $2::timestamptz END,
            head = head AND $5::text = 'RETRY'
        WHERE id = $1 AND outcome IS NULL
        RETURNING id, message_sid, sequence
      ), moved AS (
        -- The head is the lowest pending sequence, so the next is after it: the first of the
        -- message's few later rows still pending. "Pending" is asked as finished_at IS NULL
        -- (set with the outcome, always both or neither): asked as outcome IS NULL, a planner
        -- without statistics ANDs in status_callback_due_idx and reads every pending callback.
        SELECT c.message_sid, (
            SELECT n.sequence FROM status_callback n
            WHERE n.message_sid = c.message_sid AND n.sequence > c.sequence
              AND n.finished_at IS NULL
            ORDER BY n.sequence
            LIMIT 1
          ) AS next_head
        FROM c JOIN message m ON m.sid = c.message_sid
        WHERE $5::text <> 'RETRY' AND m.callback_head = c.sequence
      ), message_moved AS (
        UPDATE message m SET callback_head = moved.next_head
        FROM moved WHERE m.sid = moved.message_sid
      ), callback_moved AS (
        UPDATE status_callback n SET head = true
        FROM moved WHERE n.message_sid = moved.message_sid AND n.sequence = moved.next_head
      )
      INSERT INTO status_callback_attempt (callback_id, attempted_at, http_status, error, outcome,
          next_attempt_at)
      SELECT c.id, $2::timestamptz, $3::integer, $4::text, $5::text, $6::timestamptz FROM c
      RETURNING id
      """;

  /** Attempts at the callbacks of account $1's message $2, oldest first. */
  static final String CALLBACK_ATTEMPTS = """
      SELECT a.callback_id, a.attempted_at, a.http_status, a.error, a.outcome, a.next_attempt_at
      FROM status_callback c
      JOIN status_callback_attempt a ON a.callback_id = c.id
      WHERE c.account_sid = $1 AND c.message_sid = $2
      ORDER BY a.attempted_at, a.id
      """;

  /** The callbacks of account $1's message $2, pending or finished, by sequence. */
  static final String CALLBACKS_OF_MESSAGE = "SELECT " + CALLBACK_COLUMNS + """
      FROM status_callback c
      WHERE c.account_sid = $1 AND c.message_sid = $2
      ORDER BY c.sequence
      """;

  static final String PENDING_CALLBACK_COUNT =
      "SELECT count(*) FROM status_callback WHERE outcome IS NULL";

  // Recovery and refill

  /**
   * Every sending message back to queued: the sends a stop cut off, at the start of a gateway
   * that is not clustered. Sending messages are in queued_message, so only the queues' rows are
   * read, not the table; the change stays within the stage.
   */
  static final String REQUEUE_INTERRUPTED = """
      UPDATE message m SET status = 'queued'
      FROM queued_message q
      WHERE m.sid = q.sid AND m.sender_key = q.sender_key AND m.status = 'sending'
      """;

  /** As {@link #REQUEUE_INTERRUPTED} for the sender keys in array $1 (their queues). */
  static final String REQUEUE_INTERRUPTED_OF_SENDERS = """
      UPDATE message m SET status = 'queued'
      FROM queued_message q
      WHERE q.sender_key = ANY($1) AND m.sid = q.sid AND m.sender_key = q.sender_key
        AND m.status = 'sending'
      """;

  /**
   * Sender $1's latest send and its segments; message_sender_last_send_idx read backwards
   * answers it from its first entry (the predicate repeats the index's, as literals).
   */
  static final String LAST_SEND = """
      SELECT date_sent, num_segments FROM message
      WHERE sender_key = $1 AND date_sent IS NOT NULL AND direction <> 'inbound'
      ORDER BY date_sent DESC, num_segments DESC
      LIMIT 1
      """;

  /** The sender queues' messages, each checked against its row (s the queue's, p the message). */
  private static final String SENDER_QUEUES = """
      queued_message s
      JOIN message p ON p.sid = s.sid AND p.sender_key = s.sender_key
        AND p.status IN ('queued', 'sending')
      """;

  /** Queued and sending messages and segments per sender key. */
  static final String BACKLOG = """
      SELECT s.sender_key, count(*) AS messages, COALESCE(sum(p.num_segments), 0) AS segments
      FROM\s""" + SENDER_QUEUES + """
      GROUP BY s.sender_key
      ORDER BY s.sender_key
      """;

  /** Sender $1's queue counted: only that sender's rows of queued_message are read. */
  static final String QUEUE_DEPTH = """
      SELECT count(*) FILTER (WHERE p.status = 'queued') AS queued,
             COALESCE(sum(p.num_segments) FILTER (WHERE p.status = 'queued'), 0) AS segments,
             count(*) FILTER (WHERE p.status = 'sending') AS sending
      FROM\s""" + SENDER_QUEUES + """
      WHERE s.sender_key = $1
      """;

  /**
   * Messages from {@code source} (a stage table as {@code s} joined to its messages as
   * {@code p}, or message alone as {@code p}) matching {@code where}, oldest first (dateCreated,
   * then sid), at most $2. The order is read from {@code key} ({@code s} or {@code p}): a stage
   * table's key, whose index gives it without a sort.
   */
  private static String oldestFirst(String source, String key, String where) {
    return "SELECT " + MESSAGE_COLUMNS
        + "FROM (SELECT p.* FROM " + source + " WHERE " + where
        + " ORDER BY " + key + ".date_created, " + key + ".sid LIMIT $2) m\n"
        + MEDIA_OF_M + " ORDER BY m.date_created, m.sid\n";
  }

  /** Strictly after position ($3, $4), read from {@code key} as in {@link #oldestFirst}. */
  private static String after(String key) {
    return " AND (" + key + ".date_created, " + key + ".sid) > ($3::timestamptz, $4::text)";
  }

  private static final String UNRELEASED_MESSAGES = """
      unreleased_message s JOIN message p ON p.sid = s.sid AND p.status = s.status
      """;

  /** Sender $1's queue from the oldest, at most $2. */
  static final String QUEUED_FOR_SENDER_FIRST =
      oldestFirst(SENDER_QUEUES, "s", "s.sender_key = $1");

  /** Sender $1's queue strictly after position ($3, $4), at most $2. */
  static final String QUEUED_FOR_SENDER_AFTER =
      oldestFirst(SENDER_QUEUES, "s", "s.sender_key = $1" + after("s"));

  /**
   * Sender $1's queue from the oldest, at most $2, as a throttle window holds it: read from
   * queued_message alone, in its key's order. A row written before V12 has no segments or
   * validity period and takes them from its message (COALESCE reads the message only then).
   * The message's status is not checked: the claim that would send it does.
   */
  static final String SENDER_QUEUE_FIRST = senderQueue("");

  /** As {@link #SENDER_QUEUE_FIRST}, strictly after position ($3, $4). */
  static final String SENDER_QUEUE_AFTER = senderQueue(after("q"));

  private static String senderQueue(String after) {
    return """
        SELECT q.sid, q.date_created,
            COALESCE(q.num_segments,
                (SELECT p.num_segments FROM message p WHERE p.sid = q.sid)) AS num_segments,
            COALESCE(q.validity_period,
                (SELECT p.validity_period FROM message p WHERE p.sid = q.sid)) AS validity_period
        FROM queued_message q
        WHERE q.sender_key = $1""" + after + """

        ORDER BY q.date_created, q.sid
        LIMIT $2
        """;
  }

  /** Messages with status $1 from the oldest, at most $2; $1 is scheduled or accepted. */
  static final String UNRELEASED_BY_STATUS_FIRST =
      oldestFirst(UNRELEASED_MESSAGES, "s", "s.status = $1");

  /** As {@link #UNRELEASED_BY_STATUS_FIRST}, strictly after position ($3, $4). */
  static final String UNRELEASED_BY_STATUS_AFTER =
      oldestFirst(UNRELEASED_MESSAGES, "s", "s.status = $1" + after("s"));

  /**
   * Messages with status $1 from the oldest, at most $2; $1 is queued or sending. Every queue's
   * rows are read and sorted: nothing on the message path asks this, only tools and tests.
   */
  static final String QUEUED_BY_STATUS_FIRST = oldestFirst(SENDER_QUEUES, "s", "p.status = $1");

  /** As {@link #QUEUED_BY_STATUS_FIRST}, strictly after position ($3, $4). */
  static final String QUEUED_BY_STATUS_AFTER =
      oldestFirst(SENDER_QUEUES, "s", "p.status = $1" + after("s"));

  /** Messages with any status $1 from the oldest, at most $2: a scan. */
  static final String BY_STATUS_FIRST = oldestFirst("message p", "p", "p.status = $1");

  /** As {@link #BY_STATUS_FIRST}, strictly after position ($3, $4). */
  static final String BY_STATUS_AFTER =
      oldestFirst("message p", "p", "p.status = $1" + after("p"));

  /** The messages with the sids in $1, in array order. */
  static final String BY_SIDS = "SELECT " + MESSAGE_COLUMNS + """
      FROM unnest($1::text[]) WITH ORDINALITY AS wanted(sid, position)
      JOIN message m ON m.sid = wanted.sid
      """ + MEDIA_OF_M + """
      ORDER BY wanted.position
      """;
}
