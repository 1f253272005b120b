package io.tern.status;

import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.message.Message;
import io.tern.message.StatusChange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.Optional;

/**
 * The one way to change a message's status after it is created: hands the change to the
 * {@link StatusWriterVerticle}, which commits it forward-only with its status callback, in
 * order, retrying while the store is out of reach.
 *
 * <p>Answers come back on the caller's own context, so a verticle may go on with the result
 * without any hand-over of its own. Use it from a verticle of the node the writer runs on.
 */
public final class StatusWrites {
  private final Vertx vertx;

  public StatusWrites(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * The answer travels as the request's reply, sent once the change is committed, which may be
   * after an outage: in effect no timeout. A writer that is not running fails the request at once
   * (no handler). Before, the writer acknowledged receipt with a reply and answered with a task
   * on the caller's loop: a hop more per status change, three per message sent.
   */
  private static final DeliveryOptions ANSWERED_WHEN_COMMITTED =
      LocalCodec.localOnly().setSendTimeout(Long.MAX_VALUE / 2);

  /** The codecs of the requests to the writer and of its answers: they never leave the node. */
  public static void registerCodecs(Vertx vertx) {
    LocalCodec.register(vertx, Write.class, Flush.class, Outcome.class);
  }

  /**
   * Commits the change. Completes, once it is committed, with the message as it now is, or empty
   * when the change was not applied (no such message, or not a step forward). Fails only when
   * the writer refused the change ({@link StatusWriteRefusedException}: it already holds its
   * bound of uncommitted changes) or is not running; an outage of the store only delays it.
   */
  public Future<Optional<Message>> write(StatusChange change) {
    return this.<Optional<Message>>hand(new Write(change, new Answer<>()));
  }

  /**
   * Completes once every change handed over before this call (by any caller on this node) is
   * committed, or refused: a stopped throttle shard's carrier answers are in the store before
   * another pod may take the shard.
   */
  public Future<Void> flush() {
    return hand(new Flush(new Answer<>()));
  }

  @SuppressWarnings("unchecked")
  private <T> Future<T> hand(Object request) {
    return vertx.eventBus().<Outcome>request(Addresses.STATUS_WRITE, request, ANSWERED_WHEN_COMMITTED)
        .compose(reply -> (Future<T>) reply.body().result());
  }

  /** A change on its way to the writer. */
  record Write(StatusChange change, Answer<Optional<Message>> answer) {}

  /** A request to be told when everything handed over before it is committed. */
  record Flush(Answer<Void> answer) {}

  /** The writer's answer to one request, passed by reference. */
  record Outcome(Future<?> result) {}

  /**
   * How the writer answers a request: the request's reply, delivered on the caller's context.
   * The writer tells it which event-bus message to answer when it receives one.
   */
  static final class Answer<T> {
    // Set and used on the writer's loop only.
    private io.vertx.core.eventbus.Message<?> request;

    void answers(io.vertx.core.eventbus.Message<?> request) {
      this.request = request;
    }

    void succeed(T value) {
      request.reply(new Outcome(Future.succeededFuture(value)), LocalCodec.localOnly());
    }

    void fail(Throwable failure) {
      request.reply(new Outcome(Future.failedFuture(failure)), LocalCodec.localOnly());
    }
  }
}
