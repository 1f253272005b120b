package io.tern.metrics;

import io.tern.message.Message;
import java.util.function.LongSupplier;

/**
 * What the status writer reports beyond its batches: each change committed (so carrier outcomes
 * are counted as the store has them), how many changes wait for the store, how often a batch had
 * to be tried again, and changes refused or given up (never silently).
 */
public interface StatusWriteMeter {
  StatusWriteMeter NONE = new StatusWriteMeter() {
    @Override
    public void applied(Message message) {}

    @Override
    public void pending(LongSupplier waiting) {}

    @Override
    public void retried(int changes) {}

    @Override
    public void refused() {}

    @Override
    public void rejected() {}
  };

  /**
   * A change committed; {@code message} is the message as it stands after it. Called on the
   * writer's event loop for every applied change, so it must not block or wait.
   */
  void applied(Message message);

  /** Registers the gauge of changes handed over and not yet committed. */
  void pending(LongSupplier waiting);

  /** A batch of {@code changes} failed for want of the store and goes again. */
  void retried(int changes);

  /** A change refused because the writer already holds its bound of uncommitted changes. */
  void refused();

  /** A change the store rejected on its own (not an outage), so it is not tried again. */
  void rejected();
}
