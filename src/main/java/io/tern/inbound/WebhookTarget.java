package io.tern.inbound;

import io.tern.store.InboundRecipient;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an inbound message's webhook goes, by Twilio's precedence: a number in a Messaging
 * Service uses the service's {@code inbound_request_url} (none: the message is stored but no
 * webhook is called), unless the service has {@code use_inbound_webhook_on_number}; then, as for
 * a number in no service, the number's {@code SmsUrl} by its {@code SmsMethod}, with its
 * {@code SmsFallbackUrl} by its {@code SmsFallbackMethod}.
 *
 * @param fallbackUrl where to go when the webhook fails; null for none
 */
public record WebhookTarget(String url, String method, String fallbackUrl, String fallbackMethod) {

  public static Optional<WebhookTarget> of(InboundRecipient recipient) {
    if (recipient.inService() && !recipient.useInboundWebhookOnNumber()) {
      return blank(recipient.serviceInboundUrl()) ? Optional.empty()
          : Optional.of(new WebhookTarget(recipient.serviceInboundUrl(),
              method(recipient.serviceInboundMethod()),
              blank(recipient.serviceFallbackUrl()) ? null : recipient.serviceFallbackUrl(),
              method(recipient.serviceFallbackMethod())));
    }
    return blank(recipient.smsUrl()) ? Optional.empty()
        : Optional.of(new WebhookTarget(recipient.smsUrl(), method(recipient.smsMethod()),
            blank(recipient.smsFallbackUrl()) ? null : recipient.smsFallbackUrl(),
            method(recipient.smsFallbackMethod())));
  }

  static String method(String method) {
    return method != null && method.toUpperCase(Locale.ROOT).equals("GET") ? "GET" : "POST";
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
