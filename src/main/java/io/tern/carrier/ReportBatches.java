package io.tern.carrier;

import io.tern.store.CarrierIds;
import io.tern.store.CarrierOutcome;
import io.tern.store.CarrierReport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Keeps delivery reports in batches: reports that arrive while a batch is being kept wait and go
 * together in the next one. A report kept on its own is a commit of its own, and at a thousand
 * reports a second those commits cost PostgreSQL more than the messages they report on. No
 * timer: an idle gateway keeps each report at once. One batch at a time; used on one context.
 */
final class ReportBatches {
  static final int MAX_BATCH = 512;

  private record Waiting(CarrierReport report, Promise<Optional<CarrierOutcome>> outcome) {}

  private final CarrierIds carrierIds;
  private final Deque<Waiting> waiting = new ArrayDeque<>();
  private boolean keeping;

  ReportBatches(CarrierIds carrierIds) {
    this.carrierIds = carrierIds;
  }

  /** Keeps the report; the outcome of its message once kept, as {@link CarrierIds#keep}. */
  Future<Optional<CarrierOutcome>> keep(CarrierReport report) {
    Promise<Optional<CarrierOutcome>> outcome = Promise.promise();
    waiting.add(new Waiting(report, outcome));
    keepNext();
    return outcome.future();
  }

  private void keepNext() {
    if (keeping || waiting.isEmpty()) {
      return;
    }
    keeping = true;
    List<Waiting> batch = new ArrayList<>(Math.min(MAX_BATCH, waiting.size()));
    while (batch.size() < MAX_BATCH && !waiting.isEmpty()) {
      batch.add(waiting.poll());
    }
    carrierIds.keepAll(batch.stream().map(Waiting::report).toList()).onComplete(kept -> {
      keeping = false;
      for (int i = 0; i < batch.size(); i++) {
        if (kept.succeeded()) {
          batch.get(i).outcome().complete(kept.result().get(i));
        } else {
          // Not kept: the connector asks the carrier to deliver each report again.
          batch.get(i).outcome().fail(kept.cause());
        }
      }
      keepNext();
    });
  }
}
