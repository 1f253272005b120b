package io.tern.message.text;

import java.util.List;

/**
 * The text a message goes out with, built from what the client sent: Smart Encoding when asked,
 * Twilio's trial prefix on trial accounts, and — for an MMS sent as SMS — a link to each medium.
 * Each step changes what the recipient reads and what is billed, so segments are counted on the
 * result, never on the client's body.
 */
public final class OutgoingText {
  /** Twilio prefixes every trial account's outbound body; it is sent and billed like the rest. */
  public static final String TRIAL_PREFIX = "Sent from your Twilio trial account - ";

  private OutgoingText() {}

  /**
   * The body as stored and shown by the API: smart-encoded when {@code smartEncode}, then
   * prefixed for a trial account. A missing body counts as empty.
   */
  public static String body(String body, boolean smartEncode, boolean trial) {
    String text = body == null ? "" : body;
    if (smartEncode) {
      text = SmartEncoder.encode(text);
    }
    return trial ? TRIAL_PREFIX + text : text;
  }

  /**
   * The text of an MMS converted to SMS: the body, then each media URL on a line of its own so
   * the recipient can still open the pictures. With no media it is the body unchanged.
   */
  public static String withMediaLinks(String body, List<String> mediaUrls) {
    String text = body == null ? "" : body;
    if (mediaUrls.isEmpty()) {
      return text;
    }
    StringBuilder withLinks = new StringBuilder(text);
    mediaUrls.forEach(url -> withLinks.append('\n').append(url));
    return withLinks.toString();
  }
}
