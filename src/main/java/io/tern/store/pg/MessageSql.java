package io.tern.store.pg;

/**
 * Every statement {@link PgMessageStore} runs. Parameters are cast where PostgreSQL cannot infer
 * their type (optional filters compared with NULL, array parameters).
 */
final class MessageSql {
  private MessageSql() {}

  /** Columns read back into a {@link io.tern.store.Message}; see {@link PgRows#message}. */
  private static final String MESSAGE_COLUMNS = """
      m.sid, m.account_sid, m.to_address, m.from_address, m.messaging_service_sid, m.body,
      m.status, m.direction, m.num_segments, m.encoding, m.error_code, m.error_message, m.price,
      m.price_unit, m.status_callback, m.validity_period, m.send_at, m.date_created,
      m.date_updated, m.date_sent,
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

  /**
   * Inserts one message with its media and claims its idempotency key, in one statement so it
   * is atomic on its own and inside a batch. $25 is the key or NULL; a key created at or before
   * $26 is outside its window and is taken over by the new message. Returns the
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
            date_sent)
        SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text,
            $9::integer, $10::text, $11::integer, $12::text, $13::text, $14::text, $15::text,
            $16::integer, $17::timestamptz, $18::timestamptz, $19::timestamptz, $20::timestamptz
        WHERE $25::text IS NULL OR EXISTS (SELECT 1 FROM claim)
        RETURNING sid, account_sid
      ), media AS (
        INSERT INTO message_media (sid, message_sid, account_sid, position, url, content_type,
            date_created)
        SELECT u.sid, i.sid, i.account_sid, u.position, u.url, u.content_type, u.date_created
        FROM inserted i,
            unnest($21::text[], $22::text[], $23::text[], $24::timestamptz[])
              WITH ORDINALITY AS u(sid, url, content_type, date_created, position)
      )
      SELECT sid FROM inserted
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

  /** Replaces every field but sid, account, dateCreated and media; returns the new state. */
  static final String UPDATE = "WITH m AS (" + """
        UPDATE message SET to_address = $3, from_address = $4, messaging_service_sid = $5,
            body = $6, status = $7, direction = $8, num_segments = $9, encoding = $10,
            error_code = $11, error_message = $12, price = $13, price_unit = $14,
            status_callback = $15, validity_period = $16, send_at = $17, date_updated = $18,
            date_sent = $19
        WHERE account_sid = $2 AND sid = $1
        RETURNING *
      )
      SELECT\s""" + MESSAGE_COLUMNS + "FROM m\n" + MEDIA_OF_M;

  /** Media, feedback and idempotency key go with it (ON DELETE CASCADE). */
  static final String DELETE = "DELETE FROM message WHERE account_sid = $1 AND sid = $2";

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
}
