package io.tern.account.services;

import io.tern.message.TwilioError;
import io.tern.store.MessagingService;
import io.tern.validation.ValidityPeriod;
import io.tern.outbound.WebhookUrl;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * The form parameters of {@code POST /v1/Services} and {@code POST /v1/Services/{Sid}}
 * (reference §2.2), checked and applied. A create starts from Tern's defaults; an update starts
 * from the stored service and changes only what the request names. Every failure is thrown as
 * an {@link io.tern.message.ApiError}.
 */
final class ServiceParameters {
  static final int MAX_FRIENDLY_NAME = 64;
  static final Set<String> SCAN_MESSAGE_CONTENT = Set.of("inherit", "enable", "disable");
  static final Set<String> USECASES =
      Set.of("notifications", "marketing", "verification", "discussion", "poll", "undeclared");
  static final Set<String> METHODS = Set.of("GET", "POST");

  private ServiceParameters() {}

  /**
   * A new service from a create request. Defaults are Twilio's for a service created today:
   * Sticky Sender, MMS Converter, Smart Encoding and Area Code Geomatch on; the obsolete
   * fallback to long code and the reserved synchronous validation off; both webhook methods
   * POST (the spec's default, and what its examples show even with no URL set).
   */
  static MessagingService create(MultiMap form, String sid, String accountSid, Instant now) {
    String friendlyName = form.get("FriendlyName");
    if (friendlyName == null || friendlyName.isBlank()) {
      throw TwilioError.BAD_REQUEST.with("Missing required parameter FriendlyName in the post body");
    }
    MessagingService defaults = new MessagingService(sid, accountSid, friendlyName,
        null, "POST", null, "POST", null,
        true, true, true, "inherit", false, true, ValidityPeriod.DEFAULT_SECONDS, false, "undeclared", false,
        now, now);
    return apply(defaults, form, now);
  }

  /** The stored service with the request's parameters applied; absent ones keep their value. */
  static MessagingService update(MessagingService existing, MultiMap form, Instant now) {
    return apply(existing, form, now);
  }

  private static MessagingService apply(MessagingService base, MultiMap form, Instant now) {
    return new MessagingService(
        base.sid(),
        base.accountSid(),
        friendlyName(form, base.friendlyName()),
        url(form, "InboundRequestUrl", base.inboundRequestUrl()),
        method(form, "InboundMethod", base.inboundMethod()),
        url(form, "FallbackUrl", base.fallbackUrl()),
        method(form, "FallbackMethod", base.fallbackMethod()),
        statusCallback(form, base.statusCallback()),
        bool(form, "StickySender", base.stickySender()),
        bool(form, "MmsConverter", base.mmsConverter()),
        bool(form, "SmartEncoding", base.smartEncoding()),
        oneOf(form, "ScanMessageContent", SCAN_MESSAGE_CONTENT, base.scanMessageContent()),
        bool(form, "FallbackToLongCode", base.fallbackToLongCode()),
        bool(form, "AreaCodeGeomatch", base.areaCodeGeomatch()),
        validityPeriod(form, base.validityPeriod()),
        bool(form, "SynchronousValidation", base.synchronousValidation()),
        oneOf(form, "Usecase", USECASES, base.usecase()),
        bool(form, "UseInboundWebhookOnNumber", base.useInboundWebhookOnNumber()),
        base.dateCreated(),
        now);
  }

  private static String friendlyName(MultiMap form, String current) {
    String value = form.get("FriendlyName");
    if (value == null) {
      return current;
    }
    if (value.isBlank()) {
      throw TwilioError.BAD_REQUEST.with("FriendlyName cannot be empty");
    }
    if (value.codePointCount(0, value.length()) > MAX_FRIENDLY_NAME) {
      throw TwilioError.BAD_REQUEST.with(
          "FriendlyName must be at most " + MAX_FRIENDLY_NAME + " characters long");
    }
    return value;
  }

  private static boolean bool(MultiMap form, String name, boolean current) {
    String value = form.get(name);
    if (value == null) {
      return current;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw TwilioError.BAD_REQUEST.with(name + " must be true or false, not '" + value + "'");
  }

  private static String oneOf(MultiMap form, String name, Set<String> allowed, String current) {
    String value = form.get(name);
    if (value == null) {
      return current;
    }
    if (!allowed.contains(value)) {
      throw TwilioError.BAD_REQUEST.with(
          name + " must be one of " + String.join(", ", allowed.stream().sorted().toList())
              + ", not '" + value + "'");
    }
    return value;
  }

  private static String method(MultiMap form, String name, String current) {
    String value = form.get(name);
    if (value == null) {
      return current;
    }
    String upper = value.toUpperCase(Locale.ROOT);
    if (!METHODS.contains(upper)) {
      throw TwilioError.BAD_REQUEST.with(name + " must be GET or POST, not '" + value + "'");
    }
    return upper;
  }

  private static int validityPeriod(MultiMap form, int current) {
    String value = form.get("ValidityPeriod");
    return value == null ? current : ValidityPeriod.parse(value);
  }

  /** A webhook URL; the empty string clears it (the SDKs cannot send null). */
  private static String url(MultiMap form, String name, String current) {
    String value = form.get(name);
    if (value == null) {
      return current;
    }
    if (value.isEmpty()) {
      return null;
    }
    if (!WebhookUrl.isValid(value)) {
      throw TwilioError.BAD_REQUEST.with(name + " is not a valid http or https URL: " + value);
    }
    return value;
  }

  /** The service's StatusCallback fails as a message's does (21609), so callers see one code. */
  private static String statusCallback(MultiMap form, String current) {
    String value = form.get("StatusCallback");
    if (value == null) {
      return current;
    }
    if (value.isEmpty()) {
      return null;
    }
    if (!WebhookUrl.isValid(value)) {
      throw TwilioError.INVALID_STATUS_CALLBACK.with(value);
    }
    return value;
  }
}
