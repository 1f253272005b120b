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
import io.tern.message.NewMessage;
import io.tern.throttle.MessageRouting;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;

/**
 * Answers {@code tern.validate}: a {@link CreateMessageRequest} in, and back either the
 * {@link io.tern.message.Message} to store or the {@link ApiError} to answer with. Errors travel
 * as replies, not as failures, so their code, status and text reach the client intact.
 *
 * <p>Also answers {@code tern.message.create} for the stages after the throttle (see
 * {@link MessageCreation}): there a commit that failed is a failure, so the caller tries again.
 */
public final class ValidationVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(ValidationVerticle.class.getName());
  private final Components components;
  private MessageValidator validator;
  private MediaChecker mediaChecker;
  private MessageCreation creation;

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
    creation = new MessageCreation(components.accounts(), validator, components.messages(),
        new MessageRouting(vertx, config), components.clock());
    return Future.all(
            vertx.eventBus().<CreateMessageRequest>localConsumer(Addresses.VALIDATE, this::validate)
                .completion(),
            vertx.eventBus().<NewMessage>localConsumer(Addresses.CREATE_MESSAGE, this::create)
                .completion());
  }

  /** The records this stage's addresses carry, passed by reference within the node. */
  public static void registerCodecs(Vertx vertx) {
    LocalCodec.register(vertx, CreateMessageRequest.class, NewMessage.class);
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

  private void create(Message<NewMessage> request) {
    creation.create(request.body())
        .onSuccess(message -> request.reply(message, LocalCodec.localOnly()))
        .onFailure(failure -> {
          if (failure instanceof ApiError error) {
            request.reply(error, LocalCodec.localOnly());
          } else if (StoreFailures.isUnavailable(failure)) {
            request.fail(503, "not committed: " + failure.getMessage());
          } else {
            LOG.log(System.Logger.Level.ERROR, "Creating a message failed unexpectedly", failure);
            request.fail(500, "not committed: " + failure.getMessage());
          }
        });
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
