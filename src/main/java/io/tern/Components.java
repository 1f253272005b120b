package io.tern;

import io.tern.config.TernConfig;
import io.tern.health.GatewayHealth;
import io.tern.metrics.TernMetrics;
import io.tern.store.AccountRegistry;
import io.tern.store.MessageStore;
import java.time.Clock;

/**
 * What every verticle shares: configuration, the stores, the clock, the meters it records to
 * and the health checks it contributes to.
 */
public record Components(
    TernConfig config, MessageStore messages, AccountRegistry accounts, Clock clock,
    TernMetrics metrics, GatewayHealth health) {}
