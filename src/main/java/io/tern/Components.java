package io.tern;

import io.tern.config.TernConfig;
import io.tern.health.GatewayHealth;
import io.tern.metrics.TernMetrics;
import io.tern.store.AccountRegistry;
import io.tern.store.CallbackOutbox;
import io.tern.store.MessageLifecycle;
import io.tern.store.InboundStore;
import io.tern.store.MessageStore;
import io.tern.store.OptOuts;
import io.tern.store.memory.InMemoryAccountRegistry;
import io.tern.store.memory.InMemoryInboundStore;
import io.tern.store.memory.InMemoryOptOuts;
import java.time.Clock;

/**
 * What every verticle shares: configuration, the stores (each stage takes the store contract it
 * uses: {@code messages()} for the API, {@link #lifecycle()}, {@link #outbox()}), the clock, the meters it records to
 * and the health checks it contributes to.
 *
 * @param inbound received messages' parts, recipients and webhook outbox
 * @param optOuts recipients who replied STOP, read by validation
 */
public record Components(
    TernConfig config, MessageStore messages, AccountRegistry accounts, Clock clock,
    TernMetrics metrics, GatewayHealth health, InboundStore inbound, OptOuts optOuts) {

  /**
   * Components over an in-memory registry, with in-memory inbound stores beside it (for tests
   * that assemble their own components).
   */
  public Components(TernConfig config, MessageStore messages, InMemoryAccountRegistry accounts,
      Clock clock, TernMetrics metrics, GatewayHealth health) {
    this(config, messages, accounts, clock, metrics, health, new InMemoryInboundStore(accounts),
        new InMemoryOptOuts(accounts));
  }

  /** The store's status changes and recovery reads, for the stages a message passes through. */
  public MessageLifecycle lifecycle() {
    return messages;
  }

  /** The store's callback outbox, for the callback sender. */
  public CallbackOutbox outbox() {
    return messages;
  }
}
