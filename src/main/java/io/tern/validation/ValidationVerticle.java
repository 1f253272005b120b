package io.tern.validation;

import io.tern.Components;
import io.tern.api.ApiError;
import io.tern.api.TwilioError;
import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;

/**
 * Answers {@code tern.validate}: a {@link CreateMessageRequest} in, and back either the
 * {@link io.tern.store.Message} to store or the {@link ApiError} to answer with. Errors travel
 * as replies, not as failures, so their code, status and text reach the client intact.
 */
public final class ValidationVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(ValidationVerticle.class.getName());
  private final Components components;
  private MessageValidator validator;

  public ValidationVerticle(Components components) {
    this.components = components;
  }

  @Override
  public Future<?> start() {
    validator = new MessageValidator(components.accounts(), components.config().validation(),
        MediaChecker.create(vertx, components.config()), components.clock());
    return vertx.eventBus().<CreateMessageRequest>localConsumer(Addresses.VALIDATE, this::validate)
        .completion();
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
    LOG.log(System.Logger.Level.ERROR, "Validation failed unexpectedly", failure);
    return TwilioError.INTERNAL.with();
  }
}
