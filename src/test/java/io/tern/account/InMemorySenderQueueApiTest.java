package io.tern.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.store.memory.InMemoryMessageStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemorySenderQueueApiTest extends SenderQueueApiTest {
  @Override
  protected Future<Gateway> startGateway(Vertx vertx) {
    return start(vertx, Map.of());
  }

  /** The suite above runs on the store this class stands for. */
  @Test
  void runsOnTheInMemoryStore() {
    assertThat(gateway.components().messages()).isInstanceOf(InMemoryMessageStore.class);
  }
}
