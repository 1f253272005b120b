package io.tern.store;

import java.time.Instant;

/**
 * A number registered on an account as a sender (an IncomingPhoneNumber).
 *
 * @param smsMethod how {@code smsUrl} is called, {@code GET} or {@code POST} (Twilio's default)
 * @param smsFallbackUrl called when {@code smsUrl} fails (Twilio's {@code SmsFallbackUrl}); null
 *     for none
 * @param smsFallbackMethod how {@code smsFallbackUrl} is called, {@code GET} or {@code POST}
 * @param throughput segments per second for this sender, or null for the default of its kind
 */
public record PhoneNumber(
    String sid,
    String accountSid,
    String phoneNumber,
    String friendlyName,
    String smsUrl,
    String smsMethod,
    String smsFallbackUrl,
    String smsFallbackMethod,
    String statusCallback,
    Integer throughput,
    Instant dateCreated,
    Instant dateUpdated) {

  /** Twilio's method for a number's webhooks when none is given. */
  public static final String DEFAULT_METHOD = "POST";

  public PhoneNumber {
    smsMethod = smsMethod == null ? DEFAULT_METHOD : smsMethod;
    smsFallbackMethod = smsFallbackMethod == null ? DEFAULT_METHOD : smsFallbackMethod;
  }

  /** A number whose webhook is POSTed, without a fallback. */
  public PhoneNumber(String sid, String accountSid, String phoneNumber, String friendlyName,
      String smsUrl, String statusCallback, Integer throughput, Instant dateCreated,
      Instant dateUpdated) {
    this(sid, accountSid, phoneNumber, friendlyName, smsUrl, DEFAULT_METHOD, null, DEFAULT_METHOD,
        statusCallback, throughput, dateCreated, dateUpdated);
  }
}
