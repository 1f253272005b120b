package io.tern.validation;

import io.tern.message.TwilioError;

/** Twilio's ValidityPeriod: how long a message may wait in a queue, 1 to 36,000 seconds. */
public final class ValidityPeriod {
  public static final int MAX_SECONDS = 36_000;
  public static final int DEFAULT_SECONDS = MAX_SECONDS;

  private ValidityPeriod() {}

  /** The seconds given, or a 400 (20001) saying what is wanted. */
  public static int parse(String text) {
    try {
      int seconds = Integer.parseInt(text.trim());
      if (seconds >= 1 && seconds <= MAX_SECONDS) {
        return seconds;
      }
    } catch (NumberFormatException notANumber) {
      // the error below says what is wanted
    }
    throw TwilioError.BAD_REQUEST.with(
        "ValidityPeriod must be a whole number of seconds from 1 to " + MAX_SECONDS);
  }
}
