package io.tern.validation;

import io.tern.Components;
import io.tern.message.ApiError;
import io.tern.message.TwilioError;
import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.config.TernConfig;
import io.tern.outbound.OutboundGuard;
import io.tern.outbound.OutboundRules;
import java.time.Duration;
import io.tern.store.StoreFailures;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;

/**
 * Answers {@code tern.validate}: a {@link CreateMessageRequest} in, and back either the
 * {@link io.tern.message.Message} to store or the {@link ApiError} to answer with. Errors travel
 * as replies, not as failures, so their code, status and text reach the client intact.
 */
public final class ValidationVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(ValidationVerticle.class.getName());
  private final Components components;
  private MessageValidator validator;
  private MediaChecker mediaChecker;

  public ValidationVerticle(Components components) {
    this.components = components;
  }

  @Override
  public Future<?> start() {
    TernConfig config = components.config();
    OutboundGuard guard = new OutboundGuard(vertx, OutboundRules.fromConfig(
        config.outbound().allowLoopback(), config.outbound().deny(), config.outbound().allow()));
    MediaLimits limits = new MediaLimits(config.media().imageBytes(), config.media().otherBytes(),
        Duration.ofMillis(config.media().timeoutMillis()));
    mediaChecker = new MediaChecker(vertx, guard, limits);
    validator = new MessageValidator(components.accounts(), config.validation(), mediaChecker,
        guard, components.clock(), components.optOuts());
    return vertx.eventBus().<CreateMessageRequest>localConsumer(Addresses.VALIDATE, this::validate)
        .completion();
  }

  @Override
  public Future<?> stop() {
    return mediaChecker.close();
  }

  private void validate(Message<CreateMessageRequest> request) {
    validator.validate(request.body())
        .onSuccess(message -> request.reply(message, LocalCodec.localOnly()))
        .onFailure(failure -> request.reply(asApiError(failure), LocalCodec.localOnly()));
  }

  private static ApiError asApiError(Throwable failure) {
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
