package io.tern.validation;

/**
 * Trial accounts have every outbound body prefixed by Twilio, and the prefix is sent and billed
 * like the rest of the body, so segments are counted on the prefixed text.
 */
public final class TrialBody {
  public static final String TRIAL_PREFIX = "Sent from your Twilio trial account - ";

  private TrialBody() {}

  /** The body as a trial account sends it; a missing body (media only) gets the prefix alone. */
  public static String prefix(String body) {
    return body == null ? TRIAL_PREFIX : TRIAL_PREFIX + body;
  }
}
