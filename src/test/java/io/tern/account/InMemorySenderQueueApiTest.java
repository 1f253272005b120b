package io.tern.account;

import io.tern.Gateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;

class InMemorySenderQueueApiTest extends SenderQueueApiTest {
  @Override
  protected Future<Gateway> startGateway(Vertx vertx) {
    return start(vertx, Map.of());
  }
}
