package io.tern.store.pg;

/** The SQL of {@link PgInboundStore} and {@link PgOptOuts}, one named statement each. */
final class InboundSql {
  private InboundSql() {}

  private static final String SERVICE_FIELDS = """
      s.sid AS service_sid, s.inbound_request_url, s.inbound_method, s.fallback_url,
      s.fallback_method, coalesce(s.use_inbound_webhook_on_number, false) AS use_number""";

  static final String FIND_RECIPIENT = """
      SELECT p.account_sid, p.phone_number AS address, p.sms_url, p.sms_method,
        p.sms_fallback_url, p.sms_fallback_method, %1$s
      FROM phone_number p
      LEFT JOIN service_sender ss ON ss.kind = 'PHONE_NUMBER' AND ss.value = p.phone_number
      LEFT JOIN messaging_service s ON s.sid = ss.service_sid
      WHERE p.phone_number = $1
      UNION ALL
      SELECT c.account_sid, c.short_code AS address, NULL AS sms_url, NULL AS sms_method,
        NULL AS sms_fallback_url, NULL AS sms_fallback_method, %1$s
      FROM short_code c
      LEFT JOIN service_sender ss ON ss.kind = 'SHORT_CODE' AND ss.value = c.short_code
      LEFT JOIN messaging_service s ON s.sid = ss.service_sid
      WHERE c.short_code = $1
      LIMIT 1""".formatted(SERVICE_FIELDS);

  static final String HOLD_PART = """
      INSERT INTO inbound_part (group_key, sequence, total, connection, carrier_id, from_address,
        to_address, body, received_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      ON CONFLICT (group_key, sequence) DO NOTHING""";

  static final String PARTS_OF_GROUP = """
      SELECT * FROM inbound_part WHERE group_key = $1 ORDER BY sequence""";

  static final String RELEASE_PARTS = "DELETE FROM inbound_part WHERE group_key = $1";

  static final String PARTS_WAITING_SINCE = """
      SELECT * FROM inbound_part
      WHERE group_key IN (SELECT group_key FROM inbound_part WHERE received_at < $1)
      ORDER BY group_key, sequence""";

  static final String ENQUEUE_WEBHOOK = """
      INSERT INTO inbound_webhook (message_sid, account_sid, opt_out_type, next_attempt_at,
        created_at)
      VALUES ($1, $2, $3, $4, $4)
      ON CONFLICT (message_sid) DO NOTHING""";

  static final String HAS_WEBHOOK = """
      SELECT EXISTS (SELECT 1 FROM inbound_webhook WHERE message_sid = $1) AS present""";

  // SKIP LOCKED: two pods claiming at once take different rows.
  static final String CLAIM_DUE_WEBHOOKS = """
      UPDATE inbound_webhook w SET next_attempt_at = $2
      FROM (SELECT message_sid FROM inbound_webhook
            WHERE finished_at IS NULL AND next_attempt_at <= $1
            ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
      WHERE w.message_sid = due.message_sid
      RETURNING w.message_sid, w.account_sid, w.opt_out_type, w.attempts, w.created_at,
        $1::timestamptz AS due_at""";

  static final String RETRY_WEBHOOK = """
      UPDATE inbound_webhook SET attempts = $2, next_attempt_at = $3
      WHERE message_sid = $1 AND finished_at IS NULL""";

  static final String FINISH_WEBHOOK = """
      UPDATE inbound_webhook SET finished_at = $2 WHERE message_sid = $1""";

  static final String RECORD_ATTEMPT = """
      INSERT INTO inbound_webhook_attempt (message_sid, account_sid, url, method, kind,
        attempted_at, http_status, error_code, error)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";

  static final String ATTEMPTS = """
      SELECT * FROM inbound_webhook_attempt WHERE account_sid = $1 AND message_sid = $2
      ORDER BY id""";

  static final String OPT_OUT = """
      INSERT INTO opt_out (account_sid, recipient, scope, date_created)
      SELECT $1, $2, scope, $4 FROM unnest($3::text[]) AS scope
      ON CONFLICT DO NOTHING""";

  static final String OPT_IN = """
      DELETE FROM opt_out WHERE account_sid = $1 AND recipient = $2 AND scope = ANY($3::text[])""";

  static final String IS_OPTED_OUT = """
      SELECT EXISTS (SELECT 1 FROM opt_out
        WHERE account_sid = $1 AND recipient = $2
          AND (scope = $3 OR scope = $4 OR scope IN (
            SELECT service_sid FROM service_sender
            WHERE value = $3 AND kind IN ('PHONE_NUMBER', 'SHORT_CODE')))) AS opted_out""";

  // The primary key (account_sid, recipient, scope) serves it in recipient order.
  static final String RECIPIENTS_OPTED_OUT = """
      SELECT DISTINCT recipient FROM opt_out WHERE account_sid = $1 LIMIT $2""";

  static final String REPLIES = """
      SELECT * FROM service_opt_out_reply WHERE account_sid = $1 AND service_sid = $2""";

  static final String SAVE_REPLIES = """
      INSERT INTO service_opt_out_reply (service_sid, account_sid, enabled, stop_text, start_text,
        help_text, date_updated)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (service_sid) DO UPDATE SET enabled = excluded.enabled,
        stop_text = excluded.stop_text, start_text = excluded.start_text,
        help_text = excluded.help_text, date_updated = excluded.date_updated
      RETURNING *""";
}
