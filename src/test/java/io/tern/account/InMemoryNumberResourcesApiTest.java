package io.tern.account;

import io.tern.Gateway;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

class InMemoryNumberResourcesApiTest extends NumberResourcesApiTest {
  @Override
  protected Future<Gateway> startGateway(Vertx vertx) {
    return TestGateway.inMemory(vertx);
  }
}
