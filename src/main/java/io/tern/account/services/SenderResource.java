package io.tern.account.services;

import io.tern.store.ServiceSender;
import io.tern.message.Sids;
import java.util.List;

/**
 * The three sender pools of a Messaging Service, which differ only in names: their path, list
 * key, value field, sid prefix, the parameter that adds one, and what they can send.
 */
enum SenderResource {
  PHONE_NUMBERS("PhoneNumbers", "phone_numbers", "phone_number", "PhoneNumberSid",
      Sids.PHONE_NUMBER, ServiceSender.Kind.PHONE_NUMBER, List.of("SMS", "MMS")),
  // Tern's short codes send MMS as well as SMS (the validator lets them), so they say so.
  SHORT_CODES("ShortCodes", "short_codes", "short_code", "ShortCodeSid",
      Sids.SHORT_CODE, ServiceSender.Kind.SHORT_CODE, List.of("SMS", "MMS")),
  // Alphanumeric IDs are one-way text only (reference §10).
  ALPHA_SENDERS("AlphaSenders", "alpha_senders", "alpha_sender", "AlphaSender",
      Sids.ALPHA_SENDER, ServiceSender.Kind.ALPHA_SENDER, List.of("SMS"));

  private final String pathSegment;
  private final String listKey;
  private final String valueField;
  private final String createParameter;
  private final String sidPrefix;
  private final ServiceSender.Kind kind;
  private final List<String> capabilities;

  SenderResource(String pathSegment, String listKey, String valueField, String createParameter,
      String sidPrefix, ServiceSender.Kind kind, List<String> capabilities) {
    this.pathSegment = pathSegment;
    this.listKey = listKey;
    this.valueField = valueField;
    this.createParameter = createParameter;
    this.sidPrefix = sidPrefix;
    this.kind = kind;
    this.capabilities = capabilities;
  }

  static SenderResource of(ServiceSender.Kind kind) {
    for (SenderResource resource : values()) {
      if (resource.kind == kind) {
        return resource;
      }
    }
    throw new IllegalArgumentException("No sender resource for " + kind);
  }

  String pathSegment() {
    return pathSegment;
  }

  String listKey() {
    return listKey;
  }

  String valueField() {
    return valueField;
  }

  String createParameter() {
    return createParameter;
  }

  String sidPrefix() {
    return sidPrefix;
  }

  ServiceSender.Kind kind() {
    return kind;
  }

  List<String> capabilities() {
    return capabilities;
  }

  /** {@code /v1/Services/MG…/PhoneNumbers}, relative to the public base URL. */
  String listPath(String serviceSid) {
    return ServiceJson.path(serviceSid) + "/" + pathSegment;
  }

  /** Whether a sender of this resource has the given sid (a PN sid is no ShortCodes member). */
  boolean holds(ServiceSender sender) {
    return sender.kind() == kind;
  }
}
