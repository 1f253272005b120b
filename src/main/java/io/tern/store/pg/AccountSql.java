package io.tern.store.pg;

/** Every statement {@link PgAccountRegistry} runs. Lists follow creation order ({@code seq}). */
final class AccountSql {
  private AccountSql() {}

  private static final String ACCOUNT_COLUMNS = """
      sid, auth_token, friendly_name, owner_account_sid, status, type, date_created, date_updated
      """;

  static final String CREATE_ACCOUNT = """
      INSERT INTO account (sid, auth_token, friendly_name, owner_account_sid, status, type,
          date_created, date_updated)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      RETURNING\s""" + ACCOUNT_COLUMNS;

  static final String FIND_ACCOUNT = "SELECT " + ACCOUNT_COLUMNS + "FROM account WHERE sid = $1";

  static final String LIST_ACCOUNTS = "SELECT " + ACCOUNT_COLUMNS
      + "FROM account WHERE owner_account_sid = $1 ORDER BY seq";

  /** Owner and date_created stay as created. */
  static final String UPDATE_ACCOUNT = """
      UPDATE account SET auth_token = $2, friendly_name = $3, status = $4, type = $5,
          date_updated = $6
      WHERE sid = $1
      RETURNING\s""" + ACCOUNT_COLUMNS;

  static final String FIND_MAIN_ACCOUNT = "SELECT " + ACCOUNT_COLUMNS
      + "FROM account WHERE sid = owner_account_sid ORDER BY seq LIMIT 1";

  private static final String PHONE_NUMBER_COLUMNS = """
      sid, account_sid, phone_number, friendly_name, sms_url, sms_method, sms_fallback_url,
      sms_fallback_method, status_callback, throughput, date_created, date_updated
      """;

  static final String ADD_PHONE_NUMBER = """
      INSERT INTO phone_number (sid, account_sid, phone_number, friendly_name, sms_url,
          sms_method, sms_fallback_url, sms_fallback_method, status_callback, throughput,
          date_created, date_updated)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
      RETURNING\s""" + PHONE_NUMBER_COLUMNS;

  static final String FIND_PHONE_NUMBER = "SELECT " + PHONE_NUMBER_COLUMNS
      + "FROM phone_number WHERE account_sid = $1 AND sid = $2";

  static final String FIND_PHONE_NUMBER_BY_VALUE = "SELECT " + PHONE_NUMBER_COLUMNS
      + "FROM phone_number WHERE account_sid = $1 AND phone_number = $2";

  static final String LIST_PHONE_NUMBERS = "SELECT " + PHONE_NUMBER_COLUMNS
      + "FROM phone_number WHERE account_sid = $1 ORDER BY seq";

  /** Releases the number and its pool membership in one statement. */
  static final String DELETE_PHONE_NUMBER = """
      WITH released AS (
        DELETE FROM phone_number WHERE account_sid = $1 AND sid = $2 RETURNING sid
      ), left_pool AS (
        DELETE FROM service_sender
        WHERE kind = 'PHONE_NUMBER' AND sid IN (SELECT sid FROM released)
      )
      SELECT count(*) AS released FROM released
      """;

  private static final String SHORT_CODE_COLUMNS = """
      sid, account_sid, short_code, country_code, friendly_name, throughput, date_created,
      date_updated
      """;

  static final String ADD_SHORT_CODE = """
      INSERT INTO short_code (sid, account_sid, short_code, country_code, friendly_name,
          throughput, date_created, date_updated)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      RETURNING\s""" + SHORT_CODE_COLUMNS;

  static final String FIND_SHORT_CODE = "SELECT " + SHORT_CODE_COLUMNS
      + "FROM short_code WHERE account_sid = $1 AND sid = $2";

  static final String FIND_SHORT_CODE_BY_VALUE = "SELECT " + SHORT_CODE_COLUMNS
      + "FROM short_code WHERE account_sid = $1 AND short_code = $2";

  static final String LIST_SHORT_CODES = "SELECT " + SHORT_CODE_COLUMNS
      + "FROM short_code WHERE account_sid = $1 ORDER BY seq";

  private static final String CALLER_ID_COLUMNS =
      "sid, account_sid, phone_number, friendly_name, date_created\n";

