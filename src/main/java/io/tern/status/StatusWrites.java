package io.tern.status;

import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.message.Message;
import io.tern.message.StatusChange;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
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

  /** The codecs of the requests to the writer: they never leave the node. */
  public static void registerCodecs(Vertx vertx) {
    LocalCodec.register(vertx, Write.class, Flush.class);
  }

  /**
   * Commits the change. Completes, once it is committed, with the message as it now is, or empty
   * when the change was not applied (no such message, or not a step forward). Fails only when
   * the writer refused the change ({@link StatusWriteRefusedException}: it already holds its
   * bound of uncommitted changes) or is not running; an outage of the store only delays it.
   */
  public Future<Optional<Message>> write(StatusChange change) {
    Answer<Optional<Message>> answer = new Answer<>(vertx.getOrCreateContext());
    return hand(new Write(change, answer), answer);
  }

  /**
   * Completes once every change handed over before this call (by any caller on this node) is
   * committed, or refused: a stopped throttle shard's carrier answers are in the store before
   * another pod may take the shard.
   */
  public Future<Void> flush() {
    Answer<Void> answer = new Answer<>(vertx.getOrCreateContext());
    return hand(new Flush(answer), answer);
  }

  private <T> Future<T> hand(Object request, Answer<T> answer) {
    // The writer acknowledges receipt at once; the answer itself may come much later, after an
    // outage, so it travels outside the request's reply timeout.
    return Future.succeededFuture()
        .compose(start -> vertx.eventBus().request(Addresses.STATUS_WRITE, request, LocalCodec.localOnly()))
        .compose(received -> answer.promise.future());
  }

  /** A change on its way to the writer. */
  record Write(StatusChange change, Answer<Optional<Message>> answer) {}

  /** A request to be told when everything handed over before it is committed. */
  record Flush(Answer<Void> answer) {}

  /** Completes the caller's future on the caller's context. */
  static final class Answer<T> {
    private final Context context;
    private final Promise<T> promise = Promise.promise();

    Answer(Context context) {
      this.context = context;
    }

    void complete(AsyncResult<T> result) {
      context.runOnContext(go -> promise.handle(result));
    }

    void succeed(T value) {
      complete(Future.succeededFuture(value));
    }

    void fail(Throwable failure) {
      complete(Future.failedFuture(failure));
    }
  }
}
