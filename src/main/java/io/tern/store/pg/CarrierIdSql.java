package io.tern.store.pg;

/** The statements of {@link PgCarrierIds}; the ids are written with {@code sent} ({@link MessageSql#APPLY_STATUS_CHANGES}). */
final class CarrierIdSql {
  private CarrierIdSql() {}

  /**
   * Ids are looked up by key with LATERAL ... LIMIT 1 here and below: given a batch of many
   * reports and a young table without statistics, the planner otherwise hashes the whole id or
   * report table for each statement.
   *
   * <p>Keeps reports ($1 connections, $2 ids, $3 statuses, $4 error codes, $5 error messages, $6 done
   * dates, $7 received times) unless their id has one, the first of a call first. One statement
   * and one commit for a batch of reports. Answers, for each report whose id is recorded (by its
   * 1-based position), the message sid, how many parts it has and the report kept for the id
   * before this statement, if any: a one-part message's outcome is known from that alone.
   */
  static final String KEEP_ALL = """
      WITH r AS (
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[],
            $6::timestamptz[], $7::timestamptz[]) WITH ORDINALITY
          AS r(connection, carrier_id, status, error_code, error_message, done_date, received_at,
            position)
      ), known AS MATERIALIZED (
        SELECT r.position, i.message_sid, i.parts
        FROM r CROSS JOIN LATERAL (
          SELECT message_sid, parts FROM carrier_id k
          WHERE k.connection = r.connection AND k.carrier_id = r.carrier_id LIMIT 1
        ) i
      ), kept AS (
        INSERT INTO carrier_report (connection, carrier_id, status, error_code, error_message,
            done_date, received_at, matched)
        SELECT r.connection, r.carrier_id, r.status, r.error_code, r.error_message, r.done_date,
            r.received_at, known.position IS NOT NULL
        FROM r LEFT JOIN known ON known.position = r.position
        ORDER BY r.position
        ON CONFLICT (connection, carrier_id) DO NOTHING
      )
      SELECT known.position, known.message_sid, known.parts, e.connection, e.carrier_id,
          e.status, e.error_code, e.error_message, e.done_date, e.received_at
      FROM known JOIN r ON r.position = known.position
      LEFT JOIN LATERAL (
        SELECT * FROM carrier_report k
        WHERE k.connection = r.connection AND k.carrier_id = r.carrier_id LIMIT 1
      ) e ON true
      """;

  /**
   * The parts of the messages $1 in order, each with its report if kept (looked up per part).
   * The messages' parts are read per sid too (LATERAL ... LIMIT): asked as {@code message_sid =
   * ANY($1)}, a planner without statistics takes a few dozen sids for a quarter of the table and
   * scans all of it. 255 is the most parts a concatenated SMS can have (an 8-bit count).
   */
  static final String PARTS = """
      SELECT i.message_sid, i.part, i.parts, r.connection, r.carrier_id, r.status, r.error_code,
          r.error_message, r.done_date, r.received_at
      FROM unnest($1::text[]) AS s(sid)
      CROSS JOIN LATERAL (
        SELECT * FROM carrier_id p WHERE p.message_sid = s.sid ORDER BY p.part LIMIT 255
      ) i
      LEFT JOIN LATERAL (
        SELECT * FROM carrier_report k
        WHERE k.connection = i.connection AND k.carrier_id = i.carrier_id
        LIMIT 1
      ) r ON true
      ORDER BY i.message_sid, i.part
      """;

  /** Reports kept before their id was recorded whose id is recorded now. */
  static final String RECENTLY_MATCHED = """
      SELECT DISTINCT i.message_sid
      FROM carrier_report r
      CROSS JOIN LATERAL (
        SELECT message_sid FROM carrier_id k
        WHERE k.connection = r.connection AND k.carrier_id = r.carrier_id
        LIMIT 1
      ) i
      WHERE NOT r.matched
      LIMIT $1
      """;

  static final String MARK_MATCHED = """
      UPDATE carrier_report r SET matched = true
      FROM (
        SELECT k.connection, k.carrier_id
        FROM unnest($1::text[]) AS s(sid)
        CROSS JOIN LATERAL (
          SELECT * FROM carrier_id p WHERE p.message_sid = s.sid ORDER BY p.part LIMIT 255
        ) i
        CROSS JOIN LATERAL (
          SELECT connection, carrier_id FROM carrier_report k
          WHERE k.connection = i.connection AND k.carrier_id = i.carrier_id LIMIT 1
        ) k
      ) kept
      WHERE r.connection = kept.connection AND r.carrier_id = kept.carrier_id AND NOT r.matched
      """;

  static final String AWAITING_REPORTS = """
      SELECT s.sid, m.to_address, array_agg(i.carrier_id ORDER BY i.part) AS ids
      FROM sent_message s
      JOIN message m ON m.sid = s.sid AND m.status = 'sent'
      JOIN carrier_id i ON i.message_sid = s.sid AND i.connection = $1
      WHERE s.sid > $2
      GROUP BY s.sid, m.to_address
      ORDER BY s.sid
      LIMIT $3
      """;

  static final String FORGET_REPORTS = "DELETE FROM carrier_report WHERE received_at < $1";
}
