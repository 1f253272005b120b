package io.tern.validation;

import io.tern.outbound.WebhookUrl;
import io.tern.message.TwilioError;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The checks on a create request that need nothing but the request itself, in Twilio's order.
 * Each failure is thrown as an {@link io.tern.message.ApiError}.
 */
final class MessageParameters {
  static final int MAX_BODY_CHARACTERS = 1600;
  static final int MAX_MEDIA = 10;
  /** Twilio's 2026 minimum lead time for scheduled messages. */
  static final Duration MIN_SCHEDULE_LEAD = Duration.ofSeconds(300);
  static final Duration MAX_SCHEDULE_LEAD = Duration.ofDays(35);

  private MessageParameters() {}

  static void checkPresence(CreateMessageRequest request) {
    if (request.to() == null) {
      throw TwilioError.MISSING_TO.with();
    }
    if (request.from() == null && request.messagingServiceSid() == null) {
      throw TwilioError.MISSING_FROM.with();
    }
    if (!request.hasBody() && !request.hasMedia()) {
      throw TwilioError.MISSING_BODY.with();
    }
    if (request.hasBody()
        && request.body().codePointCount(0, request.body().length()) > MAX_BODY_CHARACTERS) {
      throw TwilioError.BODY_TOO_LONG.with();
    }
    if (request.mediaUrls().size() > MAX_MEDIA) {
      throw TwilioError.TOO_MANY_MEDIA.with();
    }
    if (request.statusCallback() != null && !WebhookUrl.isValid(request.statusCallback())) {
      throw TwilioError.INVALID_STATUS_CALLBACK.with(request.statusCallback());
    }
  }

  /** The message's ValidityPeriod, or null when it gave none (the service's or default applies). */
  static Integer validityPeriod(CreateMessageRequest request) {
    return request.validityPeriod() == null ? null : ValidityPeriod.parse(request.validityPeriod());
  }

  /** When a scheduled message is to be released, or null for a message sent now. */
  static Instant sendAt(CreateMessageRequest request, Instant now) {
    if (request.scheduleType() == null && request.sendAt() == null) {
      return null;
    }
    if (!"fixed".equals(request.scheduleType())) {
      throw TwilioError.SCHEDULE_TYPE_INVALID.with();
    }
    if (request.sendAt() == null) {
      throw TwilioError.SEND_AT_MISSING.with();
    }
    if (request.messagingServiceSid() == null) {
      throw TwilioError.SCHEDULE_NEEDS_SERVICE.with();
    }
    Instant sendAt = parseInstant(request.sendAt());
    if (sendAt.isBefore(now.plus(MIN_SCHEDULE_LEAD))) {
      throw TwilioError.SEND_AT_TOO_SOON.with(MIN_SCHEDULE_LEAD.toSeconds());
    }
    if (sendAt.isAfter(now.plus(MAX_SCHEDULE_LEAD))) {
      throw TwilioError.SEND_AT_TOO_LATE.with();
    }
    return sendAt;
  }

  private static Instant parseInstant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notIso) {
      throw TwilioError.BAD_REQUEST.with("SendAt must be an ISO-8601 date-time, such as 2030-01-01T12:00:00Z");
    }
  }

  /** Syntax only (21620); reachability and content are the media checker's job. */
  static void checkMediaUrlSyntax(CreateMessageRequest request) {
    for (String url : request.mediaUrls()) {
      try {
        URI uri = new URI(url);
        String scheme = uri.getScheme();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || uri.getHost() == null
            || !WebhookUrl.hasValidPort(uri)) {
          throw TwilioError.INVALID_MEDIA_URL.with(url);
        }
      } catch (URISyntaxException malformed) {
        throw TwilioError.INVALID_MEDIA_URL.with(url);
      }
    }
  }
}
