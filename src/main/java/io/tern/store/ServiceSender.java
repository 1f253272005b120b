package io.tern.store;

import java.time.Instant;

/**
 * A sender in a Messaging Service's pool.
 *
 * @param sid the PN, SC or AI sid (for numbers and short codes, the sid of the registered sender)
 * @param value the E.164 number, short code digits or alphanumeric ID
 * @param countryCode ISO country of a number or short code; null for alphanumeric IDs
 */
public record ServiceSender(
    String sid,
    String accountSid,
    String serviceSid,
    Kind kind,
    String value,
    String countryCode,
    Instant dateCreated,
    Instant dateUpdated) {

  public enum Kind { PHONE_NUMBER, SHORT_CODE, ALPHA_SENDER }
}
