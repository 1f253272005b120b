package io.tern.validation;

import io.tern.Components;
import io.tern.message.ApiError;
import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.store.StoreFailures;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.tern.message.NewMessage;
import io.tern.throttle.MessageRouting;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;

/**
 * Answers {@code tern.message.create} for the stages after the throttle (see
 * {@link MessageCreation}): a {@link NewMessage} in, and back the committed
 * {@link io.tern.message.Message} or the {@link ApiError} to answer with. A commit that failed
 * is a failure, so the caller tries again.
 *
 * <p>The API's create does not come here: it validates on its own event loop through a
 * {@link ValidationStage} of its own.
 */
public final class ValidationVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(ValidationVerticle.class.getName());
  private final Components components;
  private ValidationStage stage;
  private MessageCreation creation;

  public ValidationVerticle(Components components) {
    this.components = components;
  }

  @Override
  public Future<?> start() {
    stage = ValidationStage.create(vertx, components);
    creation = new MessageCreation(components.accounts(), stage.validator(), components.messages(),
        new MessageRouting(vertx, components.config()), components.clock());
    return vertx.eventBus().<NewMessage>localConsumer(Addresses.CREATE_MESSAGE, this::create)
        .completion();
  }

  /** The records this stage's addresses carry, passed by reference within the node. */
  public static void registerCodecs(Vertx vertx) {
    LocalCodec.register(vertx, NewMessage.class);
  }

  @Override
  public Future<?> stop() {
    return stage.close();
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
}
