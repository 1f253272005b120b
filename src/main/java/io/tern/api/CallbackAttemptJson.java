package io.tern.api;

import io.tern.store.CallbackAttempt;
import io.tern.store.PendingCallback;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * One callback attempt as {@code Callbacks.json} shows it, in the 2010 API's manner: snake_case
 * keys, RFC 2822 dates, every key present (null when it does not apply).
 *
 * <ul>
 *   <li>{@code status}: the message status the callback reported; {@code sequence} its place
 *       among the message's callbacks;
 *   <li>{@code date_attempted}, {@code http_status} (null when no answer came), {@code error};
 *   <li>{@code outcome}: {@code delivered}, {@code retry} (then {@code next_attempt_at}) or
 *       {@code gave_up};
 *   <li>{@code idempotency_token}: the {@code I-Twilio-Idempotency-Token} the callback carried,
 *       the same on each of its attempts.
 * </ul>
 */
final class CallbackAttemptJson {
  private CallbackAttemptJson() {}

  static JsonObject render(PendingCallback callback, CallbackAttempt attempt) {
    return new JsonObject()
        .put("account_sid", callback.accountSid())
        .put("message_sid", callback.messageSid())
        .put("sequence", callback.sequence())
        .put("status", callback.status().wire())
        .put("date_attempted", TwilioDates.rfc2822(attempt.at()))
        .put("http_status", attempt.httpStatus())
        .put("error", attempt.error())
        .put("outcome", outcome(attempt.outcome()))
        .put("next_attempt_at", TwilioDates.rfc2822(attempt.nextAttemptAt()))
        .put("idempotency_token", callback.idempotencyToken());
  }

  static String outcome(CallbackAttempt.Outcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT);
  }
}
