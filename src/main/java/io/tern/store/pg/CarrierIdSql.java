package io.tern.store.pg;

/** The statements of {@link PgCarrierIds} and of the carrier ids written with {@code sent}. */
final class CarrierIdSql {
  private CarrierIdSql() {}

  /**
   * $1 connections, $2 ids, $3 message sids, $4 parts (0-based), $5 parts per message. Written
   * only for a {@code sent} that applied, which happens once per message.
   */
  static final String RECORD = """
      INSERT INTO carrier_id (connection, carrier_id, message_sid, part, parts)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::integer[])
      ON CONFLICT (connection, carrier_id) DO UPDATE
        SET message_sid = excluded.message_sid, part = excluded.part, parts = excluded.parts
      """;

  /**
   * Keeps reports ($1 connections, $2 ids, $3 statuses, $4 error codes, $5 error messages, $6 done
   * dates, $7 received times) unless their id has one; answers the message sid of each id that
   * is recorded. One statement and one commit for a batch of reports.
   */
  static final String KEEP_ALL = """
      WITH r AS (
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[],
            $6::timestamptz[], $7::timestamptz[])
          AS r(connection, carrier_id, status, error_code, error_message, done_date, received_at)
      ), kept AS (
        INSERT INTO carrier_report (connection, carrier_id, status, error_code, error_message,
            done_date, received_at, matched)
        SELECT r.*, EXISTS (SELECT 1 FROM carrier_id i
            WHERE i.connection = r.connection AND i.carrier_id = r.carrier_id)
        FROM r
        ON CONFLICT (connection, carrier_id) DO NOTHING
      )
      SELECT DISTINCT r.connection, r.carrier_id, i.message_sid
      FROM r JOIN carrier_id i ON i.connection = r.connection AND i.carrier_id = r.carrier_id
      """;

  /**
   * The parts of the messages $1 in order, each with its report if kept. The report is looked up
   * per part (LATERAL ... LIMIT 1 keeps the planner from hashing the whole report table, which
   * it does for a young table whose statistics are not in yet).
   */
  static final String PARTS = """
      SELECT i.message_sid, i.part, i.parts, r.connection, r.carrier_id, r.status, r.error_code,
          r.error_message, r.done_date, r.received_at
      FROM carrier_id i
      LEFT JOIN LATERAL (
        SELECT * FROM carrier_report k
        WHERE k.connection = i.connection AND k.carrier_id = i.carrier_id
        LIMIT 1
      ) r ON true
      WHERE i.message_sid = ANY($1::text[])
      ORDER BY i.message_sid, i.part
      """;

  /** Per kept report, its id looked up by key (as in {@link #PARTS}). */
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
      FROM carrier_id i
      WHERE i.message_sid = ANY($1::text[]) AND r.connection = i.connection
        AND r.carrier_id = i.carrier_id AND NOT r.matched
      """;

  static final String AWAITING_REPORTS = """
      SELECT m.sid, m.to_address, array_agg(i.carrier_id ORDER BY i.part) AS ids
      FROM message m
      JOIN carrier_id i ON i.message_sid = m.sid AND i.connection = $1
      WHERE m.status = 'sent' AND m.sid > $2
      GROUP BY m.sid, m.to_address
      ORDER BY m.sid
      LIMIT $3
      """;

  static final String FORGET_REPORTS = "DELETE FROM carrier_report WHERE received_at < $1";
}
