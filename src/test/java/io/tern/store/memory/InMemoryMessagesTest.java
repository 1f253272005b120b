package io.tern.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.store.AccountRegistry;
import io.tern.store.MessageStore;
import io.tern.store.Messages;
import io.tern.store.MessagesContractTest;
import io.vertx.core.Future;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;

class InMemoryMessagesTest extends MessagesContractTest {

  private final InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
  private final InMemoryMessageStore store = new InMemoryMessageStore(accounts);

  @Override
  protected MessageStore store() {
    return store;
  }

  @Override
  protected AccountRegistry accounts() {
    return accounts;
  }

  @Test
  void keysOutsideTheWindowAreDroppedWithoutAnExplicitExpiry(VertxTestContext ctx) {
    Future.all(store.insert(message(1, T0), "a"), store.insert(message(2, T0), "b"),
            store.insert(message(3, T0), "c"))
        .compose(x -> store.insert(
            message(4, T0.plus(Messages.IDEMPOTENCY_WINDOW)), "d"))
        .onComplete(ctx.succeeding(x -> ctx.verify(() -> {
          assertThat(store.idempotencyKeyCount()).isEqualTo(1);
          ctx.completeNow();
        })));
  }
}
