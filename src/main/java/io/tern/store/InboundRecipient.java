package io.tern.store;

/**
 * Who a received message is for: the account owning the number or short code it was sent to,
 * and the webhook settings that decide where it goes (the number's, and its Messaging
 * Service's when the number is in one).
 *
 * @param smsUrl the number's {@code SmsUrl}; null for short codes and numbers without one
 * @param smsMethod the number's {@code SmsMethod} ({@code GET} or {@code POST})
 * @param smsFallbackUrl the number's {@code SmsFallbackUrl}; null for none
 * @param smsFallbackMethod the number's {@code SmsFallbackMethod}
 * @param serviceSid the Messaging Service the number is in, or null; then the service fields are
 *     null too
 */
public record InboundRecipient(
    String accountSid,
    String address,
    String smsUrl,
    String smsMethod,
    String smsFallbackUrl,
    String smsFallbackMethod,
    String serviceSid,
    String serviceInboundUrl,
    String serviceInboundMethod,
    String serviceFallbackUrl,
    String serviceFallbackMethod,
    boolean useInboundWebhookOnNumber) {

  public boolean inService() {
    return serviceSid != null;
  }
}
