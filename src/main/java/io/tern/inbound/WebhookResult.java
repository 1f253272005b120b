package io.tern.inbound;

/** What one webhook request came to. */
public sealed interface WebhookResult {

  /** The receiver answered 2xx with TwiML (or nothing: an empty document). */
  record Answered(int httpStatus, Twiml twiml) implements WebhookResult {}

  /**
   * The request failed with a Twilio error: 11200 (refused by the outbound rules, or an answer
   * other than 2xx), 11205 (no connection, or no answer in time), 12300 (not XML), 12100 (not
   * TwiML), 11750 (longer than 64 KiB).
   *
   * @param httpStatus the answer's status, null when there was no answer
   * @param receiverDown the receiver could not be reached: worth trying again later
   */
  record Failed(int errorCode, Integer httpStatus, String error, boolean receiverDown)
      implements WebhookResult {}
}
