package io.tern.account;

import io.tern.message.TwilioError;
import io.tern.outbound.WebhookUrl;
import io.vertx.core.MultiMap;
import java.util.Locale;

/** The form parameters the account resources share, each read and checked the same way. */
final class FormFields {
  static final int MAX_FRIENDLY_NAME = 64;

  private FormFields() {}

  /** The parameter's value, or null when absent or blank. */
  static String optional(MultiMap form, String name) {
    String value = form.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** {@code FriendlyName}, at most 64 characters as Twilio documents, or null when absent. */
  static String friendlyName(MultiMap form) {
    String name = optional(form, "FriendlyName");
    if (name != null && name.codePointCount(0, name.length()) > MAX_FRIENDLY_NAME) {
      throw TwilioError.BAD_REQUEST.with(
          "FriendlyName must be at most " + MAX_FRIENDLY_NAME + " characters long");
    }
    return name;
  }

  /**
   * Tern's {@code Throughput} extension: the sender's rate in segments per second, or null for
   * the default of its kind.
   */
  static Integer throughput(MultiMap form) {
    String text = optional(form, "Throughput");
    if (text == null) {
      return null;
    }
    try {
      int perSecond = Integer.parseInt(text);
      if (perSecond > 0) {
        return perSecond;
      }
    } catch (NumberFormatException notANumber) {
      // falls through to the error below
    }
    throw TwilioError.BAD_REQUEST.with(
        "Throughput must be a positive whole number of segments per second, not " + text);
  }

  /** An absolute http(s) URL such as {@code SmsUrl}, or null when absent. */
  static String url(MultiMap form, String name) {
    String text = optional(form, name);
    if (text != null && !WebhookUrl.isValid(text)) {
      throw TwilioError.BAD_REQUEST.with(name + " is not a valid http or https URL: " + text);
    }
    return text;
  }

  /**
   * A webhook's HTTP method such as {@code SmsMethod}: {@code GET} or {@code POST} in any case,
   * as Twilio takes them; {@code POST} when absent or blank.
   */
  static String method(MultiMap form, String name) {
    String text = optional(form, name);
    if (text == null) {
      return "POST";
    }
    String upper = text.toUpperCase(Locale.ROOT);
    if (!upper.equals("GET") && !upper.equals("POST")) {
      throw TwilioError.BAD_REQUEST.with(name + " must be GET or POST, not '" + text + "'");
    }
    return upper;
  }

  /** {@code StatusCallback}, refused with 21609 as on Messages when it is not an http(s) URL. */
  static String statusCallback(MultiMap form) {
    String text = optional(form, "StatusCallback");
    if (text != null && !WebhookUrl.isValid(text)) {
      throw TwilioError.INVALID_STATUS_CALLBACK.with(text);
    }
    return text;
  }
}
