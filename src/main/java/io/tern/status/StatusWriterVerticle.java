package io.tern.status;

import io.tern.bus.Addresses;
import io.tern.bus.LocalCodec;
import io.tern.metrics.BatchMeter;
import io.tern.message.Message;
import io.tern.store.MessageStore;
import io.tern.message.StatusChange;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes status changes to the store in batches. Changes that arrive while a batch is being
 * written wait and go together in the next one: one round trip for many messages under load,
 * and no added delay when idle (no timer). One batch at a time, so changes to one message are
 * applied in the order they were sent (a {@code sent} is never overtaken by its
 * {@code delivered}).
 *
 * <p>Applied changes are published on {@link Addresses#STATUS_EVENTS}; callbacks were written
 * to the outbox in the same transaction, and {@link Addresses#CALLBACKS_PENDING} tells the
 * callback sender to look.
 */
public final class StatusWriterVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(StatusWriterVerticle.class.getName());
  static final int MAX_BATCH = 512;

  private final MessageStore store;
  private final BatchMeter meter;
  private final List<Pending> waiting = new ArrayList<>();
  private Future<Void> inFlight = Future.succeededFuture();
  private boolean writing;

  private record Pending(StatusChange change, io.vertx.core.eventbus.Message<StatusChange> request) {}

  public StatusWriterVerticle(MessageStore store) {
    this(store, BatchMeter.NONE);
  }

  /** @param meter told each batch's size and how long the store took to apply it */
  public StatusWriterVerticle(MessageStore store, BatchMeter meter) {
    this.store = store;
    this.meter = meter;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<StatusChange>localConsumer(Addresses.STATUS_WRITE, request -> {
      waiting.add(new Pending(request.body(), request));
      writeNext();
    }).completion();
  }

  /** Writes what is still waiting before the verticle goes: nothing handed over is dropped. */
  @Override
  public Future<?> stop() {
    Promise<Void> drained = Promise.promise();
    drainThen(drained);
    return drained.future();
  }

  private void drainThen(Promise<Void> drained) {
    inFlight.onComplete(done -> {
      if (waiting.isEmpty() && !writing) {
        drained.complete();
      } else {
        writeNext();
        drainThen(drained);
      }
    });
  }

  private void writeNext() {
    if (writing || waiting.isEmpty()) {
      return;
    }
    writing = true;
    List<Pending> batch = new ArrayList<>(waiting.subList(0, Math.min(MAX_BATCH, waiting.size())));
    waiting.subList(0, batch.size()).clear();
    long started = System.nanoTime();
    inFlight = store.applyStatusChanges(batch.stream().map(Pending::change).toList())
        .onComplete(done -> meter.record(batch.size(), System.nanoTime() - started))
        .onSuccess(updated -> answer(batch, updated))
        .onFailure(failure -> {
          // Not written: nothing is lost, the messages keep their previous status in the store
          // and are found again by recovery; the senders hear of the failure.
          LOG.log(System.Logger.Level.ERROR, "Writing " + batch.size() + " status changes failed", failure);
          batch.forEach(pending -> pending.request().fail(500, failure.getMessage()));
        })
        .<Void>mapEmpty()
        .recover(ignored -> Future.succeededFuture())
        .onComplete(done -> {
          writing = false;
          writeNext();
        });
  }

  private void answer(List<Pending> batch, List<Message> updated) {
    boolean anyApplied = false;
    for (int i = 0; i < batch.size(); i++) {
      Message message = updated.get(i);
      batch.get(i).request().reply(message, LocalCodec.localOnly());
      if (message != null) {
        anyApplied = true;
        vertx.eventBus().publish(Addresses.STATUS_EVENTS, message, LocalCodec.localOnly());
      }
    }
    if (anyApplied) {
      vertx.eventBus().publish(Addresses.CALLBACKS_PENDING, null, LocalCodec.localOnly());
    }
  }
}
