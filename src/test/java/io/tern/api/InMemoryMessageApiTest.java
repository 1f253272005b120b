package io.tern.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.Gateway;
import io.tern.store.memory.InMemoryMessageStore;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

class InMemoryMessageApiTest extends MessageApiTest {
  @Override
  protected Future<Gateway> startGateway(Vertx vertx) {
    return TestGateway.inMemory(vertx);
  }

  /** The suite above runs on the store this class stands for. */
  @Test
  void runsOnTheInMemoryStore() {
    assertThat(gateway.components().messages()).isInstanceOf(InMemoryMessageStore.class);
  }
}
