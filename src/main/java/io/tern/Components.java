package io.tern;

import io.tern.config.TernConfig;
import io.tern.store.AccountRegistry;
import io.tern.store.MessageStore;
import java.time.Clock;

/** What every verticle shares: configuration, the stores and the clock. */
public record Components(
    TernConfig config, MessageStore messages, AccountRegistry accounts, Clock clock) {}
