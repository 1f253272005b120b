package io.tern;

import io.tern.config.TernConfig;
import io.tern.health.GatewayHealth;
import io.tern.metrics.TernMetrics;
import io.tern.store.AccountRegistry;
import io.tern.store.CallbackOutbox;
import io.tern.store.MessageLifecycle;
import io.tern.store.MessageStore;
import java.time.Clock;

/**
 * What every verticle shares: configuration, the stores (each stage takes the store contract it
 * uses: {@code messages()} for the API, {@link #lifecycle()}, {@link #outbox()}), the clock, the meters it records to
 * and the health checks it contributes to.
 */
public record Components(
    TernConfig config, MessageStore messages, AccountRegistry accounts, Clock clock,
    TernMetrics metrics, GatewayHealth health) {

  /** The store's status changes and recovery reads, for the stages a message passes through. */
  public MessageLifecycle lifecycle() {
    return messages;
  }

  /** The store's callback outbox, for the callback sender. */
  public CallbackOutbox outbox() {
    return messages;
  }
}
