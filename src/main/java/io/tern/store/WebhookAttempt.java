package io.tern.store;

import java.time.Instant;

/**
 * One request made for an inbound message: to its webhook, to a {@code <Redirect>} URL or to its
 * fallback URL.
 *
 * @param kind {@code webhook}, {@code redirect} or {@code fallback}
 * @param httpStatus the answer's status, or null when there was none
 * @param errorCode the Twilio error the attempt came to (11200, 11205, 12100, 12300), or null
 *     when its TwiML was taken
 * @param error a short description of the failure, or null
 */
public record WebhookAttempt(
    String messageSid,
    String accountSid,
    String url,
    String method,
    String kind,
    Instant attemptedAt,
    Integer httpStatus,
    Integer errorCode,
    String error) {}
