package io.tern.metrics;

import io.tern.bus.Addresses;
import io.tern.message.Message;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Counts carrier outcomes from the status events the status writer publishes once a change is
 * committed, so the counts match the store and the carrier code stays free of metrics.
 */
public final class CarrierOutcomeMeter extends VerticleBase {
  private final TernMetrics metrics;

  public CarrierOutcomeMeter(TernMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<Message>localConsumer(Addresses.STATUS_EVENTS,
        event -> metrics.statusApplied(event.body())).completion();
  }
}
