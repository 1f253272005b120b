package io.tern.validation;

import io.tern.Components;
import io.tern.config.TernConfig;
import io.tern.message.ApiError;
import io.tern.message.Message;
import io.tern.message.TwilioError;
import io.tern.outbound.OutboundGuard;
import io.tern.outbound.OutboundRules;
import io.tern.store.StoreFailures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Validation of new messages, run on the caller's event loop. The API's create validates where
 * the request arrived instead of asking a validation verticle over the event bus: that was a
 * request and a reply to another event loop for every message, each waking a sleeping loop
 * (a context switch, which a virtual machine charges dearly), for work that never blocks.
 * Each ingress instance keeps one; the validation verticles keep theirs for inbound replies.
 */
public final class ValidationStage {
  private static final System.Logger LOG = System.getLogger(ValidationStage.class.getName());
  private final MessageValidator validator;
  private final MediaChecker mediaChecker;

  private ValidationStage(MessageValidator validator, MediaChecker mediaChecker) {
    this.validator = validator;
    this.mediaChecker = mediaChecker;
  }

  /** A stage of its own (with its own media client), for one event loop's callers. */
  public static ValidationStage create(Vertx vertx, Components components) {
    TernConfig config = components.config();
    OutboundGuard guard = new OutboundGuard(vertx, OutboundRules.fromConfig(
        config.outbound().allowLoopback(), config.outbound().deny(), config.outbound().allow()));
    MediaLimits limits = new MediaLimits(config.media().imageBytes(), config.media().otherBytes(),
        Duration.ofMillis(config.media().timeoutMillis()));
    MediaChecker mediaChecker = new MediaChecker(vertx, guard, limits);
    MessageValidator validator = new MessageValidator(components.accounts(), config.validation(),
        mediaChecker, guard, components.clock(), components.optOuts());
    return new ValidationStage(validator, mediaChecker);
  }

  /**
   * The message to store, or a failure that is always the {@link ApiError} to answer with, so
   * its code, status and text reach the client intact.
   */
  public Future<Message> validate(CreateMessageRequest request) {
    return validator.validate(request)
        .recover(failure -> Future.failedFuture(asApiError(failure)));
  }

  MessageValidator validator() {
    return validator;
  }

  public Future<Void> close() {
    return mediaChecker.close();
  }

  /** What the client is told when validation failed: its own error, 20503 or 20500. */
  static ApiError asApiError(Throwable failure) {
    if (failure instanceof ApiError error) {
      return error;
    }
    if (StoreFailures.isUnavailable(failure)) {
      // Nothing was stored: the client may send the same request again shortly.
      LOG.log(System.Logger.Level.WARNING, "Validation could not read the store: " + failure);
      return TwilioError.UNAVAILABLE.with();
    }
    LOG.log(System.Logger.Level.ERROR, "Validation failed unexpectedly", failure);
    return TwilioError.INTERNAL.with();
  }
}
