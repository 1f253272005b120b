package io.tern.account;

import io.tern.Gateway;
import io.tern.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

class PostgresSenderQueueApiTest extends SenderQueueApiTest {
  @Override
  protected Future<Gateway> startGateway(Vertx vertx) {
    return start(vertx, TestGateway.postgres(TestGateway.uniqueSchema("sender_queue_api")));
  }
}