  static final String ADD_CALLER_ID = """
      INSERT INTO caller_id (sid, account_sid, phone_number, friendly_name, date_created)
      VALUES ($1, $2, $3, $4, $5)
      RETURNING\s""" + CALLER_ID_COLUMNS;

  static final String LIST_CALLER_IDS = "SELECT " + CALLER_ID_COLUMNS
      + "FROM caller_id WHERE account_sid = $1 ORDER BY seq";

  static final String IS_VERIFIED_CALLER_ID = """
      SELECT EXISTS (SELECT 1 FROM caller_id WHERE account_sid = $1 AND phone_number = $2)
          AS verified
      """;

  private static final String SERVICE_COLUMNS = """
      sid, account_sid, friendly_name, inbound_request_url, inbound_method, fallback_url,
      fallback_method, status_callback, sticky_sender, mms_converter, smart_encoding,
      scan_message_content, fallback_to_long_code, area_code_geomatch, validity_period,
      synchronous_validation, usecase, use_inbound_webhook_on_number, date_created, date_updated
      """;

  static final String CREATE_SERVICE = """
      INSERT INTO messaging_service (sid, account_sid, friendly_name, inbound_request_url,
          inbound_method, fallback_url, fallback_method, status_callback, sticky_sender,
          mms_converter, smart_encoding, scan_message_content, fallback_to_long_code,
          area_code_geomatch, validity_period, synchronous_validation, usecase,
          use_inbound_webhook_on_number, date_created, date_updated)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
          $19, $20)
      RETURNING\s""" + SERVICE_COLUMNS;

  static final String FIND_SERVICE = "SELECT " + SERVICE_COLUMNS
      + "FROM messaging_service WHERE account_sid = $1 AND sid = $2";

  static final String LIST_SERVICES = "SELECT " + SERVICE_COLUMNS
      + "FROM messaging_service WHERE account_sid = $1 ORDER BY seq";

  /** As {@link #CREATE_SERVICE} without date_created, which stays as created. */
  static final String UPDATE_SERVICE = """
      UPDATE messaging_service SET friendly_name = $3, inbound_request_url = $4,
          inbound_method = $5, fallback_url = $6, fallback_method = $7, status_callback = $8,
          sticky_sender = $9, mms_converter = $10, smart_encoding = $11,
          scan_message_content = $12, fallback_to_long_code = $13, area_code_geomatch = $14,
          validity_period = $15, synchronous_validation = $16, usecase = $17,
          use_inbound_webhook_on_number = $18, date_updated = $19
      WHERE sid = $1 AND account_sid = $2
      RETURNING\s""" + SERVICE_COLUMNS;

  /** The pool goes with it (ON DELETE CASCADE). */
  static final String DELETE_SERVICE =
      "DELETE FROM messaging_service WHERE account_sid = $1 AND sid = $2";

  private static final String SENDER_COLUMNS = """
      sid, account_sid, service_sid, kind, value, country_code, date_created, date_updated
      """;

  /** Inserts only into a service of the same account; no row when there is none. */
  static final String ADD_SERVICE_SENDER = """
      INSERT INTO service_sender (sid, account_sid, service_sid, kind, value, country_code,
          date_created, date_updated)
      SELECT $1, s.account_sid, s.sid, $4, $5, $6, $7, $8 FROM messaging_service s
      WHERE s.account_sid = $2 AND s.sid = $3
      RETURNING\s""" + SENDER_COLUMNS;

  /** $3 is a kind, or NULL for every kind. */
  static final String LIST_SERVICE_SENDERS = "SELECT " + SENDER_COLUMNS + """
      FROM service_sender
      WHERE account_sid = $1 AND service_sid = $2 AND ($3::text IS NULL OR kind = $3::text)
      ORDER BY seq
      """;

  static final String FIND_SERVICE_SENDER = "SELECT " + SENDER_COLUMNS
      + "FROM service_sender WHERE account_sid = $1 AND service_sid = $2 AND sid = $3";

  static final String DELETE_SERVICE_SENDER =
      "DELETE FROM service_sender WHERE account_sid = $1 AND service_sid = $2 AND sid = $3";
}
